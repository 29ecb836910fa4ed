import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fixtures import build_tiny_database, write_tiny_bundle  # noqa: E402

from icc.store import db  # noqa: E402


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
