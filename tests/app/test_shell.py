"""Every page renders on both datasets, with the shared sidebar, badge and language."""

import re

import pytest
from conftest import PAGES
from helpers import run_page, tables_shown, texts
from published_sources import source_facts

from icc import site

OVERVIEW = site.page("overview").script


@pytest.mark.parametrize("script", PAGES)
@pytest.mark.parametrize("dataset", ["published", "demo"])
def test_every_page_renders(script, dataset):
    app = run_page(script, dataset=dataset)
    assert not app.exception, app.exception
    assert app.title, "every page has a title"
    labels = [radio.label for radio in app.sidebar.radio]
    assert labels[:2] == ["Dataset", "Language"]
    # Every choice is written out, never a catalogue key ("language.en").
    options = [str(option) for widget in (*app.radio, *app.selectbox, *app.multiselect) for option in widget.options]
    assert [option for option in options if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", option)] == []
    badge = "Fictional demo data"
    if dataset == "demo":
        assert badge in texts(app)
    else:
        assert badge not in texts(app)


def test_overview_headline_figures_match_the_source_files():
    app = run_page(OVERVIEW)
    metrics = {metric.label: metric.value for metric in app.metric}
    facts = source_facts()
    assert metrics["Cities"] == f"{facts.cities:,}"
    assert metrics["Countries"] == f"{facts.countries:,}"
    assert metrics["National networks"] == f"{facts.national_networks:,}"
    assert metrics["Cities with Index results"] == f"{facts.cities_with_index:,}"
    assert metrics["Newest assessment"] == facts.newest_assessment


def test_french_interface():
    app = run_page(OVERVIEW, lang="fr")
    assert app.title[0].value == "Le réseau des Cités interculturelles en un coup d'œil"
    assert [radio.label for radio in app.sidebar.radio] == ["Jeu de données", "Langue"]
    assert {metric.label for metric in app.metric} >= {"Villes", "Pays"}


def test_switching_dataset_goes_into_the_url():
    app = run_page(OVERVIEW)
    app.sidebar.radio[0].set_value("demo").run()
    assert app.query_params["dataset"] == "demo"
    assert "Fictional demo data" in texts(app)


def test_unknown_url_values_fall_back_to_defaults():
    app = run_page("pages/about.py", lang="xx", dataset="../../etc")
    assert not app.exception
    assert app.title[0].value == "About the ICC Index Explorer"


def test_about_lists_both_index_versions_and_sources():
    app = run_page("pages/about.py")
    shown = texts(app)
    assert "ICC Index 2009-2018" in shown and "Revised ICC Index (2019-)" in shown
    facts = source_facts()
    assert f"{facts.cities} cities in {facts.countries} countries" in shown
    assert f"{facts.published_figures} published figures for {facts.cities_with_index} cities" in shown
    assert len(app.dataframe) == 2


def test_a_demo_link_on_a_server_without_the_demo_says_it_shows_published_data(monkeypatch, tmp_path):
    from icc.web import shell

    monkeypatch.setitem(shell.DATASETS, "demo", tmp_path / "not-generated.duckdb")
    page = run_page(OVERVIEW, dataset="demo")
    assert not page.exception
    assert "has not generated" in texts(page) and "fictional demo data" not in texts(page).lower()


def test_a_page_error_shows_a_reference_and_logs_the_details(caplog, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from icc.web import frame

    monkeypatch.setattr(frame, "RAISE_PAGE_ERRORS", False)
    script = ("from icc.web import frame\nframe.install_error_hook()\n"
              "raise RuntimeError('/secret/server/path broke')\n")
    app = AppTest.from_string(script).run()
    assert not app.exception  # no traceback element: the page shows the reference instead
    shown = texts(app)
    assert "give the administrator this reference" in shown and "/secret/server/path" not in shown
    reference = shown.split("reference: ")[1].split(".")[0]
    assert any(reference in record.getMessage() and record.exc_info for record in caplog.records)


def test_every_view_offers_all_its_figures_in_one_zip():
    app = run_page(OVERVIEW, dataset="demo")
    assert not app.exception
    offer = [button.label for button in app.button if button.label.startswith("All figures of this view")]
    charts, tables = len(app.get("plotly_chart")), tables_shown(app)
    assert offer == [f"All figures of this view ({charts} charts, {tables} tables, zip)"]
