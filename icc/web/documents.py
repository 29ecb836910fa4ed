"""The files pages make on a click, for the pages: a city's factsheet, the visit pack (HTML and PDF), the whole
dataset and the import templates, the data twins' addresses. Each is made in icc/outputs."""

from __future__ import annotations

from icc.outputs import browser, city_report, deck, pack, renderer, round_report, tables, twins
from icc.outputs.factsheet import city_factsheet_pdf
from icc.views import city_report_view

XLSX_MIME = tables.XLSX_MIME
dataset_files = tables.dataset_files
long_template = tables.long_template
wide_template_for = tables.wide_template_for
twin_url = twins.twin_url
twin_listing = twins.twin_listing
factsheet_pdf = city_factsheet_pdf
pack_html = pack.pack_html
visit_deck = deck.visit_deck
round_report_files = round_report.round_files


def city_report_pdf(session, city_id: str, context: str, link: str) -> bytes:
    """The city's Index report (the newest assessment), as `python -m icc report` writes it."""
    return city_report.report_files(city_report_view.city_report(session, city_id), session.language, context,
                                    link)[1]
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def pack_pdf(html_text: str) -> bytes:
    """The visit pack as a PDF, one slide a page."""
    return renderer.html_to_pdf(html_text, browser.SLIDE)
