"""Where the project's files live; every other module asks here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
QUERIES = ROOT / "queries"
STATIC = ROOT / "static"
PUBLISHED_DB = DATA / "icc.duckdb"
DEMO_DB = DATA / "demo.duckdb"
BOUNDARIES = DATA / "boundaries" / "countries.geojson"
IMPORT_STORE = DATA / "imports" / "batches.duckdb"
