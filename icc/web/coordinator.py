"""The Data page's import workflow, for a signed-in coordinator: check an uploaded round (in a process of its
own), preview what it changes, commit it, roll a batch back. The rules live in icc/imports and icc/store; this
is what the page calls, so the page only draws."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.imports import any_round, isolated, membership_file, round_file
from icc.store import import_batches, publishing

UPLOAD_LIMIT_MB = round_file.UPLOAD_LIMIT_MB
ParsedImport = round_file.ParsedImport
AlreadyImported = publishing.AlreadyImported
# Another import, rollback or build held the data (or the import store) longer than we waited.
BUSY = (publishing.Busy, import_batches.StoreBusy)


def check(raw: bytes, file_name: str, con):
    """Every problem of the file, or its clean tables, whether it holds an Index round or a membership round
    (checked in a niced child process: icc/imports/isolated)."""
    return isolated.parse(raw, file_name, any_round.references_from(con))


@dataclass
class Preview:
    changes: pd.DataFrame  # per score: the cell as written, old -> new, and the kind of change
    summary: str  # 'Valid: 1 assessment, 2 scores. 1 changed.'
    changes_nothing: bool  # every score is stored already, as it is


def preview(con, parsed, replace: bool) -> Preview:
    if parsed.kind == "membership":  # worked out when the file was checked
        return Preview(parsed.changes, membership_file.summary(parsed), membership_file.changes_nothing(parsed))
    changes = round_file.preview(parsed, round_file.existing_scores(con, parsed), replace=replace)
    return Preview(changes, round_file.change_summary(parsed, changes), round_file.changes_nothing(changes))


def commit(parsed: ParsedImport, coordinator: str, replace: bool) -> str:
    return publishing.commit(parsed, coordinator, replace=replace)


def rollback(batch_id: str) -> bool:
    return publishing.rollback(batch_id)
