"""Checking an uploaded round in a process of its own, at low priority, for the web.

A Streamlit worker runs all its sessions in one Python process: a file that takes seconds of pure-Python
parsing would hold the interpreter lock and slow every other session of that worker. The child process takes
that work (and its memory) instead, niced so that the worker's pages come first; the bounds in round_file keep
any file to a few seconds. The command line checks in its own process already and calls any_round directly.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import resource
import subprocess
import sys

import pandas as pd

from icc.imports import any_round, round_file
from icc.paths import ROOT
from icc.store.csv_files import Problem

NICENESS = 10
# Backstops only (the bounds answer any file within seconds and about 300 MB): what a child may use before the
# kernel stops it, and how long the page waits for it on a very busy machine.
CPU_SECONDS = 60
ADDRESS_SPACE_BYTES = 4 * 2**30
WAIT_SECONDS = 180


def child_command() -> list[str]:
    return [sys.executable, "-m", "icc.imports.isolated"]


def parse(raw: bytes, file_name: str, reference, command: list[str] | None = None):
    """The file checked in a child process: round_file.parse_import for a round_file.Reference, or
    any_round.parse_round (an Index or a membership round) for any_round.References."""
    try:
        done = subprocess.run(command or child_command(), input=pickle.dumps((raw, file_name, reference)),
                              capture_output=True, cwd=ROOT, timeout=WAIT_SECONDS,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return unanswered(raw, file_name, f"checking it took longer than {WAIT_SECONDS} s")
    if done.returncode != 0:
        return unanswered(raw, file_name, f"the check stopped (exit {done.returncode})")
    try:
        parsed = pickle.loads(done.stdout)
    except Exception:  # anything but our own answer: say so rather than trust it
        return unanswered(raw, file_name, "the check gave no answer")
    return parsed


def unanswered(raw: bytes, file_name: str, why: str) -> round_file.ParsedImport:
    problem = Problem(None, None, None, None, f"the file could not be checked: {why}",
                      "split the round into smaller files, or try again when the server is less busy")
    return round_file.ParsedImport(file_name, hashlib.sha256(raw).hexdigest(), 0, pd.DataFrame(), pd.DataFrame(),
                                   [problem], {problem.message: 1})


def limit_this_process() -> None:
    os.nice(NICENESS)
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))


def main() -> None:
    limit_this_process()
    raw, file_name, reference = pickle.loads(sys.stdin.buffer.read())
    parse_file = any_round.parse_round if isinstance(reference, any_round.References) else round_file.parse_import
    sys.stdout.buffer.write(pickle.dumps(parse_file(raw, file_name, reference)))


if __name__ == "__main__":
    main()
