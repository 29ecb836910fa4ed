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
    assert i18n.t("common.coming", language="fr", what="x") == "Cette page arrive bientôt : x"
    assert i18n.t("no.such.key") == "no.such.key"
