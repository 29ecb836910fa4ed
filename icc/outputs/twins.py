"""Data twins: the figures behind the pages as read-only JSON and CSV files that a city's web page or a
notebook can read (datasette's idea, offline): one file per named query without parameters, written next to
the app's static files for the snapshot being served, at /app/static/data/<dataset>/<query>.<json|csv>."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import duckdb
import pandas as pd

from icc import site
from icc.i18n import set_dataset, t
from icc.outputs import tables
from icc.paths import QUERIES, STATIC
from icc.store import db

# A named query whose header has this line stays inside the app (the coordinators' import checks).
INTERNAL = "-- internal"


def is_internal(name: str) -> bool:
    return any(line.startswith(INTERNAL) for line in (QUERIES / f"{name}.sql").read_text(encoding="utf-8").splitlines()
               if line.startswith("--"))


# Every named query without parameters has a twin, unless its header says it is internal.
TWIN_QUERIES = tuple(name for name in db.query_names() if not db.load_query(name)[1] and not is_internal(name))


def twin_url(dataset: str, query: str, format: str) -> str:
    """A twin's address, under the server's prefix: /app/static/data/<dataset>/<query>.<json|csv>."""
    return site.static_url(f"data/{dataset}/{query}.{format}")


MARKER = "SNAPSHOT"


def twin_folder(dataset: str, root: Path = STATIC) -> Path:
    return root / "data" / dataset


def query_description(name: str) -> str:
    """The named query's own first comment line (what it returns)."""
    first = (QUERIES / f"{name}.sql").read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("--").strip()


def as_json(frame: pd.DataFrame, name: str, dataset: str, snapshot: str) -> str:
    records = json.loads(tables.plain(frame).to_json(orient="records", date_format="iso"))
    return json.dumps({"query": name, "dataset": dataset, "fictional": dataset == "demo",
                       "snapshot": Path(snapshot).name, "description": query_description(name),
                       "columns": [str(column) for column in frame.columns], "rows": records},
                      ensure_ascii=False, indent=1)


def write_twins(con: duckdb.DuckDBPyConnection, dataset: str, snapshot: str, root: Path = STATIC) -> Path:
    """Every twin of one snapshot, written beside the folder then swapped in (a reader never sees half; two
    workers writing at once leave one complete folder)."""
    set_dataset(dataset)  # a demo CSV marks every row as fictional
    folder = twin_folder(dataset, root)
    unique = uuid.uuid4().hex[:12]
    staging = folder.with_name(f".{dataset}.{unique}.partial")
    staging.mkdir(parents=True)
    for name in TWIN_QUERIES:
        frame = db.run_encoded(name, con=con) if name == "export_scores" else db.run(name, con=con)
        (staging / f"{name}.json").write_text(as_json(frame, name, dataset, snapshot), encoding="utf-8")
        (staging / f"{name}.csv").write_bytes(tables.table_csv(frame))
    (staging / MARKER).write_text(Path(snapshot).name, encoding="utf-8")
    retired = folder.with_name(f".{dataset}.{unique}.retired")
    try:
        if folder.exists():
            folder.rename(retired)
        staging.rename(folder)
    except OSError:  # another worker swapped its copy in at the same moment: theirs is as good
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(retired, ignore_errors=True)
    return folder


# (root, dataset, snapshot) this process has seen twins for: a page run then checks nothing on disk.
_CURRENT: set[tuple[Path, str, str]] = set()


def ensure_twins(con: duckdb.DuckDBPyConnection, dataset: str, snapshot: str, root: Path = STATIC) -> None:
    """Write the twins when the snapshot being served is not the one they were made from."""
    key = (root, dataset, Path(snapshot).name)
    if key in _CURRENT:
        return
    marker = twin_folder(dataset, root) / MARKER
    if not marker.exists() or marker.read_text(encoding="utf-8") != key[2]:
        write_twins(con, dataset, snapshot, root)
    _CURRENT.add(key)


def twin_listing(dataset: str) -> pd.DataFrame:
    """The Data page's table: each twin with what it holds and its two addresses."""
    return pd.DataFrame({"query": list(TWIN_QUERIES),
                         # What each holds, for a reader, in the interface's language (the query's own comment is
                         # a developer's note, in English: "year NULL = unknown").
                         "description": [t(f"twin.{name}") for name in TWIN_QUERIES],
                         "json": [twin_url(dataset, name, "json") for name in TWIN_QUERIES],
                         "csv": [twin_url(dataset, name, "csv") for name in TWIN_QUERIES]})
