"""Tables handed on: CSV (zipped with a codebook), XLSX (a codebook sheet) and Parquet; import templates.
Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX; every row of a demo file
says it is fictional."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from icc.i18n import current_dataset, t
from icc.i18n.format import FORMULA_PREFIXES, neutralise
from icc.store import db

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def meaning(column: str) -> str:
    """What a column holds, in the interface language (catalogue keys codebook.<column>); empty if unknown."""
    key = f"codebook.{column}"
    text = t(key)
    return "" if text == key else text


def column_labels(column_config: dict) -> dict[str, str]:
    """Column -> the heading the page shows (a plain label, or a st.column_config entry's label)."""
    labels = {}
    for column, config in column_config.items():
        label = config if isinstance(config, str) else (config or {}).get("label")
        if label:
            labels[column] = label
    return labels


def codebook(frames: dict[str, pd.DataFrame], labels: dict[str, str] | None = None,
             meanings: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per table column: its name in the file, the heading the page shows and what it holds."""
    labels, meanings = labels or {}, meanings or {}
    rows = [{t("codebook.head.table"): table, t("codebook.head.column"): column,
             t("codebook.head.label"): labels.get(column, column),
             t("codebook.head.meaning"): meanings.get(column) or meaning(str(column))}
            for table, frame in frames.items() for column in frame.columns]
    return pd.DataFrame(rows)


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith(("str", "category")):
            safe[column] = safe[column].map(
                lambda value: neutralise(value) if isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
                else value)
    return safe


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and other nested values as text (CSV, XLSX and Parquet all accept that)."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):  # dictionary-encoded text, never nested
            continue
        if out[column].map(lambda value: isinstance(value, (list, tuple, dict))).any():
            out[column] = out[column].map(lambda value: "; ".join(map(str, value))
                                          if isinstance(value, (list, tuple)) else value)
    return out


def marked(frame: pd.DataFrame) -> pd.DataFrame:
    """Every row of a file made from the fictional demo says so in a first column: a table copied out of its
    file, or its file renamed, still cannot pass for real data."""
    if current_dataset() != "demo" or "dataset" in frame.columns:
        return frame
    return pd.concat([pd.DataFrame({"dataset": [t("export.demo_value")] * len(frame)}, index=frame.index), frame],
                     axis=1)


def table_csv(frame: pd.DataFrame) -> bytes:
    return safe_for_spreadsheets(plain(marked(frame))).to_csv(index=False).encode("utf-8")


def to_xlsx(frames: dict[str, pd.DataFrame], book: pd.DataFrame | None = None) -> bytes:
    """One sheet per table and a 'codebook' sheet (`book`, else built from the column names)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frames = {name: marked(frame) for name, frame in frames.items()}
        for name, frame in frames.items():
            safe_for_spreadsheets(plain(frame)).to_excel(writer, sheet_name=name[:31], index=False)
        book = codebook(frames) if book is None else pd.concat([codebook({name: frame[["dataset"]] for name, frame
                                                                          in frames.items() if "dataset" in frame}),
                                                                 book], ignore_index=True)
        book.to_excel(writer, sheet_name="codebook", index=False)
    return buffer.getvalue()


def zipped(frames: dict[str, pd.DataFrame], extension: str, write) -> bytes:
    """One file per table, `write(frame)` giving its bytes, and the codebook, in a zip."""
    frames = {name: marked(frame) for name, frame in frames.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            archive.writestr(f"{name}.{extension}", write(frame))
        archive.writestr("codebook.csv", codebook(frames).to_csv(index=False))
    return buffer.getvalue()


def to_csv_zip(frames: dict[str, pd.DataFrame]) -> bytes:
    return zipped(frames, "csv", table_csv)


def to_parquet_zip(frames: dict[str, pd.DataFrame]) -> bytes:
    return zipped(frames, "parquet", lambda frame: plain(frame).to_parquet(index=False))


LONG_TEMPLATE_COLUMNS = ["city", "country", "assessed_on", "index_version", "area", "score", "sample_avg"]


def long_template() -> bytes:
    return (",".join(LONG_TEMPLATE_COLUMNS) + "\n").encode("utf-8")


def wide_template(areas: pd.DataFrame, version: str = "2019") -> bytes:
    """An XLSX with the header of a wide round (one column per area of the version) and instructions."""
    names = areas[(areas["version_id"] == version) & (areas["group_code"] != "composite")]
    columns = ["city", "country", "assessed_on", "index_version", "Aggregate ICC Index", *names["name_en"]]
    instructions = pd.DataFrame({"how to fill in": [
        "One row per city assessment. city: the city's name or id; country: its name or ISO code.",
        "assessed_on: 2024-02-15, 2024-02 or 2024. index_version: 2009 or 2019.",
        "Scores 0-100 in the area columns; leave an area empty when the city did not answer it.",
        "Column names may be the English or French area names or the short chart labels.",
    ]})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(columns=columns).to_excel(writer, sheet_name="round", index=False)
        instructions.to_excel(writer, sheet_name="instructions", index=False)
    return buffer.getvalue()


def dataset_files(session) -> dict:
    """The whole dataset in every download format, with counts for the page's sentence."""
    tables = {"scores": db.run_encoded("export_scores", con=session.con),
              "cities": session.query("cities").drop(columns=["has_index"], errors="ignore")}
    return {"csv": to_csv_zip(tables), "xlsx": to_xlsx(tables), "parquet": to_parquet_zip(tables),
            "scores": len(tables["scores"]), "cities": len(tables["cities"])}


def wide_template_for(session) -> bytes:
    return wide_template(session.query("policy_areas"))
