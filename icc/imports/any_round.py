"""A coordinator's file, whichever round it holds: an Index round or a membership round, recognised by its
columns (a membership round has a status and a scope column)."""

from __future__ import annotations

from dataclasses import dataclass

from icc.imports import membership_file, round_file


@dataclass
class References:
    index: round_file.Reference
    membership: membership_file.MembershipReference


def references_from(con) -> References:
    return References(round_file.reference_from(con), membership_file.reference_from(con))


def parse_round(raw: bytes, file_name: str, references: References):
    """A ParsedImport (an Index round) or a ParsedMembership (a membership round), with every problem."""
    table = round_file.read_table(raw, file_name)  # read once, bounded, for either parser
    frame = table[0]
    if frame is not None and membership_file.is_membership_file(list(frame.columns)):
        return membership_file.parse_membership(raw, file_name, references.membership, table)
    return round_file.parse_import(raw, file_name, references.index, table)
