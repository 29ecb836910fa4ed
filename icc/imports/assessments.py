"""Which assessment each checked score belongs to, and the checks that need a whole assessment: one assessment
per city, date and Index version (in the file and against the stored data), and scores on the Index's 0-100
scale rather than fractions of one."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.store.csv_files import Problem
from icc.store.source_files import PartialDate


@dataclass(frozen=True)
class ScoreCell:
    """One valid score of the file: where it stands, what the cell said, and what would be imported."""

    line: int
    column: str
    cell: str  # the cell's text as the coordinator sees it ("61.2%", "72,5")
    city_id: str
    version: str
    date: PartialDate
    area_id: str
    score: float
    sample_avg: float | None
    sample_size: int | None

    @property
    def key(self) -> tuple[str, str, str]:
        return self.city_id, self.version, self.date.key


def assessment_id(city_id: str, version: str, date_key: str) -> str:
    """As the bundled data names them: 'guro-gu-seoul-2019-2020-11'."""
    return f"{city_id}-{version}-{date_key}"


@dataclass(frozen=True)
class StoredAssessment:
    assessment_id: str
    version: str
    date: PartialDate


def stored_by_city(stored: pd.DataFrame | None) -> dict[str, list[StoredAssessment]]:
    """The stored assessments (import_assessments) per city."""
    by_city: dict[str, list[StoredAssessment]] = {}
    if stored is None or stored.empty:
        return by_city
    for row in stored.itertuples():
        start = pd.Timestamp(row.assessed_on).date()
        by_city.setdefault(row.city_id, []).append(
            StoredAssessment(row.assessment_id, row.version_id, PartialDate(start, row.date_precision)))
    return by_city


def identify(cells: list[ScoreCell], stored: pd.DataFrame | None, name_of: dict[str, str]) \
        -> tuple[dict[tuple[str, str, str], str], list[Problem]]:
    """The assessment id of every assessment in the file, and a problem wherever one would become a second
    assessment: the same city and date in two Index versions, or a date that overlaps another date of the
    same city written at another precision ('2020-11-01' beside '2020-11'), in the file or in the store."""
    first_cell: dict[tuple[str, str, str], ScoreCell] = {}
    for cell in cells:
        first_cell.setdefault(cell.key, cell)
    known = stored_by_city(stored)
    ids, problems = {}, []
    seen_in_file: dict[str, list[ScoreCell]] = {}
    for key, cell in first_cell.items():
        city = name_of.get(cell.city_id, cell.city_id)
        clash = None
        for earlier in known.get(cell.city_id, []):
            if earlier.date == cell.date and earlier.version != cell.version:
                clash = Problem(None, cell.line, "index_version", cell.version,
                                f"{city}'s stored assessment dated {earlier.date.key} ({earlier.assessment_id}) "
                                f"is in the {earlier.version} Index",
                                "one date has one assessment: check the index_version column")
            elif earlier.date == cell.date:
                ids[key] = earlier.assessment_id
            elif earlier.date.overlaps(cell.date):
                clash = Problem(None, cell.line, "assessed_on", cell.date.key,
                                f"{city} has a stored assessment dated {earlier.date.key} ({earlier.assessment_id}), "
                                f"which {cell.date.key} overlaps",
                                f"write the date as {earlier.date.key} to change that assessment, or give "
                                "the date of another assessment")
            if clash:
                break
        for other in seen_in_file.get(cell.city_id, []) if clash is None else []:
            if other.date == cell.date:
                clash = Problem(None, cell.line, "index_version", cell.version,
                                f"line {other.line} gives the same city and date with the {other.version} Index",
                                "one assessment belongs to one Index version: check either line")
            elif other.date.overlaps(cell.date):
                clash = Problem(None, cell.line, "assessed_on", cell.date.key,
                                f"line {other.line} dates an assessment of {city} {other.date.key}, which "
                                f"{cell.date.key} overlaps",
                                "write one assessment's date the same way on every line")
            if clash:
                break
        seen_in_file.setdefault(cell.city_id, []).append(cell)
        if clash:
            problems.append(clash)
        else:
            ids.setdefault(key, assessment_id(*key))
    return ids, problems


def fraction_problems(cells: list[ScoreCell]) -> list[Problem]:
    """An assessment whose every score lies between 0 and 1 is on a 0-1 scale (72 % kept as 0.72), not 0-100:
    refused rather than imported as near-zero scores. Taken as such when one score is a fraction, or when two
    or more scores are all 0 or 1 (a single 0 or 1 can be a real score)."""
    by_key: dict[tuple[str, str, str], list[ScoreCell]] = {}
    for cell in cells:
        by_key.setdefault(cell.key, []).append(cell)
    problems = []
    for group in by_key.values():
        values = [cell.score for cell in group]
        if max(values) > 1:
            continue
        if any(0 < value < 1 for value in values) or (len(values) > 1 and 1 in values):
            first = group[0]
            shown = ", ".join(cell.cell for cell in group[:4]) + (", …" if len(group) > 4 else "")
            problems.append(Problem(
                None, first.line, first.column, shown,
                "every score of this assessment lies between 0 and 1: the Index scores from 0 to 100",
                "the file seems to hold fractions (0.72 for 72 points): write 72, or format the cells as "
                "percentages"))
    return problems


def tables(cells: list[ScoreCell], ids: dict[tuple[str, str, str], str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The assessments and scores to store; each score keeps the text of its cell for the preview."""
    assessments, scores = {}, []
    for cell in cells:
        key = ids[cell.key]
        assessments.setdefault(key, {"assessment_id": key, "city_id": cell.city_id, "version_id": cell.version,
                                     "assessed_on": cell.date.start, "date_precision": cell.date.precision,
                                     "sample_size": cell.sample_size, "source_url": "coordinator import"})
        scores.append({"assessment_id": key, "area_id": cell.area_id, "score": cell.score,
                       "sample_avg": cell.sample_avg, "line": cell.line, "cell": cell.cell})
    frame = pd.DataFrame(list(assessments.values()))
    frame["sample_size"] = frame["sample_size"].astype("Int64")
    return frame, pd.DataFrame(scores)
