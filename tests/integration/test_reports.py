"""The documents the network hands round, made by the command line: each city's Index report (A4 PDF and HTML),
one per city with results, read back page by page."""

import io

import duckdb
import pytest
from fixtures import cli

pytestmark = pytest.mark.integration


def pdf_pages(path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory):
    """A small fictional network of its own (the app's demo stays as it is)."""
    folder = tmp_path_factory.mktemp("demo")
    env = {"ICC_DEMO_DB": str(folder / "demo.duckdb")}
    done = cli("demo", "--cities", "14", "--years", "8", "--seed", "5", env=env)
    assert done.returncode == 0, done.stderr
    return env, folder / "demo.duckdb"


def test_every_demo_city_with_results_gets_a_french_report_that_says_fictional_on_every_page(small_demo, tmp_path):
    env, database = small_demo
    out = tmp_path / "reports"
    done = cli("report", "--all", "--dataset", "demo", "--lang", "fr", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    with duckdb.connect(str(database), read_only=True) as con:
        assessed = sorted(row[0] for row in con.sql("select distinct city_id from assessment").fetchall())
        name = dict(con.sql("select city_id, name from city").fetchall())
    assert sorted(path.name.removesuffix("-fr.pdf") for path in out.glob("*.pdf")) == assessed
    assert len(list(out.glob("*-fr.html"))) == len(assessed) and (out / "index.html").exists()
    assert f"wrote {len(assessed)} reports" in done.stdout
    fullest = max(assessed, key=lambda city_id: (out / f"{city_id}-fr.pdf").stat().st_size)
    pages = pdf_pages(out / f"{fullest}-fr.pdf")
    text = " ".join(pages)
    assert all("FICTIVES" in page for page in pages)  # every page's footer
    assert f"{name[fullest]} : résultats de l'Indice des Cités interculturelles" in text
    assert "se classe" in text and "parmi les" in text.lower()  # ranks among all and among similar cities
    assert "Méthode et limites" in text
    assert ("Sommaire" in text) == (len(pages) > 4)  # a contents list exactly past four pages
    html = (out / f"{fullest}-fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "<script src=" not in html  # self-contained: plotly.js inside


def test_a_published_city_s_report_names_the_city_its_ranks_and_its_sources(tmp_path):
    done = cli("report", "guro-gu-seoul", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    pages = pdf_pages(tmp_path / "guro-gu-seoul-en.pdf")
    text = " ".join(pages)
    assert "Guro-gu (Seoul): results of the Intercultural Cities Index Newest assessment" in text
    assert "On the aggregate Index, Guro-gu (Seoul) ranks" in text
    assert "similar size" in text  # why there is no rank among cities of similar population
    assert "FICTIONAL" not in text and "Method and limits" in text
    assert all(f"{number} / {len(pages)}" in page for number, page in enumerate(pages, start=1))


def test_an_unknown_city_or_one_without_results_is_refused_with_the_reason(tmp_path):
    unknown = cli("report", "gurogu seul", "--out", str(tmp_path))
    assert unknown.returncode == 2 and "unknown city" in unknown.stderr and "Guro-gu" in unknown.stderr
    neither = cli("report", "--out", str(tmp_path))
    assert neither.returncode == 2 and "--all" in neither.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_the_round_report_lists_coverage_movers_members_and_groups_in_french(small_demo, tmp_path):
    env, database = small_demo
    out = tmp_path / "round.pdf"
    done = cli("round-report", "--dataset", "demo", "--lang", "fr", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    with duckdb.connect(str(database), read_only=True) as con:
        cities = con.sql("select count(*) from city").fetchall()[0][0]
        assessed = con.sql("select count(distinct city_id) from assessment").fetchall()[0][0]
        never = [row[0] for row in con.sql("select name from city where city_id not in "
                                           "(select city_id from assessment) order by name").fetchall()]
    pages = pdf_pages(out)
    text = " ".join(pages)
    assert all("FICTIVES" in page for page in pages)
    assert f"{assessed} des {cities} villes ont des résultats à l'Indice" in text
    for heading in ("Couverture", "Le réseau en un coup d'œil", "Les plus fortes évolutions", "Les nouveaux membres",
                    "Résultats par pays", "Résultats par réseau national"):
        assert heading in text, heading
    assert all(name in text for name in never) and (not never or "jamais" in text)
    assert (tmp_path / "round.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html><html lang=\"fr\">")
