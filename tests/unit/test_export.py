"""Exports: valid, non-empty files with a codebook; formula cells neutralised."""

import io
import zipfile

import pandas as pd

from icc import export

FRAMES = {"scores": pd.DataFrame({"city_name": ["=cmd|' /C calc'!A0", "Oslo"], "score": [70.0, 85.0],
                                  "network_ids": [["a", "b"], []]})}


def test_xlsx_has_a_codebook_and_neutralised_formulas():
    book = pd.read_excel(io.BytesIO(export.to_xlsx(FRAMES)), sheet_name=None)
    assert set(book) == {"scores", "codebook"}
    assert book["scores"]["city_name"].tolist() == ["'=cmd|' /C calc'!A0", "Oslo"]
    assert book["scores"]["network_ids"].tolist()[0] == "a; b"
    assert "0-100 points" in book["codebook"].set_index("column").loc["score", "meaning"]


def test_csv_and_parquet_zips():
    with zipfile.ZipFile(io.BytesIO(export.to_csv_zip(FRAMES))) as archive:
        assert sorted(archive.namelist()) == ["codebook.csv", "scores.csv"]
        assert "'=cmd" in archive.read("scores.csv").decode()
    with zipfile.ZipFile(io.BytesIO(export.to_parquet_zip(FRAMES))) as archive:
        frame = pd.read_parquet(io.BytesIO(archive.read("scores.parquet")))
        assert frame["score"].tolist() == [70.0, 85.0]


def test_templates():
    assert export.long_template().decode().strip() == "city,country,assessed_on,index_version,area,score,sample_avg"
    areas = pd.DataFrame({"version_id": ["2019", "2019"], "group_code": ["core", "composite"],
                          "name_en": ["Commitment", "Aggregate ICC Index"]})
    sheets = pd.read_excel(io.BytesIO(export.wide_template(areas)), sheet_name=None)
    assert list(sheets["round"].columns) == ["city", "country", "assessed_on", "index_version",
                                             "Aggregate ICC Index", "Commitment"]
