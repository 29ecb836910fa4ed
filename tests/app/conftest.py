import pytest

from icc import build, demo
from icc.paths import DEMO_DB, PUBLISHED_DB

PAGES = ["dashboard.py", "pages/map.py", "pages/city.py", "pages/compare.py", "pages/trends.py", "pages/areas.py",
         "pages/practices.py", "pages/visit.py", "pages/data.py", "pages/about.py"]


@pytest.fixture(scope="session", autouse=True)
def app_databases():
    """The pages read data/icc.duckdb and data/demo.duckdb: build them as `make run` would."""
    if build.is_stale():
        build.build()
    if not DEMO_DB.exists():
        demo.write_demo()
    return PUBLISHED_DB, DEMO_DB
