"""Reading CSV text and reporting what is wrong in it, the same way for the source files in data/
(store/source_files.py) and a coordinator's round (imports/round_file.py)."""

from __future__ import annotations

import csv
import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (file, line or sheet row, column), the value found, what is wrong
    or was expected, and how to fix it when that can be said."""

    file: str | None
    line: int | None
    column: str | None
    value: str | None
    message: str
    suggestion: str = ""

    def __str__(self) -> str:
        where = ", ".join(part for part in (
            self.file or "", f"line {self.line}" if self.line is not None else "",
            f"column '{self.column}'" if self.column is not None else "") if part)
        found = "" if self.value is None else f": found '{self.value}'"
        advice = f" ({self.suggestion})" if self.suggestion else ""
        return f"{where}{found}; {self.message}{advice}"


def expected(file: str, line: int | None, column: str | None, value: str | None, what: str) -> Problem:
    """A problem phrased as what the file should have held."""
    return Problem(file, line, column, value, f"expected {what}")


def decode(raw: bytes, file_name: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without its byte-order mark, or the line of the first byte that is not UTF-8."""
    body = raw[len(BOM):] if raw.startswith(BOM) else raw
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        bad = body[error.start : error.start + 1].hex().upper()
        return None, [expected(file_name, line, None, f"byte 0x{bad}",
                               "UTF-8 text (in a spreadsheet, save as 'CSV UTF-8')")]


class Unreadable(ValueError):
    """Text the CSV reader cannot split (an unclosed quote, a field over its size limit), at `line`."""

    def __init__(self, line: int, error: csv.Error):
        super().__init__(str(error))
        self.line = line


LINE_END = re.compile(r"\r\n|\r|\n")


def lines_of(content: str) -> Iterator[str]:
    """The text's lines with their ends (\\n, \\r\\n or a lone \\r, as a StringIO with newline="" splits
    them), one at a time: a StringIO of 20 MB of text holds 80 MB."""
    start = 0
    for end in LINE_END.finditer(content):
        yield content[start:end.end()]
        start = end.end()
    if start < len(content):
        yield content[start:]


def rows(content: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for every row, the line being where the row ends in the file (a quoted cell may span
    lines)."""
    reader = csv.reader(lines_of(content), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise Unreadable(reader.line_num, error) from error


def is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def repeats(keyed_rows: Iterable[tuple[int, Hashable]]) -> Iterator[tuple[int, int, Hashable]]:
    """(line, first line, key) for every row whose key an earlier row already had."""
    first_line: dict[Hashable, int] = {}
    for line, key in keyed_rows:
        earlier = first_line.setdefault(key, line)
        if earlier != line:
            yield line, earlier, key
