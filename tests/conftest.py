"""Shared fixtures. The fast tier stands alone: the app's databases are built for the test run in a temporary
folder with an empty import store, so a batch a developer imported locally changes nothing the tests see (the
variables are set before any module of icc reads them; subprocesses and servers the tests start inherit them)."""

import os
import tempfile
from pathlib import Path

_RUN = Path(tempfile.mkdtemp(prefix="icc-tests-"))
os.environ.setdefault("ICC_PUBLISHED_DB", str(_RUN / "icc.duckdb"))
os.environ.setdefault("ICC_IMPORT_STORE", str(_RUN / "imports" / "batches.duckdb"))
# The fast tier starts no browser: the renderer starts only when a test asks for a file.
os.environ.setdefault("ICC_WARM_RENDERER", "false")

import pytest  # noqa: E402
from fixtures import build_tiny_database, write_tiny_bundle  # noqa: E402

from icc.i18n import set_language  # noqa: E402
from icc.store import build, db  # noqa: E402
from icc.store.publishing import Paths  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def published_database():
    """The published data built from data/ into this run's folder, as `make build` would (once per process)."""
    if build.is_stale():
        build.build()


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


@pytest.fixture
def english():
    set_language("en")


@pytest.fixture
def paths(tmp_path):
    """The tiny bundle built in its own folder, with its own import store: for imports, rollbacks and builds."""
    chosen = Paths(write_tiny_bundle(tmp_path / "data"), tmp_path / "out" / "icc.duckdb",
                   tmp_path / "imports" / "batches.duckdb")
    build.build(chosen.data_dir, chosen.target, chosen.store)
    return chosen
