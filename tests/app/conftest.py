import pytest
from streamlit import config

from icc import site
from icc.paths import DATA, DEMO_DB, PUBLISHED_DB, QUERIES, ROOT
from icc.store import build, demo_network
from icc.web import frame

# The server hides error details from users; the tests want them.
config.set_option("client.showErrorDetails", "full")

# Every page, from the one list (icc/site.py).
PAGES = [page.script for page in site.PAGES]


@pytest.fixture(autouse=True)
def page_errors_raise(monkeypatch):
    """A page's exception reaches the test (the server would show users a reference instead; the test of
    that sets this back)."""
    monkeypatch.setattr(frame, "RAISE_PAGE_ERRORS", True)


@pytest.fixture(scope="session", autouse=True)
def app_databases():
    """The pages read data/icc.duckdb and data/demo.duckdb: build them as `make run` would."""
    if build.is_stale():
        build.build()
    inputs = [QUERIES / "schema.sql", QUERIES / "views.sql", ROOT / "icc" / "store" / "demo_network.py", *DATA.glob("*.csv")]
    if not DEMO_DB.exists() or DEMO_DB.stat().st_mtime < max(path.stat().st_mtime for path in inputs):
        demo_network.write_demo()  # as `make demo` would: regenerated when its inputs changed
    return PUBLISHED_DB, DEMO_DB
