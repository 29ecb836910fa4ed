"""The first sheet of an XLSX file as the text its reader sees in Excel, read in one streaming pass that stops at
the first bound it meets.

Why not openpyxl: its read-only mode loads every shared string before the first row (5.5 million of them took
7 minutes and 700 MB), pads rows to whatever width the file's <dimension> claims (16,384 columns), needs a
second pass for formulas, and raises ValueError or IndexError on a damaged cell reference or string index.
Here expat streams each part of the package, counts shared strings, rows and cells as they come, and every
fault of the file is a `Refused` with a problem a coordinator can act on.

What a cell reads as: a percent-formatted number as Excel shows it (0.612 as "61.2%"), a number with a fixed
number of decimals rounded as shown ("0.0" shows 61.24 as "61.2"), a date-formatted number as an ISO date, a
whole number without ".0", text as written, TRUE/FALSE, an error value as Excel writes it (#DIV/0!).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from icc.store.csv_files import Problem

CHUNK = 64 * 1024
MAX_SHEET_COLUMN = 16_384  # XFD, Excel's last column
REFERENCE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})", re.ASCII)
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Bounds:
    unpacked_bytes: int
    rows: int
    columns: int
    cells: int
    shared_strings: int
    cell_chars: int


class Refused(Exception):
    """The file cannot be read, or breaks a bound: the problem says which and where."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def refusal(message: str, suggestion: str = "save it again as .xlsx", row: int | None = None,
            value: str | None = None) -> Refused:
    return Refused(Problem(None, row, None, value, message, suggestion))


@dataclass
class Sheet:
    """Rows as (sheet row number, cells as text); formulas whose saved value is missing, as (row, column
    position, formula)."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    unsaved_formulas: list[tuple[int, int, str]] = field(default_factory=list)


def local(name: str) -> str:
    """An element's name without its namespace prefix ('x:c' -> 'c')."""
    return name.rsplit(":", 1)[-1]


def parse_part(archive: zipfile.ZipFile, name: str, start, end, text=None) -> None:
    """Stream one XML part of the package through expat. No document type declarations: an XLSX has none, and
    refusing them keeps entity expansion out."""
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def no_doctype(*_):
        raise refusal("the spreadsheet holds an XML document type declaration, which no XLSX file has")

    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    try:
        with archive.open(name) as part:
            while chunk := part.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise refusal(f"the spreadsheet cannot be read (part {name}: {expat.ErrorString(error.code)}, "
                      f"line {error.lineno})") from None
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as error:
        raise refusal(f"the spreadsheet cannot be read (part {name}: {error})") from None


def part_path(base: str, target: str) -> str:
    """A relationship target as a path inside the package."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))


def relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id -> (type, part path) of a part's relationships."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if rels not in archive.namelist():
        return found

    def start(tag, attributes):
        if local(tag) == "Relationship" and "Id" in attributes and "Target" in attributes:
            found[attributes["Id"]] = (attributes.get("Type", ""), part_path(folder, attributes["Target"]))

    parse_part(archive, rels, start, lambda tag: None)
    return found


def workbook_parts(archive: zipfile.ZipFile) -> tuple[str, str | None, str | None, bool]:
    """(first sheet, shared strings, styles, 1904 date system) from the workbook and its relationships."""
    names = set(archive.namelist())
    workbook = next((target for kind, target in relationships(archive, "").values()
                     if kind.endswith("/officeDocument")), "xl/workbook.xml")
    if workbook not in names:
        raise refusal("the file is a zip archive but not an Excel workbook (no workbook part)",
                      "save the round as .xlsx from a spreadsheet program")
    sheets: list[str] = []
    date1904 = [False]

    def start(tag, attributes):
        name = local(tag)
        if name == "sheet":
            sheets.append(next((value for key, value in attributes.items() if local(key) == "id"), ""))
        elif name == "workbookPr":
            date1904[0] = attributes.get("date1904", "0").lower() in ("1", "true")

    parse_part(archive, workbook, start, lambda tag: None)
    links = relationships(archive, workbook)
    first = links.get(sheets[0], ("", ""))[1] if sheets else ""
    if first not in names:
        first = "xl/worksheets/sheet1.xml"
    if first not in names:
        raise refusal("the workbook has no sheet", "put the round's rows on the first sheet")

    def linked(kind: str, default: str) -> str | None:
        path = next((target for link_kind, target in links.values() if link_kind.endswith("/" + kind)), default)
        return path if path in names else None

    return first, linked("sharedStrings", "xl/sharedStrings.xml"), linked("styles", "xl/styles.xml"), date1904[0]


def shared_strings(archive: zipfile.ZipFile, part: str | None, bounds: Bounds) -> list[str]:
    """The shared strings, counted as they stream (a bound is met before the rest is read). Each is kept to
    one character past the cell bound, so an oversized cell is still reported as such."""
    strings: list[str] = []
    if part is None:
        return strings
    state = {"in_text": False, "phonetic": 0, "pieces": [], "length": 0}

    def start(tag, _attributes):
        name = local(tag)
        if name == "si":
            if len(strings) >= bounds.shared_strings:
                raise refusal(f"more than {bounds.shared_strings:,} different texts in the spreadsheet",
                              "keep one sheet with the round's rows only")
            state["pieces"], state["length"] = [], 0
        elif name == "rPh":
            state["phonetic"] += 1  # a phonetic guide (furigana), not part of the cell's text
        elif name == "t" and not state["phonetic"]:
            state["in_text"] = True

    def end(tag):
        name = local(tag)
        if name == "si":
            strings.append("".join(state["pieces"]))
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "t":
            state["in_text"] = False

    def text(data):
        if state["in_text"] and state["length"] <= bounds.cell_chars:
            piece = data[: bounds.cell_chars + 1 - state["length"]]
            state["pieces"].append(piece)
            state["length"] += len(piece)

    parse_part(archive, part, start, end, text)
    return strings


@dataclass(frozen=True)
class Format:
    kind: str  # "general", "number", "percent" or "date"
    decimals: int | None = None  # fixed decimals shown, None for General


def number_format(code: str) -> Format:
    """What a number format code does to a value's text: the first section, quoted text left out."""
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", code.split(";")[0])
    if code.strip().lower() == "general" or not section.strip():
        return Format("general")
    if is_date_format(code):
        return Format("date")
    if "e+" in section.lower() or "e-" in section.lower() or "/" in section:
        return Format("general")  # scientific and fraction formats: the plain value
    decimals = re.search(r"\.([0#?]+)", section)
    places = len(decimals.group(1)) if decimals else 0
    return Format("percent" if "%" in section else "number", places)


def cell_formats(archive: zipfile.ZipFile, part: str | None) -> list[Format]:
    """The number format of each cell style (the cells' `s` attribute indexes this list)."""
    if part is None:
        return []
    codes: dict[int, str] = {}
    styles: list[int] = []
    depth = {"cellXfs": 0}

    def start(tag, attributes):
        name = local(tag)
        if name == "numFmt" and attributes.get("numFmtId", "").isdigit():
            codes[int(attributes["numFmtId"])] = attributes.get("formatCode", "General")
        elif name == "cellXfs":
            depth["cellXfs"] += 1
        elif name == "xf" and depth["cellXfs"]:
            number = attributes.get("numFmtId", "0")
            styles.append(int(number) if number.isdigit() else 0)

    def end(tag):
        if local(tag) == "cellXfs":
            depth["cellXfs"] -= 1

    parse_part(archive, part, start, end)
    return [number_format(codes.get(number, BUILTIN_FORMATS.get(number, "General"))) for number in styles]


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def decimal_text(value: Decimal) -> str:
    """A decimal as a person writes it: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def shown_number(raw: str, style: Format, epoch) -> str:
    """A numeric cell's stored text as Excel shows it with its number format."""
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        raise refusal(f"a numeric cell holds '{raw[:40]}', which is not a number") from None
    if not value.is_finite():
        raise refusal(f"a numeric cell holds '{raw[:40]}', which is not a number")
    if style.kind == "date":
        try:
            moment = from_excel(float(value), epoch)
        except (OverflowError, ValueError):
            return decimal_text(value)
        if isinstance(moment, dt.datetime):
            return moment.date().isoformat() if moment.time() == dt.time() else moment.isoformat()
        return moment.isoformat() if moment is not None else decimal_text(value)
    if style.kind == "percent":
        value = value * 100
    if style.decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-style.decimals), rounding=ROUND_HALF_UP)
    elif abs(value) < Decimal("1e15"):
        value = Decimal(f"{float(value):.15g}")  # General shows at most 15 significant digits
    text = decimal_text(value)
    if text == "-0":
        text = "0"
    return text + ("%" if style.kind == "percent" else "")


class SheetReader:
    """The expat handlers for one worksheet: cells collected row by row, bounds checked as they come."""

    def __init__(self, strings: list[str], formats: list[Format], epoch, bounds: Bounds):
        self.strings, self.formats, self.epoch, self.bounds = strings, formats, epoch, bounds
        self.sheet = Sheet()
        self.cells_seen = 0
        self.row_number = 0
        self.row: dict[int, str] = {}
        self.column = 0
        self.cell: dict[str, str] = {}
        self.collecting: str | None = None
        self.pieces: dict[str, list[str]] = {}
        self.phonetic = 0

    def start(self, tag, attributes):
        name = local(tag)
        if name == "row":
            number = attributes.get("r")
            if number is None:
                number = self.row_number + 1
            elif not number.isascii() or not number.isdigit() or int(number) <= self.row_number:
                raise refusal(f"a row of the sheet is numbered '{number[:20]}' after row {self.row_number}",
                              row=self.row_number or None)
            else:
                number = int(number)
            if number > self.bounds.rows + 1:
                raise refusal(f"the file has more than {self.bounds.rows:,} data rows",
                              "split the round into files")
            self.row_number, self.row, self.column = number, {}, 0
        elif name == "c":
            self.cells_seen += 1
            if self.cells_seen > self.bounds.cells:
                raise refusal(f"the file has more than {self.bounds.cells:,} cells", "split the round into files")
            reference = attributes.get("r")
            if reference is None:
                self.column += 1
            else:
                found = REFERENCE.fullmatch(reference)
                column = column_number(found.group(1)) if found else 0
                if not found or int(found.group(2)) != self.row_number or not 0 < column <= MAX_SHEET_COLUMN:
                    raise refusal(f"the cell reference '{reference[:20]}' is not a cell of row {self.row_number}",
                                  row=self.row_number, value=reference[:20])
                self.column = column
            self.cell = attributes
            self.pieces = {}
        elif name in ("v", "f") or (name == "t" and not self.phonetic):
            self.collecting = name
            self.pieces.setdefault(name, [])
        elif name == "rPh":
            self.phonetic += 1

    def text(self, data):
        if self.collecting is not None:
            pieces = self.pieces[self.collecting]
            if sum(map(len, pieces)) <= self.bounds.cell_chars:
                pieces.append(data[: self.bounds.cell_chars + 1])

    def end(self, tag):
        name = local(tag)
        if name in ("v", "f", "t"):
            self.collecting = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c":
            text = self.cell_text()
            if text:
                if self.column > self.bounds.columns:
                    raise Refused(Problem(None, self.row_number, None, f"{self.column} columns",
                                          f"more than {self.bounds.columns} columns",
                                          "keep the template's columns only"))
                self.row[self.column] = text
            if "f" in self.pieces and not text:
                formula = "".join(self.pieces["f"])
                self.sheet.unsaved_formulas.append((self.row_number, self.column,
                                                    "=" + formula if formula else "(a shared formula)"))
        elif name == "row":
            if self.row:
                width = max(self.row)
                self.sheet.rows.append((self.row_number, [self.row.get(c, "") for c in range(1, width + 1)]))

    def cell_text(self) -> str:
        kind = self.cell.get("t", "n")
        value = "".join(self.pieces.get("v", []))
        if kind == "inlineStr":
            return "".join(self.pieces.get("t", []))
        if value == "":
            return ""
        if kind == "s":
            index = value.strip()
            if not index.isascii() or not index.isdigit() or int(index) >= len(self.strings):
                raise refusal(f"the cell {self.cell.get('r', '')[:20]} points to text number {index[:20]}, which "
                              f"the file does not hold ({len(self.strings):,} texts)", row=self.row_number)
            return self.strings[int(index)]
        if kind == "b":
            return "TRUE" if value.strip() == "1" else "FALSE"
        if kind in ("str", "e"):
            return value
        if kind == "d":
            return value.strip()
        style = self.cell.get("s", "0")
        position = int(style) if style.isascii() and style.isdigit() else -1
        if not 0 <= position < max(len(self.formats), 1):
            raise refusal(f"the cell {self.cell.get('r', '')[:20]} has style {style[:20]}, which the file does "
                          "not define", row=self.row_number)
        return shown_number(value, self.formats[position] if self.formats else Format("general"), self.epoch)


def read_sheet(raw: bytes, bounds: Bounds) -> Sheet:
    """The first sheet's non-empty rows as text; raises Refused for a damaged file or a broken bound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise refusal(f"the spreadsheet cannot be read ({error})") from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > bounds.unpacked_bytes:
        raise Refused(Problem(None, None, None, f"{unpacked / 2**20:,.0f} MB unpacked",
                              f"the spreadsheet unpacks to more than {bounds.unpacked_bytes // 2**20} MB",
                              "keep one sheet with the round's rows only"))
    if any(member.flag_bits & 0x1 for member in members):
        raise refusal("the spreadsheet is protected with a password", "save a copy without a password")
    sheet_part, strings_part, styles_part, date1904 = workbook_parts(archive)
    reader = SheetReader(shared_strings(archive, strings_part, bounds), cell_formats(archive, styles_part),
                         CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900, bounds)
    parse_part(archive, sheet_part, reader.start, reader.end, reader.text)
    return reader.sheet
