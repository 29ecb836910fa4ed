import pytest
from fixtures import build_tiny_database, write_tiny_bundle

from icc.store import db


@pytest.fixture
def tiny_bundle(tmp_path):
    return write_tiny_bundle(tmp_path / "data")


@pytest.fixture(scope="session")
def tiny_db(tmp_path_factory):
    return build_tiny_database(tmp_path_factory.mktemp("tiny"))


@pytest.fixture
def tiny_con(tiny_db):
    con = db.connect(tiny_db)
    yield con
    con.close()
