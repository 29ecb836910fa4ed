"""Every chart offers its PNG/SVG download and every table its CSV, XLSX and codebook, on every page."""

import re

import duckdb
import pytest
from helpers import plotly_figures, run_page, tables_shown

from icc.paths import DEMO_DB

PNG = "PNG image"


@pytest.fixture(scope="module")
def assessed():
    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        return [row[0] for row in con.sql(
            "select city_id from assessment group by 1 order by count(*) desc, city_id limit 3").fetchall()]


def prepare_buttons(app):
    """The one-click PNG downloads (one per chart)."""
    return [button for button in app.get("download_button") if button.proto.label == PNG]


@pytest.mark.parametrize("script, params", [
    ("pages/overview.py", {}), ("pages/city.py", {"city": 0}), ("pages/compare.py", {"cities": 2}),
    ("pages/compare.py", {"cities": 2, "mode": "multiples"}), ("pages/compare.py", {"cities": 2, "mode": "h2h"}),
    ("pages/trends.py", {"cities": 2}), ("pages/areas.py", {}), ("pages/visit.py", {"slide": "4"}),
])
def test_every_chart_has_image_downloads(assessed, script, params):
    values = {key: (assessed[value] if key == "city" else ",".join(assessed[:value]) if key == "cities" else value)
              for key, value in params.items()}
    if script == "pages/visit.py":
        values.update(host=assessed[0], visitor=assessed[1])
    app = run_page(script, dataset="demo", **values)
    assert not app.exception, app.exception
    charts = len(app.get("plotly_chart"))
    assert charts > 0
    assert len(prepare_buttons(app)) == charts
    downloads = [button.proto.label for button in app.get("download_button")]
    tables = tables_shown(app)
    assert tables > 0
    assert [downloads.count(label) for label in ("CSV", "XLSX (with codebook)", "Codebook")] == [tables] * 3


def test_about_tables_have_downloads_too():
    app = run_page("pages/about.py", lang="fr")
    downloads = [button.proto.label for button in app.get("download_button")]
    assert len(app.dataframe) >= 2 and downloads.count("XLSX (avec dictionnaire des données)") == len(app.dataframe)


def test_static_map_is_built_only_when_asked_for_and_then_exportable():
    app = run_page("pages/map.py", dataset="demo")
    assert not app.get("plotly_chart") and not prepare_buttons(app)
    app.toggle(key="show_static_map").set_value(True).run()
    assert not app.exception, app.exception
    assert len(app.get("plotly_chart")) == 1 and len(prepare_buttons(app)) == 1


def test_presentation_mode_shows_charts_without_export_controls(assessed):
    app = run_page("pages/visit.py", dataset="demo", host=assessed[0], visitor=assessed[1], slide="4", present="1")
    assert "Plotly.newPlot" in app.get("iframe")[0].proto.srcdoc and not prepare_buttons(app)


def test_each_chart_offers_png_and_svg_in_one_click(assessed):
    app = run_page("pages/city.py", timeout=120, dataset="demo", city=assessed[0])
    downloads = [button.proto.label for button in app.get("download_button")]
    assert downloads.count("PNG image") == downloads.count("SVG image (for print)") == len(app.get("plotly_chart"))


def test_chart_context_names_the_app_dataset_years_and_versions_in_the_interface_language():
    from icc.i18n import set_language
    from icc.web.shell import Session, session_connection

    set_language("fr")
    try:
        demo = Session("demo", "fr", session_connection("demo")).chart_context([2021, 2012, 2021], ["2019", "2009"])
        published = Session("published", "fr", session_connection("published")).chart_context([2020])
    finally:
        set_language("en")
    assert demo.startswith("Explorateur de l'Indice ICC · RÉSEAU DE DÉMONSTRATION FICTIF")
    assert re.search(r"\(généré le 20\d\d-\d\d-\d\d\)", demo)  # when this demo was generated
    assert demo.endswith("années des données 2012–2021 · version de l'Indice : Indice ICC 2009-2018, Indice ICC révisé")
    assert "données publiées (base construite le 20" in published and published.endswith("années des données 2020")


@pytest.mark.integration
def test_a_prepared_factsheet_belongs_to_the_view_that_made_it(assessed):
    app = run_page("pages/city.py", timeout=120, dataset="demo", city=assessed[0])
    app.button(key="factsheet_prepare").click().run()
    ready = [button for button in app.get("download_button") if button.proto.label == "Download the factsheet"]
    assert ready
    # Another city in the same session: the first city's factsheet is not offered under it.
    app.session_state["city_pick"] = assessed[1]
    app.run()
    assert not app.exception
    assert not [button for button in app.get("download_button")
                if button.proto.label == "Download the factsheet"]


def test_every_chart_and_table_offers_a_citation_with_source_dataset_and_link():
    app = run_page("pages/overview.py", dataset="demo")
    assert not app.exception
    citations = [code.value for code in app.code if "consulted" in code.value]
    assert len(citations) == len(plotly_figures(app)) + tables_shown(app)  # one for each chart and each table
    chart_citation = next(text for text in citations if text.startswith("Cities by year joined"))
    assert "Source: generated fictional demo network" in chart_citation
    assert "FICTIONAL DEMO NETWORK" in chart_citation and "dataset=demo" in chart_citation
