"""Numbers and dates as each interface language writes them. Missing stays visibly missing."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from icc.i18n import current_language, t

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
}


def is_missing(value: object) -> bool:
    """None, NaN, NaT and pd.NA are missing; lists and other containers are not."""
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, set)) or hasattr(value, "__len__") and not isinstance(value, str):
        return False
    return bool(pd.isna(value))


# French sets a no-break space before ':' and ';' (and the text after them never starts a line alone).
COLON = {"en": ": ", "fr": "\u00a0: "}
SEMICOLON = {"en": "; ", "fr": "\u00a0; "}


def labelled(label: object, value: object) -> str:
    """'Country: Norway' / 'Pays : Norvège'."""
    return f"{label}{COLON.get(current_language(), ': ')}{value}"


def listing(items) -> str:
    """Items set apart by semicolons, as the interface's language writes them."""
    return SEMICOLON.get(current_language(), "; ").join(str(item) for item in items)


def ordinal(rank: int) -> str:
    """'1st', '2nd', '17th' / '1er', '2e', '17e'."""
    rank = int(rank)
    if current_language() == "fr":
        return "1er" if rank == 1 else f"{rank}e"
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def number(value: object, decimals: int = 0) -> str:
    if is_missing(value):
        return t("common.missing")
    text = f"{float(value):,.{decimals}f}"
    if current_language() == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def score(value: object) -> str:
    return t("common.missing") if is_missing(value) else f"{number(value)} / 100"


def partial_date(value: dt.date | None, precision: str | None) -> str:
    """A date as precise as the source gave it: '2017', 'Oct 2018', '15 Feb 2024'."""
    if is_missing(value):
        return t("common.missing")
    if hasattr(value, "date") and not isinstance(value, dt.date):
        value = value.date()
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime().date()
    month = MONTHS[current_language()][value.month - 1]
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{month} {value.year}"
    return f"{value.day} {month} {value.year}"


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$])")


def md_escape(text: object) -> str:
    """Data shown through st.markdown must not turn into formatting, links or HTML."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


# Text a spreadsheet would run as a formula (CSV and XLSX downloads neutralise it; imports refuse it).
FORMULA_PREFIXES = ("=", "+", "-", "@")


def neutralise(value: object) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe in exports."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text
