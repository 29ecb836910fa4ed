"""Where the project's files live; every other module asks here."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
QUERIES = ROOT / "queries"
STATIC = ROOT / "static"
# The benchmarks, the load test and the serving test point the app at other databases (and import store)
# through these variables.
PUBLISHED_DB = Path(os.environ.get("ICC_PUBLISHED_DB", DATA / "icc.duckdb"))
DEMO_DB = Path(os.environ.get("ICC_DEMO_DB", DATA / "demo.duckdb"))
BOUNDARIES = DATA / "boundaries" / "countries.geojson"
IMPORT_STORE = Path(os.environ.get("ICC_IMPORT_STORE", DATA / "imports" / "batches.duckdb"))
