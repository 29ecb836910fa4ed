"""The offline pack is one self-contained file: no external scripts, styles, fonts or images."""

import re

import pytest

from icc.i18n import set_language
from icc.outputs import pack
from icc.store import db
from icc.store.sessions import PlainSession
from icc.views import visit_slides


@pytest.fixture(scope="module")
def pack_text(tiny_db):
    set_language("en")
    with db.connect(tiny_db) as con:
        slides = visit_slides.build_slides(PlainSession(con, "en"), "alpha", "beta")
    return slides, pack.pack_html(slides, "Alpha welcomes Beta")


def test_pack_has_every_slide_and_its_figures(pack_text):
    slides, text = pack_text
    # No policy area in common: why there is nothing to learn is said on the closing slide, not on its own.
    assert [slide.key for slide in slides] == ["title", "brief-alpha", "brief-beta", "head-to-head", "trends",
                                               "closing"]
    assert text.count('<section class="slide"') == 6
    closing = " ".join(slides[-1].paragraphs)
    assert closing.count("No policy area is scored for both") + closing.count("share no policy area") == 1
    # Every slide shows more than a sentence: a chart, a table or a list.
    assert all(slide.figure is not None or slide.table is not None or slide.bullets or len(slide.paragraphs) > 1
               for slide in slides)
    assert text.count("Plotly.newPlot(") == sum(slide.figure is not None for slide in slides)


def test_pack_references_nothing_outside_the_file(pack_text):
    text = pack_text[1]
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?https?:""", text)
    assert "@import" not in text and "url(http" not in text
    slides, _ = pack_text
    traces = [trace.type for slide in slides if slide.figure is not None for trace in slide.figure.data]
    assert "scattergeo" not in traces  # the map is drawn from embedded outlines: no topojson to fetch


def test_pack_escapes_city_text():
    slide = visit_slides.Slide("x", "<script>alert(1)</script>", paragraphs=["a & b"])
    section, _ = pack.slide_html(slide, 0, 1, "T")
    assert "&lt;script&gt;" in section and "a &amp; b" in section


def test_every_slide_of_the_demo_says_it_is_fictional_and_no_published_slide_does(pack_text):
    from icc.i18n import set_dataset

    slides, published = pack_text
    set_dataset("demo")
    try:
        demo = pack.pack_html(slides, "Alpha welcomes Beta")
    finally:
        set_dataset("published")
    sections = re.findall(r'<section class="slide".*?</section>', demo, re.S)
    assert len(sections) == len(slides) and all("FICTIONAL demo data" in section for section in sections)
    assert "FICTIONAL" not in published
