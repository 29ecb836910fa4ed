"""Exports: valid, non-empty files with a codebook; formula cells neutralised."""

import io
import zipfile

import pandas as pd

from icc.i18n import set_language
from icc.i18n.format import neutralise
from icc.outputs import tables

FRAMES = {"scores": pd.DataFrame({"city_name": ["=cmd|' /C calc'!A0", "Oslo"], "score": [70.0, 85.0],
                                  "network_ids": [["a", "b"], []]})}


def test_xlsx_has_a_codebook_and_neutralised_formulas():
    book = pd.read_excel(io.BytesIO(tables.to_xlsx(FRAMES)), sheet_name=None)
    assert set(book) == {"scores", "codebook"}
    assert book["scores"]["city_name"].tolist() == ["'=cmd|' /C calc'!A0", "Oslo"]
    assert book["scores"]["network_ids"].tolist()[0] == "a; b"
    assert "0-100 points" in book["codebook"].set_index("column").loc["score", "meaning"]


def test_codebook_gives_labels_and_meanings_in_the_interface_language():
    frames = {"ranking": pd.DataFrame({"rank": [1], "education": [70.0], "mystery": ["x"]})}
    book = tables.codebook(frames, {"rank": "Rank"}, {"education": "Score in Education"})
    assert book.values.tolist() == [
        ["ranking", "rank", "Rank", "Rank among the cities with a score (shared on ties)"],
        ["ranking", "education", "education", "Score in Education"],
        ["ranking", "mystery", "mystery", ""]]
    set_language("fr")
    try:
        french = tables.codebook(frames)
    finally:
        set_language("en")
    assert list(french.columns) == ["tableau", "colonne", "intitulé", "signification"]
    assert french.iloc[0, 3] == "Rang parmi les villes notées (partagé en cas d'égalité)"


def test_table_xlsx_has_the_given_codebook_sheet():
    frame = pd.DataFrame({"score": [70.0]})
    book = tables.codebook({"t": frame}, {"score": "Score"})
    sheets = pd.read_excel(io.BytesIO(tables.to_xlsx({"t": frame}, book)), sheet_name=None)
    assert list(sheets) == ["t", "codebook"] and sheets["codebook"]["label"].tolist() == ["Score"]
    assert tables.table_csv(pd.DataFrame({"city": ["=1+1"]})).decode().splitlines() == ["city", "'=1+1"]


def test_csv_and_parquet_zips():
    with zipfile.ZipFile(io.BytesIO(tables.to_csv_zip(FRAMES))) as archive:
        assert sorted(archive.namelist()) == ["codebook.csv", "scores.csv"]
        assert "'=cmd" in archive.read("scores.csv").decode()
    with zipfile.ZipFile(io.BytesIO(tables.to_parquet_zip(FRAMES))) as archive:
        frame = pd.read_parquet(io.BytesIO(archive.read("scores.parquet")))
        assert frame["score"].tolist() == [70.0, 85.0]


def test_templates():
    assert tables.long_template().decode().strip() == "city,country,assessed_on,index_version,area,score,sample_avg"
    areas = pd.DataFrame({"version_id": ["2019", "2019"], "group_code": ["core", "composite"],
                          "name_en": ["Commitment", "Aggregate ICC Index"]})
    sheets = pd.read_excel(io.BytesIO(tables.wide_template(areas)), sheet_name=None)
    assert list(sheets["round"].columns) == ["city", "country", "assessed_on", "index_version",
                                             "Aggregate ICC Index", "Commitment"]


def test_dictionary_encoded_text_is_neutralised_and_written_like_plain_text():
    encoded = {"scores": pd.DataFrame({"city_name": pd.Categorical(["=cmd|' /C calc'!A0", "Oslo", None]),
                                       "score": [70.0, 85.0, 1.0]})}
    book = pd.read_excel(io.BytesIO(tables.to_xlsx(encoded)), sheet_name="scores")
    assert book["city_name"].tolist()[:2] == ["'=cmd|' /C calc'!A0", "Oslo"] and pd.isna(book["city_name"].iloc[2])
    with zipfile.ZipFile(io.BytesIO(tables.to_csv_zip(encoded))) as archive:
        assert archive.read("scores.csv").decode().splitlines()[1:] == ["'=cmd|' /C calc'!A0,70.0", "Oslo,85.0", ",1.0"]


def test_every_file_made_from_the_demo_says_it_is_fictional():
    import io as io_module

    import openpyxl

    from icc.i18n import set_dataset
    from icc.outputs import tables

    frame = pd.DataFrame({"city": ["Alanmark"], "score": [55.0]})
    set_dataset("demo")
    try:
        csv_text = tables.table_csv(frame).decode()
        workbook = openpyxl.load_workbook(io_module.BytesIO(tables.to_xlsx({"t": frame}, tables.codebook({"t": frame}))))
    finally:
        set_dataset("published")
    assert csv_text.splitlines()[0] == "dataset,city,score" and "FICTIONAL demo network" in csv_text.splitlines()[1]
    assert workbook["t"]["A2"].value.startswith("FICTIONAL demo network")
    codebook_text = " ".join(str(cell.value) for row in workbook["codebook"].iter_rows() for cell in row)
    assert "fictional demo network" in codebook_text
    assert "dataset" not in tables.table_csv(frame).decode()  # published files are not marked


def test_formula_cells_are_neutralised_for_spreadsheets():
    assert neutralise("=1+1") == "'=1+1" and neutralise("Oslo") == "Oslo" and neutralise(None) == ""
