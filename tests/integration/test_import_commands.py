"""The import, rollback and pack commands as a coordinator runs them, in processes of their own: previews, exit
codes, a kill during a commit, locks held by others, files it must refuse to write over, and the web's check in a
child process (the rules themselves are tested in tests/unit without processes)."""

import os
import signal
import subprocess
import sys

import pytest
from fixtures import LONG_HEADER, checksum, cli, parse_round, path_args, scores_of, xlsx_bytes

from icc.imports import isolated, round_file
from icc.paths import ROOT
from icc.store import build, db, faults, import_batches, publishing

pytestmark = pytest.mark.integration
WIDE_HEADER = ["city", "assessed_on", "index_version", "Education", "Commitment"]
GOOD_LONG = LONG_HEADER + "Alpha,Norway,2024-02-15,2019,commitment,72,65\nGamma,IT,2024-03,2019,education,55,\n"


parse = parse_round


def only_problem(parsed):
    assert not parsed.valid
    return parsed.problems[0].message


def test_the_cli_previews_and_commits_a_partial_round(paths, tmp_path):
    one_round = tmp_path / "one.csv"
    one_round.write_text(LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    done = cli("import", str(one_round), *path_args(paths))
    assert done.returncode == 0, done.stderr
    assert "Valid: 1 assessment, 1 score. 1 changed." in done.stdout
    assert scores_of(paths, "alpha-2019-2020-09") == {"aggregate": 80.0, "education": 90.0}


def test_a_one_megabyte_csv_field_is_a_problem_not_a_traceback(paths, tmp_path):
    content = LONG_HEADER + 'alpha,,"' + "x" * 1_000_000 + '",2019,education,90,\n'
    assert "the CSV cannot be read" in only_problem(parse(paths, content)[0])
    huge = tmp_path / "huge.csv"
    huge.write_text(content)
    done = cli("import", str(huge), "--dry-run", *path_args(paths))
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout
    assert "the CSV cannot be read" in done.stdout


def test_the_pack_refuses_to_write_into_data_or_over_a_file_it_did_not_write(tmp_path):
    store_before = os.path.getsize(ROOT / "data" / "index_scores.csv")
    for target in ("data/imports/batches.duckdb", "data/icc.duckdb", "data/index_scores.csv"):
        done = cli("pack", "--host", "oslo", "--visitor", "bergen", "--out", target)
        assert done.returncode == 2 and "write it somewhere else" in done.stderr, done.stderr
    assert os.path.getsize(ROOT / "data" / "index_scores.csv") == store_before
    mine = tmp_path / "notes.html"
    mine.write_text("my own notes")
    done = cli("pack", "--host", "oslo", "--visitor", "bergen", "--out", str(mine))
    assert done.returncode == 2 and "--force" in done.stderr and mine.read_text() == "my own notes"
    done = cli("pack", "--host", "oslo", "--visitor", "bergen", "--out", str(tmp_path))
    assert done.returncode == 2 and "is a folder" in done.stderr
    done = cli("pack", "--host", "oslo", "--visitor", "bergen", "--out", str(tmp_path / "missing" / "x.html"))
    assert done.returncode == 2 and "does not exist" in done.stderr


def test_a_held_lock_is_waited_for_and_then_reported_plainly(paths, tmp_path):
    round_csv = tmp_path / "round.csv"
    round_csv.write_text(LONG_HEADER + "alpha,,2020-09,2019,education,90,\n")
    with publishing.exclusive(paths):
        done = cli("import", str(round_csv), *path_args(paths), env={publishing.WAIT_ENV: "0.5"})
    assert done.returncode == 3 and "another import, rollback or build is still running" in done.stderr
    assert "Traceback" not in done.stderr and import_batches.batches(paths.store).empty


def test_a_store_held_open_by_another_process_is_reported_plainly(paths):
    paths.store.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1]); con.execute('create table if not exists x (a int)');"
        "print('open', flush=True); sys.stdin.read()"), str(paths.store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    try:
        done = cli("batches", *path_args(paths), env={publishing.WAIT_ENV: "0.5"})
    finally:
        holder.communicate("")
    assert done.returncode == 3 and "in use by another process" in done.stderr and "Traceback" not in done.stderr


def test_pack_with_a_missing_demo_database_says_so(tmp_path):
    done = cli("pack", "--host", "a", "--visitor", "b", "--dataset", "demo", "--out", str(tmp_path / "v.html"),
               env={"ICC_DEMO_DB": str(tmp_path / "no-demo.duckdb")})
    assert done.returncode == 2 and "make demo" in done.stderr


def test_unknown_or_identical_pack_cities_get_an_answer_not_a_traceback(tmp_path):
    done = cli("pack", "--host", "OSLO", "--visitor", "odessa", "--out", str(tmp_path / "v.html"))
    assert done.returncode == 2 and "did you mean Odesa" in done.stderr and "Traceback" not in done.stderr
    done = cli("pack", "--host", "Oslo", "--visitor", "oslo", "--out", str(tmp_path / "v.html"))
    assert done.returncode == 2 and "same city" in done.stderr


def test_cli_dry_run_and_invalid_exit_codes(paths, tmp_path):
    data_dir, target, store = paths.data_dir, paths.target, paths.store
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD_LONG)
    bad.write_text(LONG_HEADER + "Alfa,Norway,2024,2019,commitment,70,\n")
    common = ["--data", str(data_dir), "--out", str(target), "--store", str(store)]
    run = [sys.executable, "-m", "icc", "import"]
    dry = subprocess.run([*run, str(good), "--dry-run", *common], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0 and "nothing was written" in dry.stdout and import_batches.batches(store).empty
    invalid = subprocess.run([*run, str(bad), *common], cwd=ROOT, capture_output=True, text=True)
    assert invalid.returncode == 2 and "did you mean Alpha?" in invalid.stdout
    done = subprocess.run([*run, str(good), *common], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and len(import_batches.batches(store)) == 1


def test_kill_during_commit_leaves_everything_as_before(paths, tmp_path):
    data_dir, target, store = paths.data_dir, paths.target, paths.store
    before = checksum(target)
    good = tmp_path / "good.csv"
    good.write_text(GOOD_LONG)
    process = subprocess.run(
        [sys.executable, "-m", "icc", "import", str(good), "--data", str(data_dir), "--out", str(target),
         "--store", str(store)],
        cwd=ROOT, env={**os.environ, faults.KILL_AT_ENV: "save_batch.in_transaction"}, capture_output=True, timeout=120)
    assert process.returncode == -signal.SIGKILL
    assert import_batches.batches(store).empty
    assert checksum(target) == before
    assert not build.is_stale(data_dir, target, store)


def test_the_web_check_runs_in_a_child_process_and_gives_the_same_answer(paths):

    raw = xlsx_bytes([WIDE_HEADER, ["alpha", "2024-05", "2019", 0.612, None]], {"D2": "0.0%"})
    with db.connect(paths.target) as con:
        reference = round_file.reference_from(con)
    direct = round_file.parse_import(raw, "round.xlsx", reference)
    child = isolated.parse(raw, "round.xlsx", reference)
    assert child.valid and child.scores.equals(direct.scores) and child.assessments.equals(direct.assessments)
    failed = isolated.parse(raw, "round.xlsx", reference, command=[sys.executable, "-c", "import sys; sys.exit(3)"])
    assert [problem.message for problem in failed.problems] == ["the file could not be checked: the check stopped "
                                                                "(exit 3)"]


def test_the_cli_shows_cells_beside_values_and_stores_nothing_when_nothing_changes(paths, tmp_path):
    sheet = tmp_path / "round.xlsx"
    sheet.write_bytes(xlsx_bytes([WIDE_HEADER, ["beta", "2022-05", "2019", 0.612, None]], {"D2": "0.0%"}))
    location = ["--data", str(paths.data_dir), "--out", str(paths.target), "--store", str(paths.store)]
    done = subprocess.run([sys.executable, "-m", "icc", "import", str(sheet), *location], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "61.2%  NaN" not in done.stdout and "61.2%" in done.stdout and "61.2 new assessment" in done.stdout
    same = tmp_path / "same.csv"  # other bytes, the same content
    same.write_text(LONG_HEADER + "beta,,2022-05,2019,education,61.2,\n", encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "icc", "import", str(same), *location], cwd=ROOT,
                           capture_output=True, text=True)
    assert again.returncode == 0 and "nothing changes" in again.stdout
    assert len(import_batches.batches(paths.store)) == 1


MEMBERSHIP_HEADER = "city,country,status,scope,network,joined_year,left_year,lat,lon,source_url\n"


def test_a_membership_round_on_the_command_line_previews_commits_and_rolls_back(paths, tmp_path):
    round_csv = tmp_path / "members.csv"
    round_csv.write_text(MEMBERSHIP_HEADER + "Trondheim,Norway,member,international,,2025,,,,https://example.org/t\n"
                         "Epsilon,ES,associated,international,,2012,,,,https://example.org/e\n", encoding="utf-8")
    before = checksum(paths.target)
    dry = cli("import", str(round_csv), "--dry-run", *path_args(paths))
    assert dry.returncode == 0 and "1 new city" in dry.stdout and "1 status change" in dry.stdout, dry.stdout
    assert "Trondheim" in dry.stdout and "Epsilon" in dry.stdout and checksum(paths.target) == before
    done = cli("import", str(round_csv), *path_args(paths))
    assert done.returncode == 0, done.stdout + done.stderr
    with db.connect(paths.target) as con:
        assert con.sql("select count(*) from city_overview where city_id = 'trondheim'").fetchall() == [(1,)]
    batch = import_batches.batches(paths.store)["batch_id"].iloc[0]
    assert cli("rollback", batch, *path_args(paths)).returncode == 0
    assert checksum(paths.target) == before


@pytest.mark.parametrize("row", [
    "Trondheim,Atlantis,member,international,,2025,,,,https://example.org/t",
    "Alpha,NO,member,international,,2018,2016,,,https://example.org/a",
    "Trondheim,Norway,member,international,,2025,,40.4,-3.7,https://example.org/t"])
def test_a_bad_membership_round_exits_2_and_changes_nothing(paths, tmp_path, row):
    round_csv = tmp_path / "members.csv"
    round_csv.write_text(MEMBERSHIP_HEADER + row + "\n", encoding="utf-8")
    before = checksum(paths.target)
    done = cli("import", str(round_csv), *path_args(paths))
    assert done.returncode == 2 and "nothing was imported" in done.stdout and "Traceback" not in done.stderr
    assert checksum(paths.target) == before and import_batches.batches(paths.store).empty
