"""Kill -9 an import, a rollback or a build at every point where it could hurt, in a shuffled sequence on one
store, and check after each kill that the next command finds everything consistent: the store and the
database agree, the database is not stale, no half-written file is left, sessions opened before the kill still
read, and a new session reads what the surviving batches say."""

import os
import random
import signal
import subprocess
import sys

import pytest

from icc.paths import ROOT
from icc.store import build, db, faults, import_batches, publishing

IMPORT_POINTS = ("save_batch.in_transaction", "write_database.in_transaction", "write_database.written",
                 "publish.before_switch", "publish.after_switch", "commit.before_settle")
ROLLBACK_POINTS = ("rollback.marked", "write_database.in_transaction", "write_database.written",
                   "publish.before_switch", "publish.after_switch", "rollback.before_settle",
                   "delete_batch.in_transaction")
BUILD_POINTS = ("write_database.in_transaction", "write_database.written", "publish.before_switch",
                "publish.after_switch")
PUBLISHED_EDUCATION = 70.0  # alpha's 2020-09 education score in the tiny bundle


def run(paths, kill_at, *args):
    command = [sys.executable, "-m", "icc", *args, "--data", str(paths.data_dir), "--out", str(paths.target),
               "--store", str(paths.store)]
    env = {**os.environ, faults.KILL_AT_ENV: kill_at or ""}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def education_score(con) -> float:
    return con.sql("select score from score where assessment_id = 'alpha-2019-2020-09' and "
                   "area_id like '%education'").fetchall()[0][0]


def assert_consistent(paths, scores_by_batch, session):
    with publishing.exclusive(paths) as repaired:  # what the next command does first
        listing = import_batches.batches(paths.store)
    assert set(listing["status"]) <= {"published"}, repaired
    assert set(listing["batch_id"]) == publishing.shown_batches(paths.target)
    assert not build.is_stale(paths.data_dir, paths.target, paths.store)
    leftovers = [p.name for p in paths.target.parent.glob(f".{paths.target.name}.*") if not p.name.endswith(".lock")]
    assert leftovers == []
    assert education_score(session) in {PUBLISHED_EDUCATION, *scores_by_batch.values()}  # still readable
    surviving = [scores_by_batch[batch] for batch in listing["batch_id"] if batch in scores_by_batch]
    with db.connect(paths.target) as fresh:
        assert education_score(fresh) == (surviving[-1] if surviving else PUBLISHED_EDUCATION)
    return set(listing["batch_id"])


@pytest.mark.integration
@pytest.mark.timeout(900)  # about 25 commands in subprocesses: minutes on a busy machine
def test_kill_anywhere_leaves_store_database_and_sessions_consistent(paths, tmp_path):
    steps = [("import", point) for point in (*IMPORT_POINTS, None, None)] + \
            [("rollback", point) for point in (*ROLLBACK_POINTS, None)] + \
            [("build", point) for point in (*BUILD_POINTS, None)]
    random.Random(17).shuffle(steps)
    scores_by_batch: dict[str, float] = {}
    next_score = 1
    for operation, kill_at in steps:
        session = db.connect(paths.target)  # a page run in progress when the command dies
        batches = set(import_batches.batches(paths.store)["batch_id"])
        if operation == "rollback" and not batches:
            operation = "import"
            kill_at = None
        if operation == "import":
            round_file = tmp_path / f"round-{next_score}.csv"
            round_file.write_text("city,assessed_on,index_version,area,score\n"
                                  f"alpha,2020-09,2019,education,{next_score}\n")
            done = run(paths, kill_at, "import", str(round_file))
            new = set(import_batches.batches(paths.store)["batch_id"]) - batches
            for batch in new:
                scores_by_batch[batch] = float(next_score)
            next_score += 1
        elif operation == "rollback":
            done = run(paths, kill_at, "rollback", sorted(batches)[0])
        else:
            done = run(paths, kill_at, "build")
        expected = -signal.SIGKILL if kill_at else 0
        assert done.returncode == expected, (operation, kill_at, done.stderr)
        assert_consistent(paths, scores_by_batch, session)
        session.close()
