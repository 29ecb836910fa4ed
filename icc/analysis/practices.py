"""The good-practice catalogue: text search across accents and both interface languages, source links,
and how an entry's title is labelled."""

from __future__ import annotations

import re

import pandas as pd

from icc.i18n import t
from icc.i18n.city_names import fold
from icc.i18n.format import md_escape

URL = re.compile(r"https?://\S+")


def source_links(url: object) -> list[str]:
    """The web addresses of an entry's source field ("http://a ; https://b" holds two); none for the demo's
    'generated' entries."""
    return URL.findall(str(url or "").replace(";", " "))


def markdown_title(title: object, url: object) -> str:
    """The entry's title as a markdown link to its first source (plain text when it has no web address)."""
    links = source_links(url)
    return f"[{md_escape(title)}]({links[0]})" if links else md_escape(title)


CATALOGUE_LANGUAGE = "en"  # the language the catalogue's summaries are written in, and most titles


def source_language_note(languages, interface_language: str) -> str:
    """Said once above practices shown in another interface language than the catalogue's: the reader is
    told, rather than meeting a mix of languages unannounced ('' when there is nothing to say)."""
    if interface_language == CATALOGUE_LANGUAGE or not len(languages):
        return ""
    return t("practices.source_language")


def title_language(code: object, interface_language: str) -> str:
    """' (title in Albanian, as in the source)' after a title in neither the catalogue's nor the interface's
    language; '' otherwise."""
    if not code or code in (CATALOGUE_LANGUAGE, interface_language):
        return ""
    name = t(f"language.name.{code}")
    return " " + t("practices.title_language", name=code if name == f"language.name.{code}" else name)


def words(text: str) -> list[str]:
    """Folded search words, with a plural 's' dropped, so 'Rumours' finds 'rumour' and 'rumeur' 'rumeurs'."""
    return [word[:-1] if len(word) > 3 and word.endswith("s") else word for word in re.findall(r"\w+", fold(text))]


def matching(found: pd.DataFrame, text: str, tag_names: dict[str, list[str]]) -> pd.DataFrame:
    """The entries of `found` whose title, summary, cities, countries or area tags (named in every interface
    language: `tag_names` maps a tag code to its names) contain every word of `text`."""
    wanted = words(text)
    if not wanted or found.empty:
        return found
    haystacks = [
        fold(" ".join([str(row.title), str(row.summary),
                       *(city["name"] for city in (row.cities if row.cities is not None else [])),
                       *(row.countries_en if row.countries_en is not None else []),
                       *(row.countries_fr if row.countries_fr is not None else []),
                       *(name for code in (row.area_codes if row.area_codes is not None else [])
                         for name in tag_names.get(code, [code]))]))
        for row in found.itertuples()]
    keep = [all(word in haystack for word in wanted) for haystack in haystacks]
    return found[keep]
