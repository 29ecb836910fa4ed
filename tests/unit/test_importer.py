"""Coordinator imports: one test per validation rule (report + unchanged database), round trip, commit,
rollback, rebuild survival, and a kill -9 in the middle of a commit."""

import io

import duckdb
import pandas as pd
import pytest
from fixtures import LONG_HEADER, checksum, write_tiny_bundle

from icc.imports import round_file
from icc.store import build, db, import_batches, publishing
from icc.store.publishing import Paths


@pytest.fixture
def env(tmp_path):
    data_dir = write_tiny_bundle(tmp_path / "data")
    target, store = tmp_path / "icc.duckdb", tmp_path / "imports" / "batches.duckdb"
    build.build(data_dir, target, store)
    return data_dir, target, store




def figures(target):
    """Every figure with its city, date and version: the data, whichever batch recorded it."""
    with duckdb.connect(str(target), read_only=True) as con:
        return con.sql("select city_id, version_id, assessed_on, date_precision, area_id, score, sample_avg "
                       "from score join assessment using (assessment_id) order by all").fetchall()


def parse(env, content, name="round.csv"):
    _, target, _ = env
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with db.connect(target) as con:
        parsed = round_file.parse_import(raw, name, round_file.reference_from(con))
        return parsed, round_file.existing_scores(con, parsed)


GOOD_LONG = LONG_HEADER + "Alpha,Norway,2024-02-15,2019,commitment,72,65\nGamma,IT,2024-03,2019,education,55,\n"


def problems_of(parsed):
    return [(p.line, p.column, p.value, p.message) for p in parsed.problems]


def test_good_long_file_commits_and_shows_on_rebuild(env):
    data_dir, target, store = env
    parsed, stored = parse(env, GOOD_LONG)
    assert parsed.valid, parsed.problems
    changes = round_file.preview(parsed, stored)
    assert changes["change"].tolist() == ["new assessment", "new assessment"]
    batch = publishing.commit(parsed, "tester", Paths(data_dir, target, store))
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select score from score where assessment_id = 'gamma-2019-2024-03'").fetchall() == [(55.0,)]
        assert con.sql("select imported_by, rows from import_batch").fetchall() == [("tester", 2)]
        assert con.sql("select batch_id from assessment where city_id = 'gamma'").fetchall() == [(batch,)]


def test_imported_batches_survive_a_rebuild_of_the_bundled_data(env):
    data_dir, target, store = env
    parsed, _ = parse(env, GOOD_LONG)
    publishing.commit(parsed, "tester", Paths(data_dir, target, store))
    networks = (data_dir / "networks.csv").read_text().replace("Italian test network", "Rete")
    (data_dir / "networks.csv").write_text(networks)
    assert build.is_stale(data_dir, target, store)
    build.build(data_dir, target, store)
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select count(*) from assessment where batch_id is not null").fetchall() == [(2,)]


def test_rollback_removes_the_batch(env):
    data_dir, target, store = env
    before = checksum(target)
    parsed, _ = parse(env, GOOD_LONG)
    batch = publishing.commit(parsed, "tester", Paths(data_dir, target, store))
    assert publishing.rollback(batch, Paths(data_dir, target, store))
    assert checksum(target) == before
    assert import_batches.batches(store).empty
    assert not publishing.rollback("no-such-batch", Paths(data_dir, target, store))


def test_reimport_replaces_and_previews_old_to_new(env):
    data_dir, target, store = env
    parsed, _ = parse(env, GOOD_LONG)
    publishing.commit(parsed, "tester", Paths(data_dir, target, store))
    again, stored = parse(env, LONG_HEADER + "Alpha,Norway,2024-02-15,2019,commitment,80,\n")
    changes = round_file.preview(again, stored)
    assert changes[["old", "new", "change"]].values.tolist() == [[72.0, 80.0, "changed"]]
    publishing.commit(again, "tester", Paths(data_dir, target, store))
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.sql("select score from score where assessment_id = 'alpha-2019-2024-02-15'").fetchall() == [(80.0,)]


def test_wide_csv_with_semicolons_decimal_comma_bom_and_french_headers(env):
    content = ("\ufeffVille;Pays;Date;Version;Engagement interculturel;Éducation;Interaction\n"
               "alpha;NO;2024;2019;72,5;60;\n")
    parsed, _ = parse(env, content)
    assert parsed.valid, parsed.problems
    assert sorted(parsed.scores["score"]) == [60.0, 72.5]  # the empty optional area is simply absent


def test_wide_xlsx(env):
    buffer = io.BytesIO()
    pd.DataFrame({"City": ["Delta"], "Country": ["Spain"], "Assessed on": ["2023-05"], "Index version": ["revised"],
                  "Commitment": ["90"], "Media and communication": ["70"]}).to_excel(buffer, index=False)
    parsed, _ = parse(env, buffer.getvalue(), "round.xlsx")
    assert parsed.valid, parsed.problems
    assert parsed.assessments["assessment_id"].tolist() == ["delta-2019-2023-05"]


@pytest.mark.parametrize(("content", "expected"), [
    (LONG_HEADER + "Alfa,Norway,2024,2019,commitment,70,\n", (2, "city", "Alfa", "unknown city", "did you mean Alpha?")),
    (LONG_HEADER + "Alpha,Norway,2024,2019,governance,70,\n",
     (2, "area", "governance", "this area is not in the 2019 Index", "")),
    (LONG_HEADER + "Alpha,Norway,2024,2019,comitment,70,\n", (2, "area", "comitment", "unknown policy area", "")),
    (LONG_HEADER + "Alpha,Norway,2024,2019,commitment,107,\n",
     (2, "score", "107", "the score is outside the range 0 to 100", "107 is not a possible Index value")),
    (LONG_HEADER + "Alpha,Norway,2024,2019,commitment,high,\n",
     (2, "score", "high", "the score is not a number", "a number from 0 to 100")),
    (LONG_HEADER + "Alpha,Norway,2999-01-01,2019,commitment,70,\n",
     (2, "assessed_on", "2999-01-01", "the date is in the future", "")),
    (LONG_HEADER + "Alpha,Norway,15/02/2024,2019,commitment,70,\n",
     (2, "assessed_on", "15/02/2024", "not a date: use YYYY-MM-DD, YYYY-MM or YYYY", "")),
    (LONG_HEADER + "Alpha,Norway,2024,2030,commitment,70,\n", (2, "index_version", "2030", "unknown Index version", "")),
    (LONG_HEADER + "Alpha,Atlantis,2024,2019,commitment,70,\n", (2, "city", "Alpha", "unknown country 'Atlantis'", "")),
    (LONG_HEADER + "Alpha,Norway,2024,2019,commitment,70,\nAlpha,Norway,2024,2019,commitment,70,\n",
     (3, "score", "70", "duplicate of line 2", "")),
    (LONG_HEADER + "Alpha,Norway,2024,2019,commitment,70,\nAlpha,Norway,2024,2019,commitment,75,\n",
     (3, "score", "75", "conflicts with line 2 (70) for the same assessment", "")),
    ("city,assessed_on,area,score\nAlpha,2024,commitment,70\n",
     (1, "index_version", None, "required column missing", "")),
    ("", (None, None, None, "the file is empty", "")),
    (LONG_HEADER + "=HYPERLINK(\"http://x\"),Norway,2024,2019,commitment,70,\n",
     (2, "city", "=HYPERLINK(\"http://x\")", "formula-like cell (starts with =, +, - or @)", "")),
    (LONG_HEADER + "<script>alert(1)</script>,Norway,2024,2019,commitment,70,\n",
     (2, "city", "<script>alert(1)</script>", "unknown city", "")),
])
def test_each_rule_reports_and_changes_nothing(env, content, expected):
    data_dir, target, store = env
    before = checksum(target)
    parsed, _ = parse(env, content)
    row, column, value, problem, suggestion = expected
    assert not parsed.valid
    matching = [p for p in parsed.problems if (p.line, p.column, p.value, p.message) == (row, column, value, problem)]
    assert matching, problems_of(parsed)
    assert suggestion in matching[0].suggestion
    with pytest.raises(ValueError):
        import_batches.save_batch(parsed, "tester", store)
    assert checksum(target) == before and import_batches.batches(store).empty


def test_wrong_encoding_and_size_limit(env):
    parsed, _ = parse(env, (LONG_HEADER + "Alpha,Norvège,2024,2019,commitment,70,\n").encode("latin-1"))
    assert problems_of(parsed)[0][3] == "the file is not UTF-8 text"
    too_big = parse(env, b"x" * (round_file.MAX_BYTES + 1))[0]
    assert too_big.problems[0].message == "the file is larger than the 20 MB limit"


def test_every_problem_is_reported_at_once(env):
    parsed, _ = parse(env, LONG_HEADER + "Alfa,Norway,2024,2019,commitment,700,\nAlpha,Norway,2999,2019,x,1,\n")
    assert len(parsed.problems) == 4


def test_export_then_import_of_the_same_data_changes_nothing(env):
    data_dir, target, store = env
    with duckdb.connect(str(target), read_only=True) as con:
        rows = con.sql("select c.name as city, c.country_iso2 as country, strftime(a.assessed_on, '%Y-%m-%d') as "
                       "assessed_on, a.version_id as index_version, p.code as area, s.score from score s "
                       "join assessment a using (assessment_id) join city c using (city_id) "
                       "join policy_area p using (area_id) where a.date_precision = 'day'").df()
    parsed, stored = parse(env, GOOD_LONG.replace("2024-03", "2024-03-01"))
    publishing.commit(parsed, "tester", Paths(data_dir, target, store))
    before = figures(target)
    with duckdb.connect(str(target), read_only=True) as con:
        exported = con.sql("select c.name as city, c.country_iso2 as country, strftime(a.assessed_on, '%Y-%m-%d') "
                           "as assessed_on, a.version_id as index_version, p.code as area, s.score, s.sample_avg "
                           "from score s join assessment a using (assessment_id) join city c using (city_id) "
                           "join policy_area p using (area_id) where a.batch_id is not null").df()
    again, stored = parse(env, exported.to_csv(index=False))
    assert set(round_file.preview(again, stored)["change"]) == {"unchanged"}
    publishing.commit(again, "tester", Paths(data_dir, target, store))
    assert figures(target) == before
    assert rows.empty  # the tiny bundle has no day-precision published rows to disturb


