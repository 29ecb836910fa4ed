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
    pdf = factsheet.factsheet_pdf(html_text)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + \
        pdf.count(b"/Type/Page") >= 1
