"""Imports read the value a coordinator sees and nothing else (issue 23): percent cells, percent text, 0-1
scales, one assessment per city, date and version, numbers and dates written only in the digits 0-9, invisible
characters named, and spreadsheets that are damaged or built to exhaust the reader refused as problems of the
file."""

import io
import zipfile

import pytest
from fixtures import LONG_HEADER, xlsx_bytes

from icc.imports import round_file, xlsx_cells
from icc.store import db, publishing

WIDE_HEADER = ["city", "assessed_on", "index_version", "Education", "Commitment"]


def parse(paths, content, name="round.csv"):
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with db.connect(paths.target) as con:
        parsed = round_file.parse_import(raw, name, round_file.reference_from(con))
        stored = round_file.existing_scores(con, parsed) if parsed.valid else None
    return parsed, stored


def messages(parsed):
    return [problem.message for problem in parsed.problems]




def package(sheet_rows: str, strings: list[str] = (), dimension: str = "A1:E2", styles: str = "") -> bytes:
    """A minimal XLSX package written by hand, for files no spreadsheet program would write."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                                                'org/package/2006/content-types"/>')
        archive.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                            'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                            'relationships"><sheets><sheet name="Round" sheetId="1" r:id="rId1"/>'
                                            '</sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                                                 'main">' + "".join(f"<si><t>{text}</t></si>" for text in strings)
                         + "</sst>")
        if styles:
            archive.writestr("xl/styles.xml", styles)
        archive.writestr("xl/worksheets/sheet1.xml",
                         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                         f'<dimension ref="{dimension}"/><sheetData>{sheet_rows}</sheetData></worksheet>')
    return buffer.getvalue()


def header_and_row(values: str, row: int = 2) -> str:
    """Row 1 holds the five shared strings 0-4 (the wide header); `values` is row 2's cells."""
    header = "".join(f'<c r="{column}1" t="s"><v>{index}</v></c>' for index, column in enumerate("ABCDE"))
    return f'<row r="1">{header}</row><row r="{row}">{values}</row>'


# 1. The value a coordinator sees.

def test_percent_formatted_cells_import_the_percentage_excel_shows(paths):
    raw = xlsx_bytes([WIDE_HEADER, ["alpha", "2024-05", "2019", 0.612, 0.7]], {"D2": "0.0%", "E2": "0%"})
    parsed, stored = parse(paths, raw, "round.xlsx")
    assert parsed.valid, parsed.problems
    assert sorted(parsed.scores["score"]) == [61.2, 70.0]
    preview = round_file.preview(parsed, stored)
    assert sorted(zip(preview["cell"], preview["new"])) == [("61.2%", 61.2), ("70%", 70.0)]


def test_a_number_format_with_fixed_decimals_imports_the_rounded_value_shown(paths):
    raw = xlsx_bytes([WIDE_HEADER, ["alpha", "2024-05", "2019", 61.24, 70.456]], {"D2": "0.0", "E2": "0"})
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert sorted(parsed.scores["score"]) == [61.2, 70.0]


@pytest.mark.parametrize("text", ["72%", "72 %", "72\u00a0%", "72,0 %"])
def test_percent_text_is_read_as_points(paths, text):
    parsed, _ = parse(paths, LONG_HEADER + f'alpha,,2024,2019,education,"{text}",\n')
    assert parsed.valid, parsed.problems
    assert parsed.scores["score"].tolist() == [72.0]


def test_an_assessment_on_a_zero_to_one_scale_is_refused_naming_the_scale(paths):
    parsed, _ = parse(paths, LONG_HEADER + "alpha,,2024,2019,education,0.61,\nalpha,,2024,2019,commitment,0.72,\n")
    assert messages(parsed) == ["every score of this assessment lies between 0 and 1: the Index scores from 0 to 100"]
    assert parsed.problems[0].value == "0.61, 0.72" and "72" in parsed.problems[0].suggestion
    unformatted = xlsx_bytes([WIDE_HEADER, ["alpha", "2024-05", "2019", 0.612, 0.7]])
    assert "lies between 0 and 1" in messages(parse(paths, unformatted, "round.xlsx")[0])[0]


def test_a_single_score_of_zero_or_one_point_is_a_real_score(paths):
    for score in ("0", "1"):
        parsed, _ = parse(paths, LONG_HEADER + f"alpha,,2024,2019,education,{score},\n")
        assert parsed.valid, parsed.problems


# 2. One assessment per city, date and Index version.

@pytest.mark.parametrize("date", ["２０２０-０９", "٢٠٢٠-٠٩"])
def test_dates_in_other_digits_are_refused(paths, date):
    parsed, _ = parse(paths, LONG_HEADER + f"alpha,,{date},2019,education,90,\n")
    assert messages(parsed) == ["the date is written with digits other than 0-9: type it as YYYY-MM-DD, YYYY-MM or YYYY"]


def test_a_stored_assessment_keeps_one_id_and_gets_the_score(paths):
    parsed, stored = parse(paths, LONG_HEADER + "alpha,,2020-09,2019,commitment,66,\n")
    assert parsed.assessments["assessment_id"].tolist() == ["alpha-2019-2020-09"]
    assert round_file.preview(parsed, stored)["change"].tolist() == ["new score"]


def test_the_other_index_version_for_a_stored_city_and_date_is_refused(paths):
    parsed, _ = parse(paths, LONG_HEADER + "alpha,,2020-09,2009,commitment,66,\n")
    assert messages(parsed) == ["Alpha's stored assessment dated 2020-09 (alpha-2019-2020-09) is in the 2019 Index"]


@pytest.mark.parametrize("date", ["2020-09-01", "2020"])
def test_a_date_inside_a_stored_assessments_period_is_refused_not_made_a_second_assessment(paths, date):
    parsed, _ = parse(paths, LONG_HEADER + f"alpha,,{date},2019,commitment,66,\n")
    assert len(parsed.problems) == 1 and "has a stored assessment dated 2020-09 (alpha-2019-2020-09), which" in messages(parsed)[0]
    assert parsed.problems[0].suggestion.startswith("write the date as 2020-09")


def test_two_spellings_of_one_period_in_one_file_are_refused(paths):
    parsed, _ = parse(paths, LONG_HEADER + "beta,,2022-05,2019,commitment,66,\nbeta,,2022-05-03,2019,education,50,\n")
    assert messages(parsed) == ["line 2 dates an assessment of Beta 2022-05, which 2022-05-03 overlaps"]


def test_the_same_date_written_as_text_and_as_a_date_cell_is_one_assessment(paths):
    import datetime as dt

    raw = xlsx_bytes([WIDE_HEADER, ["beta", "2022-05-03", "2019", 50, None],
                          ["beta", dt.datetime(2022, 5, 3), "2019", None, 66]])
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert parsed.valid, parsed.problems
    assert parsed.assessments["assessment_id"].tolist() == ["beta-2019-2022-05-03"]


def test_after_a_commit_the_stored_assessment_still_has_one_date_and_its_scores(paths):
    parsed, _ = parse(paths, LONG_HEADER + "alpha,,2020-09,2019,commitment,66,\n")
    publishing.commit(parsed, "tester", paths)
    for later in ("alpha,,２０２０-０９,2019,commitment,67,\n", "alpha,,2020-09-01,2019,commitment,67,\n",
                  "alpha,,2020-09,2009,commitment,67,\n"):
        assert not parse(paths, LONG_HEADER + later)[0].valid
    with db.connect(paths.target) as con:
        rows = con.sql("select assessment_id, count(*) from score where assessment_id like 'alpha-%' "
                       "group by 1 order by 1").fetchall()
    assert rows == [("alpha-2009-2017", 1), ("alpha-2019-2020-09", 3)]


# 5. Numbers as written.

@pytest.mark.parametrize(("text", "advice"), [
    ("5_0", "write a number from 0 to 100"), ("1e2", "write a number from 0 to 100"),
    ("７２", "digits other than 0-9"), ("٧٢", "digits other than 0-9"), ("7 2", "write a number from 0 to 100")])
def test_numbers_not_written_as_a_person_writes_a_score_are_refused(paths, text, advice):
    parsed, _ = parse(paths, LONG_HEADER + f"alpha,,2024,2019,education,{text},\n")
    assert messages(parsed) == ["the score is not a number"] and advice in parsed.problems[0].suggestion


def test_invisible_characters_are_named_in_the_report(paths):
    parsed, _ = parse(paths, LONG_HEADER + "oslo\u200b,,2024,2019,education,50,\nalpha,,2024,2019,education,5\x000,\n")
    values = [problem.value for problem in parsed.problems]
    assert "oslo⟨U+200B ZERO WIDTH SPACE⟩" in values and "5⟨U+0000 CONTROL CHARACTER⟩0" in values
    assert all("cannot be seen" in problem.suggestion for problem in parsed.problems)


# 3 and 4. Damaged spreadsheets and spreadsheets built to exhaust the reader.

def test_a_cell_reference_that_is_no_cell_is_a_problem_of_the_file(paths):
    raw = package(header_and_row('<c r="ZZZZ2"><v>1</v></c>'), WIDE_HEADER)
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert messages(parsed) == ["the cell reference 'ZZZZ2' is not a cell of row 2"]


def test_a_shared_string_index_out_of_range_is_a_problem_of_the_file(paths):
    raw = package(header_and_row('<c r="A2" t="s"><v>99</v></c>'), WIDE_HEADER)
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert messages(parsed) == ["the cell A2 points to text number 99, which the file does not hold (5 texts)"]


def test_a_dimension_claiming_every_column_does_not_widen_the_rows(paths):
    row = ('<c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c><c r="C2"><v>2019</v></c>'
           '<c r="D2"><v>55</v></c>')
    raw = package(header_and_row(row), [*WIDE_HEADER, "alpha", "2024"], dimension="A1:XFD1048576")
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert parsed.valid, parsed.problems
    assert parsed.scores["score"].tolist() == [55.0]


def test_too_many_shared_strings_are_refused_before_the_sheet_is_read(paths, monkeypatch):
    monkeypatch.setattr(round_file, "MAX_SHARED_STRINGS", 10)
    raw = package("<row r='1'><c r='A1'><v>broken", [f"text {n}" for n in range(11)])  # the sheet is not even XML
    assert messages(parse(paths, raw, "round.xlsx")[0]) == ["more than 10 different texts in the spreadsheet"]


def test_rows_numbered_far_beyond_the_bound_are_refused_at_the_first_such_row(paths, monkeypatch):
    monkeypatch.setattr(round_file, "MAX_ROWS", 10)
    raw = package(header_and_row('<c r="A1200000"><v>1</v></c>', row=1_200_000) + "<row r='1200001'>broken",
                  WIDE_HEADER)
    assert messages(parse(paths, raw, "round.xlsx")[0]) == ["the file has more than 10 data rows"]


def test_too_many_cells_are_refused(paths, monkeypatch):
    monkeypatch.setattr(round_file, "MAX_CELLS", 20)
    rows = "".join(f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>1</v></c>' for c in "ABCDE") + "</row>"
                   for n in range(2, 6))
    raw = package(header_and_row("") .replace('<row r="2"></row>', "") + rows, WIDE_HEADER)
    assert messages(parse(paths, raw, "round.xlsx")[0]) == ["the file has more than 20 cells"]
    csv_rows = LONG_HEADER + "alpha,,2024,2019,education,50,\n" * 3
    assert messages(parse(paths, csv_rows)[0]) == ["the file has more than 20 cells"]


def test_blank_lines_count_towards_the_row_bound(paths, monkeypatch):
    monkeypatch.setattr(round_file, "MAX_ROWS", 10)
    parsed, _ = parse(paths, LONG_HEADER + "\n" * 50 + "alpha,,2024,2019,education,50,\n")
    assert messages(parsed) == ["the file has more than 10 data rows"]
    assert "blank rows count too" in parsed.problems[0].suggestion


def test_a_document_type_declaration_is_refused(paths):
    raw = package("", WIDE_HEADER).replace(b"", b"")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/sharedStrings.xml":
                content = b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]>' + content
            target.writestr(item, content)
    assert "document type declaration" in messages(parse(paths, buffer.getvalue(), "round.xlsx")[0])[0]


def test_a_value_beyond_the_header_is_a_problem_not_dropped(paths):
    raw = xlsx_bytes([["city", "assessed_on", "index_version", "Education"], ["alpha", "2024", "2019", 50, 60]])
    assert messages(parse(paths, raw, "round.xlsx")[0]) == ["a value in column 5, which has no header"]


def test_not_a_spreadsheet_is_a_problem_of_the_file(paths):
    for raw in (b"PK\x03\x04 not really a zip", package("", []).replace(b"xl/workbook.xml", b"xl/workbook.xmx")):
        parsed, _ = parse(paths, raw, "round.xlsx")
        assert not parsed.valid and parsed.problems[0].message.startswith(("the spreadsheet cannot be read",
                                                                           "the file is a zip archive"))


@pytest.mark.parametrize(("code", "stored", "shown"), [
    ("0.0%", "0.612", "61.2%"), ("0%", "0.7", "70%"), ("General", "55", "55"), ("0.00", "61.235", "61.24"),
    ("#,##0.0", "72.46", "72.5"), ('0.0" pts"', "72.46", "72.5"), ("yyyy-mm-dd", "45000", "2023-03-15")])
def test_a_number_reads_as_its_format_shows_it(code, stored, shown):
    from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900

    assert xlsx_cells.shown_number(stored, xlsx_cells.number_format(code), CALENDAR_WINDOWS_1900) == shown


# The web checks a file in a process of its own; the command line shows what it would import.


