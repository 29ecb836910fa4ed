"""Where the project's files live; every other module asks here (the places a setting can move are read from
icc/settings.py)."""

from icc import settings

ROOT = settings.ROOT
DATA = ROOT / "data"
QUERIES = ROOT / "queries"
STATIC = ROOT / "static"
# The benchmarks, the load test and the serving test point the app at other databases (and import store).
PUBLISHED_DB = settings.value("published_db")
DEMO_DB = settings.value("demo_db")
BOUNDARIES = DATA / "boundaries" / "countries.geojson"
IMPORT_STORE = settings.value("import_store")
