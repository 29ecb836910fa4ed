"""Chart images and the factsheet rendered in Chromium (kaleido): valid files, titled and sourced, nothing
overlapping."""

import pandas as pd
import pytest

from icc.outputs import chart_images, factsheet

pytestmark = pytest.mark.integration


def test_chart_images_are_valid_png_and_svg_with_title_and_source():
    import plotly.graph_objects as go

    from icc.charts import base_layout

    figure = go.Figure(go.Bar(x=["a"], y=[1]), layout=base_layout("Cities per country (2021)", "Source: CoE"))
    images = chart_images.figure_images(figure)
    assert images["png"][:8] == b"\x89PNG\r\n\x1a\n" and len(images["png"]) > 10_000
    svg = images["svg"].decode("utf-8")
    assert svg.startswith("<svg") and "Cities per country (2021)" in svg and "Source: CoE" in svg


def test_chart_images_set_source_and_context_under_the_chart_where_nothing_overlaps():
    import plotly.graph_objects as go

    from icc.charts import base_layout

    figure = go.Figure(go.Bar(x=["a"], y=[80]), layout=base_layout("Cities per country", "Source: CoE"))
    context = "ICC Index Explorer · FICTIONAL DEMO NETWORK · data years 2012–2024 · Index version: revised ICC Index"
    chart, lines = chart_images.image_parts(figure, context)
    assert lines == ["Source: CoE", context]
    assert [note.name for note in chart.layout.annotations] == []  # the source left the plot for the footer
    with chart_images.ImageRenderer() as renderer:
        images = renderer.images(figure, context)
        assert renderer.measure(images["svg"]) == []
    svg = images["svg"].decode("utf-8")
    assert "FICTIONAL DEMO NETWORK" in svg and "data years 2012–2024" in svg and ">80<" in svg


def test_factsheet_is_a_one_page_pdf():
    html_text = factsheet.factsheet_html("Oslo · Sep 2020", ["Country: Norway"], None,
                                      pd.DataFrame({"area": ["Aggregate"], "score": [85.0]}), ["Source: x"])
    assert "<li>Country: Norway</li>" in html_text and "http" not in html_text.split("<body>")[1]
    assert pages(factsheet.factsheet_pdf(html_text)) == 1


def pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_fullest_demo_factsheet_fits_one_page_and_says_when_from_what_and_where_it_was_made():
    """The demo city with the most assessments and practices, in French: one A4 page with the city's own
    practices, the build date and the address of its view (it used 60 % of the page and had none of them)."""
    import io

    from pypdf import PdfReader

    from icc.i18n import format as fmt, set_dataset, set_language, t
    from icc.outputs.context_line import context_line
    from icc.paths import DEMO_DB
    from icc.store import db
    from icc.store.sessions import PlainSession
    from icc.views import city_view

    set_language("fr")
    set_dataset("demo")
    try:
        with db.connect(DEMO_DB) as con:
            session = PlainSession(con, "fr", "demo")
            city_id = con.sql("select pc.city_id from practice_city pc join assessment a using (city_id) "
                              "group by 1 order by count(distinct a.assessment_id) desc, count(*) desc, 1 "
                              "limit 1").fetchall()[0][0]
            city = session.query("city_detail", city_id=city_id).iloc[0]
            assessment = session.query("city_assessments", city_id=city_id).iloc[0]
            view = city_view.assessment_view(session, city_id, assessment["assessment_id"], "population", ())
            label = fmt.partial_date(assessment["assessed_on"], assessment["date_precision"])
            pdf = factsheet.city_factsheet_pdf(city, view, label, "fr", True,
                                               session.query("city_practices", city_id=city_id),
                                               context_line(session), f"http://example.org/city?city={city_id}")
            own_heading = t("city.own_practices", city=city["name"])
    finally:
        set_language("en")
        set_dataset("published")
    assert pages(pdf) == 1
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert own_heading.split(" :")[0] in text and "Réalisé le" in text and "généré le 20" in text
    assert f"city={city_id}" in text.replace(" ", "") and "FICTI" in text

def test_all_figures_of_a_view_are_rendered_by_one_browser_into_the_zip():
    import io
    import zipfile

    import plotly.graph_objects as go

    from icc.charts import base_layout
    from icc.outputs import view_files

    charts = [(go.Figure(go.Bar(x=["a"], y=[index]), layout=base_layout(f"Chart {index}", "Source: x")),
               f"chart-{index}", "context") for index in range(3)]
    archive = zipfile.ZipFile(io.BytesIO(view_files.view_zip(charts, [])))
    pngs = [name for name in archive.namelist() if name.endswith(".png")]
    assert len(pngs) == 3 and all(archive.read(name)[:8] == b"\x89PNG\r\n\x1a\n" for name in pngs)
    assert all("Chart" in archive.read(name.replace(".png", ".svg")).decode() for name in pngs)
