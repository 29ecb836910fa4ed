"""Both catalogues are complete, and every literal key the code asks for exists."""

import re
from pathlib import Path

import pytest

from icc import i18n

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]*[a-z0-9_])["']\s*[,)]""")


def code_files():
    return [*ROOT.glob("icc/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]


def test_catalogues_have_the_same_keys():
    english, french = set(i18n.catalogue("en")), set(i18n.catalogue("fr"))
    assert english - french == set(), "keys missing in fr.json"
    assert french - english == set(), "keys missing in en.json"


def test_no_catalogue_entry_is_empty():
    for language in i18n.LANGUAGES:
        assert [key for key, text in i18n.catalogue(language).items() if not text.strip()] == []


@pytest.mark.parametrize("path", code_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_literal_key_exists(path):
    missing = [key for key in LITERAL_KEY.findall(path.read_text()) if key not in i18n.catalogue("en")]
    assert missing == []


def test_placeholders_match_between_languages():
    placeholder = re.compile(r"\{(\w+)\}")
    for key, english in i18n.catalogue("en").items():
        assert set(placeholder.findall(english)) == set(placeholder.findall(i18n.catalogue("fr")[key])), key


def test_t_fills_placeholders_and_falls_back_to_the_key():
    assert i18n.t("city.membership_source", language="fr", sources="x") == "Adhésion : x."
    assert i18n.t("no.such.key") == "no.such.key"


# Words that credit the real sources: a text that uses them needs a '@demo' variant (what the fictional demo
# shows instead), unless it only ever describes the real programme (About) or the published dataset itself.
REAL_SOURCE = re.compile(r"Council of Europe|published|city sources|good-practice database|ICC pages", re.I)
REAL_BY_DESIGN = {"about.demo_sources", "about.index", "about.missing", "about.programme", "about.sources", "app.demo_missing",
                  "data.demo_no_import", "dataset.published", "export.context.published"}


def test_every_text_that_credits_a_real_source_has_a_demo_variant():
    english = i18n.catalogue("en")
    lacking = [key for key, text in english.items()
               if "@" not in key and REAL_SOURCE.search(text) and key not in REAL_BY_DESIGN
               and f"{key}@demo" not in english]
    assert lacking == []
    for key, text in english.items():
        if key.endswith("@demo"):
            assert not REAL_SOURCE.search(text.replace("not published", "")), key
            assert key.removesuffix("@demo") in english, key


def test_the_demo_variant_is_read_while_the_demo_is_shown():
    i18n.set_dataset("demo")
    try:
        assert "fictional" in i18n.t("map.source") and "Council of Europe" not in i18n.t("map.source")
        assert "fictif" in i18n.t("map.source", language="fr")
    finally:
        i18n.set_dataset("published")
    assert "Council of Europe" in i18n.t("map.source")


@pytest.mark.parametrize(("language", "count", "expected"), [
    ("en", 1, "Only 1 city has a score here"), ("en", 0, "Only 0 cities have a score here"),
    ("en", 2, "Only 2 cities have a score here"), ("fr", 1, "Seulement 1 ville a un score"),
    ("fr", 0, "Seulement 0 ville a un score"), ("fr", 3, "Seulement 3 villes ont un score")])
def test_plural_forms_follow_the_number_and_the_language(language, count, expected):
    assert i18n.t("areas.thin", language=language, count=count).startswith(expected)


def test_no_catalogue_text_writes_a_plural_in_brackets():
    for language in i18n.LANGUAGES:
        assert [key for key, text in i18n.catalogue(language).items() if re.search(r"\w\(s\)", text)] == []


def test_about_names_the_international_networks_countries_outside_europe_as_the_data_does(tiny_con):
    """The About text lists where the international network reaches outside Europe; the published data
    must agree (Morocco's cities are associated through the national network, not international members)."""
    from icc.paths import PUBLISHED_DB
    from icc.store import db

    with db.connect(PUBLISHED_DB) as con:
        members = {row[0] for row in con.sql(
            "select distinct k.name_en from membership m join city c using (city_id) join country k "
            "on k.iso2 = c.country_iso2 where m.scope = 'international' and m.status = 'member'").fetchall()}
    text = i18n.catalogue("en")["about.programme"]
    named = set(re.search(r"in this data: ([^)]*)\)", text).group(1).replace(" and ", ", ").replace("the ", "")
                .split(", "))
    assert named <= members and "Morocco" not in named
    outside_europe = {"Australia", "Canada", "Israel", "Japan", "Mexico", "South Korea", "United States"}
    assert members & outside_europe == named
