"""Imports never lose or hide data (issue 17): partial rounds merge score by score, every session sees the
newest snapshot, inputs are bounded, outputs never overwrite data, commands are single steps."""

import io

import pandas as pd
import pytest
from fixtures import LONG_HEADER, parse_round, scores_of, xlsx_bytes

from icc.imports import round_file
from icc.outputs import safe_paths
from icc.paths import ROOT
from icc.store import db, import_batches, publishing, snapshots

parse = parse_round


def commit(paths, content, replace=False):
    parsed, _ = parse(paths, content)
    assert parsed.valid, parsed.problems
    return publishing.commit(parsed, "tester", paths, replace=replace)


# 1. A partial re-import adds and changes; it removes only when asked to replace.

def test_a_one_row_file_changes_one_score_and_keeps_the_rest_of_the_assessment(paths):
    before = scores_of(paths, "alpha-2019-2020-09")
    assert before == {"aggregate": 80.0, "education": 70.0}
    parsed, stored = parse(paths, LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    assert round_file.preview(parsed, stored)["change"].tolist() == ["changed"]
    commit(paths, LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    assert scores_of(paths, "alpha-2019-2020-09") == {"aggregate": 80.0, "education": 90.0}


def test_a_later_batch_keeps_the_scores_an_earlier_batch_gave(paths):
    commit(paths, LONG_HEADER + "Gamma,IT,2024-03,2019,education,55,\nGamma,IT,2024-03,2019,commitment,61,\n")
    second = commit(paths, LONG_HEADER + "Gamma,IT,2024-03,2019,education,58,\n")
    assert scores_of(paths, "gamma-2019-2024-03") == {"commitment": 61.0, "education": 58.0}
    publishing.rollback(second, paths)
    assert scores_of(paths, "gamma-2019-2024-03") == {"commitment": 61.0, "education": 55.0}


def test_replacing_an_assessment_is_explicit_and_previewed_as_removals(paths):
    parsed, stored = parse(paths, LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    changes = round_file.preview(parsed, stored, replace=True)
    removed = changes[changes["change"] == "removed"]
    assert removed["old"].tolist() == [80.0] and removed["new"].isna().all()
    publishing.commit(parsed, "tester", paths, replace=True)
    assert scores_of(paths, "alpha-2019-2020-09") == {"education": 90.0}


# 2. Every session sees the new data on its next page run.

SESSION_SCRIPT = """
import streamlit as st
from icc.web import shell
snapshot, con = shell.session_database("published")
st.write(str(con.sql("select score from score where assessment_id = 'alpha-2019-2020-09' and "
                     "area_id like '%education'").fetchall()[0][0]))
"""


def test_two_open_sessions_and_a_new_one_see_an_import_and_a_rollback(paths, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from icc.web import shell

    monkeypatch.setitem(shell.DATASETS, "published", paths.target)
    sessions = [AppTest.from_string(SESSION_SCRIPT), AppTest.from_string(SESSION_SCRIPT)]
    assert [session.run().markdown[0].value for session in sessions] == ["70.0", "70.0"]
    batch = commit(paths, LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    # The old connections are still open while a new session connects: DuckDB would hand back the old database.
    assert AppTest.from_string(SESSION_SCRIPT).run().markdown[0].value == "90.0"
    assert [session.run().markdown[0].value for session in sessions] == ["90.0", "90.0"]
    publishing.rollback(batch, paths)
    assert [session.run().markdown[0].value for session in sessions] == ["70.0", "70.0"]


def test_a_reader_of_the_previous_snapshot_is_not_disturbed_by_a_build(paths):
    reader = db.connect(paths.target)
    first = snapshots.resolve(paths.target)
    commit(paths, LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    assert snapshots.resolve(paths.target) != first
    assert reader.sql("select count(*) from score").fetchall() == [(6,)]
    reader.close()


def test_old_snapshots_are_pruned(paths):
    for score in range(1, 7):
        commit(paths, LONG_HEADER + f"alpha,,2020-09,2019,education,{score},\n")
    assert len(snapshots.snapshots_of(paths.target)) == snapshots.KEEP_PREVIOUS + 1
    assert snapshots.resolve(paths.target) in snapshots.snapshots_of(paths.target)


# 3. Bounded inputs.


def only_problem(parsed):
    assert not parsed.valid
    return parsed.problems[0].message


def test_a_spreadsheet_that_unpacks_beyond_the_limit_is_refused_before_parsing(paths, monkeypatch):
    monkeypatch.setattr(round_file, "MAX_UNPACKED_BYTES", 1024 * 1024)
    import zipfile

    buffer = io.BytesIO(xlsx_bytes([["city", "assessed_on", "index_version", "Education"], ["alpha", "2024", "2019",
                                                                                          "50"]]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/media/padding.bin", b"\0" * 2_000_000)  # a zip bomb in miniature
    raw = buffer.getvalue()
    assert len(raw) < 100_000  # small on disk
    assert "unpacks to more than 1 MB" in only_problem(parse(paths, raw, "round.xlsx")[0])


def test_too_many_rows_columns_or_characters_are_refused(paths, monkeypatch):
    monkeypatch.setattr(round_file, "MAX_ROWS", 10)
    rows = LONG_HEADER + "alpha,,2020-09,2019,education,90,\n" * 11
    assert "more than 10 data rows" in only_problem(parse(paths, rows)[0])
    wide = "city," + ",".join(f"c{i}" for i in range(round_file.MAX_COLUMNS + 1)) + "\n"
    assert f"more than {round_file.MAX_COLUMNS} columns" in only_problem(parse(paths, wide)[0])
    long_cell = LONG_HEADER + "alpha,," + "2" * 5000 + ",2019,education,90,\n"
    parsed = parse(paths, long_cell)[0]
    assert "longer than 1,000 characters" in only_problem(parsed) and parsed.problems[0].column == "assessed_on"
    xlsx = xlsx_bytes([["city", "assessed_on", "index_version", "area", "score"]] + [["alpha", "2020-09", "2019",
                                                                                     "education", 1]] * 11)
    assert "more than 10 data rows" in only_problem(parse(paths, xlsx, "round.xlsx")[0])


def test_the_report_lists_the_first_problems_and_counts_the_rest(paths):
    rows = "".join(f"Nowhere{i},,2024,2019,education,50,\n" for i in range(1500))
    parsed = parse(paths, LONG_HEADER + rows)[0]
    assert len(parsed.problems) == round_file.MAX_LISTED_PROBLEMS
    assert parsed.problem_counts == {"unknown city": 1500} and parsed.problem_total == 1500
    assert "1,500 problems (the first 200 are listed; in all: 1,500 × unknown city)" in \
        round_file.problem_count_text(parsed)


# 4. Outputs never overwrite data.


def test_an_earlier_output_may_be_replaced(tmp_path):
    earlier = tmp_path / "visit.html"
    earlier.write_text(f"<html><head>{safe_paths.GENERATOR_TAG}</head></html>")
    assert safe_paths.check_target(earlier) == earlier
    with pytest.raises(safe_paths.UnsafeOutput):
        safe_paths.check_target(tmp_path / "other.pdf", data_dir=tmp_path)


# 5. One step from the user's point of view: locks, interruption, repair.


def test_the_same_file_twice_is_said_to_be_imported_already(paths):
    content = LONG_HEADER + "alpha,,2020-09,2019,education,90,\n"
    first = commit(paths, content)
    parsed, _ = parse(paths, content)
    with pytest.raises(publishing.AlreadyImported, match=first):
        publishing.commit(parsed, "tester", paths)
    assert len(import_batches.batches(paths.store)) == 1


# 6. Inputs that must not be accepted, and real Excel dates that must.

@pytest.mark.parametrize(("content", "problem", "suggestion"), [
    (LONG_HEADER + "alpha,,2024,2019,education,50,\nalpha,,2024,2009,education,50,\n",
     "line 2 gives the same city and date with the 2019 Index", "one Index version"),
    (LONG_HEADER + "alpha,,0001,2019,education,50,\n", "the date is before 2008", ""),
    (LONG_HEADER + "alpha,,1066-10-14,2019,education,50,\n", "the date is before 2008", ""),
    (LONG_HEADER + "alpha,Italy,2024,2019,education,50,\n", "no city of this name in Italy", "Alpha is in Norway"),
    ("city,assessed_on,index_version,Education,Éducation\nalpha,2024,2019,10,90\n",
     "a second column for the policy area 'education'", "keep one of 'Education' and 'Éducation'"),
    (LONG_HEADER + "alpha,,2024,2019,educaton,50,\n", "unknown policy area", "the 2019 Index areas: "),
    (LONG_HEADER + "alpha,,2024,2019,education,155,\n", "the score is outside the range 0 to 100",
     "155 is not a possible Index value"),
])
def test_inputs_that_must_be_refused(paths, content, problem, suggestion):
    parsed, _ = parse(paths, content)
    found = [p for p in parsed.problems if p.message.startswith(problem)]
    assert found, [p.message for p in parsed.problems]
    assert suggestion in found[0].suggestion


def test_an_xlsx_formula_without_a_saved_value_is_reported(paths):
    raw = xlsx_bytes([["city", "assessed_on", "index_version", "Education"], ["alpha", "2024", "2019", "=40+15"]])
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert [(p.line, p.column, p.value, p.message) for p in parsed.problems] == [
        (2, "Education", "=40+15", "a formula with no saved value")]


def test_real_excel_date_cells_and_whole_numbers_are_read_as_written(paths):
    import datetime as dt

    raw = xlsx_bytes([["city", "assessed_on", "index_version", "Education"],
                      ["alpha", dt.datetime(2023, 3, 1), 2019, 55.0]])
    parsed, _ = parse(paths, raw, "round.xlsx")
    assert parsed.valid, parsed.problems
    assert parsed.assessments["assessment_id"].tolist() == ["alpha-2019-2023-03-01"]
    assert parsed.scores["score"].tolist() == [55.0]


def test_duplicates_print_whole_numbers_as_on_screen(paths):
    parsed, _ = parse(paths, LONG_HEADER + "alpha,,2024,2019,education,55,\nalpha,,2024,2019,education,55,\n")
    assert parsed.problems[0].value == "55"


# 7. Smaller items.


def test_the_server_shows_no_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_merge_keeps_sample_sizes_and_newest_facts():
    published = pd.DataFrame({"assessment_id": ["a"], "city_id": ["x"], "version_id": ["2019"],
                              "assessed_on": [pd.Timestamp("2020-01-01")], "date_precision": ["year"],
                              "sample_size": pd.array([40], dtype="Int64"), "source_url": ["https://s"],
                              "batch_id": [None]})
    imported = published.assign(sample_size=pd.array([pd.NA], dtype="Int64"), source_url="coordinator import",
                                batch_id="b1", _order=0, replace_scores=False)
    scores = pd.DataFrame({"assessment_id": ["a", "a"], "area_id": ["2019-x", "2019-y"], "score": [1.0, 2.0],
                           "sample_avg": [None, None]})
    merged = import_batches.merge(published, scores, imported,
                           scores.iloc[:1].assign(score=5.0, batch_id="b1", _order=0))
    assert merged["assessment"][["sample_size", "source_url", "batch_id"]].values.tolist() == [
        [40, "coordinator import", "b1"]]
    assert merged["score"].sort_values("area_id")["score"].tolist() == [5.0, 2.0]
