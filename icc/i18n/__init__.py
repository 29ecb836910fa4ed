"""Interface language: every user-facing string goes through t(key).

The language (and the dataset, for `key@demo` variants) is set once per page run by the shell, in a
ContextVar: Streamlit runs each session's script in its own thread, so one session's choice never reaches
another's text (tests/unit/test_i18n_context.py). Code that needs the language for data, not text (a column
such as `country_fr`), takes it as a parameter."""

from __future__ import annotations

import contextvars
import json
import re
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
CATALOGUES = Path(__file__).resolve().parent
_language = contextvars.ContextVar("language", default=DEFAULT_LANGUAGE)
# The dataset being shown: a key with a variant for it ("map.source@demo") reads that variant, so no text of
# the fictional demo can credit a real source (tests/unit/test_i18n.py checks that every such text has one).
_dataset = contextvars.ContextVar("dataset", default="published")


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    return json.loads((CATALOGUES / f"{language}.json").read_text(encoding="utf-8"))


def set_language(language: str) -> str:
    chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(chosen)
    return chosen


def current_language() -> str:
    return _language.get()


def set_dataset(dataset: str) -> str:
    _dataset.set(dataset)
    return dataset


def current_dataset() -> str:
    return _dataset.get()


# {count|city|cities}: the singular or the plural form, chosen by the number `count` (never "city(s)").
PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def is_singular(number: object, language: str) -> bool:
    """English says '0 cities', French '0 ville': both say 1 in the singular."""
    try:
        value = abs(float(number))
    except (TypeError, ValueError):
        return False
    return value == 1 or (language == "fr" and value < 2)


# French elides "de" and "que" before a name that starts with a vowel: "s'inspirer d'Esotingen", "qu'Oslo".
ELIDED = re.compile(r"\b(de|que) \{(city|host|visitor|leader|learner|first|second|other)\}")
VOWELS = tuple("AEIOUYÉÈÊÎÏÔÂÀaeiouyéèêîïôâà")


def t(key: str, language: str | None = None, **values: object) -> str:
    """The text for `key` in the current language, with {placeholders} filled from `values` and
    {count|singular|plural} forms chosen by the number they name."""
    lang = language or current_language()
    variant = f"{key}@{current_dataset()}"
    template = (catalogue(lang).get(variant) or catalogue(DEFAULT_LANGUAGE).get(variant) or catalogue(lang).get(key)
                or catalogue(DEFAULT_LANGUAGE).get(key) or key)
    if not values:
        return template
    template = PLURAL.sub(lambda m: m[2] if is_singular(values.get(m[1]), lang) else m[3], template)
    if lang == "fr":
        template = ELIDED.sub(lambda m: m[1][:-1] + "'{" + m[2] + "}" if str(values.get(m[2], "")).startswith(VOWELS)
                              else m[0], template)
    return template.format(**values)


def localized(row, field: str, language: str | None = None) -> str:
    """Pick `<field>_<lang>` from a row (a dict or a pandas Series), e.g. name_en / name_fr."""
    return row[f"{field}_{language or current_language()}"]
