"""A city's Index report as a document: "<City>: results of the Intercultural Cities Index", A4, in HTML
(self-contained, offline) and PDF (printed by Chromium). Every page of a demo report says FICTIONAL in its
footer; a report longer than four pages opens with a table of contents."""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.offline

from icc.analysis import practices, profile, ranks
from icc.charts import radar
from icc.i18n import current_dataset, format as fmt, t
from icc.outputs import browser, renderer
from icc.outputs.context_line import fictional_mark
from icc.outputs.safe_paths import GENERATOR_TAG
from icc.paths import STATIC
from icc.views import city_view
from icc.views.city_report_view import CityReport

TOC_FROM_PAGES = 5  # a table of contents when the report runs past four pages
PLOTLY_FILE = STATIC / "vendor" / "plotly.min.js"  # copied from the plotly package by the Makefile

STYLE = """
@page { size: A4; margin: 16mm 16mm 18mm;
  @bottom-left { content: "FOOTER_LEFT"; font: 8pt "DejaVu Sans", sans-serif; color: #444; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt "DejaVu Sans", sans-serif; color: #444; } }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; font-size: 10pt; line-height: 1.4; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 2mm; line-height: 1.2; } h2 { font-size: 13pt; margin: 7mm 0 2mm;
  break-after: avoid; } h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
.subtitle { font-size: 11pt; color: #444; margin: 0 0 4mm; }
.demo { background: #fff4d6; padding: 2mm 3mm; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 8.5pt; break-inside: auto; }
th { text-align: left; background: #f2f2f2; font-weight: 600; vertical-align: bottom; }
td, th { border-bottom: 1px solid #ddd; padding: 1mm 1.5mm; } td.number { text-align: right; }
tr { break-inside: avoid; }
.figure { width: 150mm; height: 125mm; margin: 0 auto; break-inside: avoid; }
.note, .made { color: #444; font-size: 8.5pt; } .made a, a { color: #1f5fa8; word-break: break-all; }
ul { margin: 1mm 0; padding-left: 5mm; } li { margin: 0.6mm 0; }
.toc ol { padding-left: 6mm; } .toc li { margin: 1mm 0; }
.keep { break-inside: avoid; }
"""


def esc(text: object) -> str:
    return html.escape(str(text))


def cell(value) -> str:
    if fmt.is_missing(value) or value == "":
        return f"<td>{esc(t('common.missing'))}</td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<td class="number">{esc(fmt.number(value))}</td>'
    return f"<td>{esc(value)}</td>"


def table_html(frame: pd.DataFrame, headings: dict[str, str]) -> str:
    head = "".join(f"<th>{esc(headings.get(column, column))}</th>" for column in frame.columns)
    rows = "".join("<tr>" + "".join(cell(value) for value in row) + "</tr>" for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def section(key: str, heading: str, body: str) -> tuple[str, str, str]:
    return key, heading, f'<section id="{key}"><h2>{esc(heading)}</h2>{body}</section>'


def figure_html(figure) -> str:
    compact = go.Figure(figure).update_layout(title=None, height=None, width=None, font_size=10,
                                              margin={"t": 70, "b": 30, "l": 90, "r": 90},
                                              legend={"font": {"size": 10}, "y": 1.04, "yanchor": "bottom"})
    compact.layout.annotations = []  # the source is printed under it
    chart = plotly.io.to_html(compact, include_plotlyjs=False, full_html=False, config={"staticPlot": True},
                              default_width="100%", default_height="100%")
    return f'<div class="figure">{chart}</div>'


def report_sections(report: CityReport, language: str) -> list[tuple[str, str, str]]:
    name, view = report.name, report.view
    sections = []
    facts = "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in report.facts) + "</ul>"
    sources = "".join(f'<li><a href="{esc(url)}">{esc(url)}</a></li>' if url.startswith("http")
                      else f"<li>{esc(url)}</li>" for url in report.sources)
    sections.append(section("city", t("report.city_heading", city=name),
                            facts + f'<p class="note">{esc(city_view.membership_source(report.city))}</p>'
                            + (f"<h3>{esc(t('city.sources'))}</h3><ul>{sources}</ul>" if sources else "")))
    glance = "".join(f"<p>{esc(sentence)}</p>" for sentence in report.ranking_sentences)
    sections.append(section("results", t("report.results_heading"),
                            glance + f"<p>{esc(report.strengths_sentence)}</p>"))
    areas = view.comparison[~view.comparison["is_aggregate"]]
    if areas["score"].notna().sum() >= 3:
        figure = radar.comparison_radar(view.comparison, name, city_view.radar_labels(),
                                        t("city.radar_title", city=name, date=report.date_label),
                                        t("city.radar_source"))
        sections.append(section("radar", t("report.radar_heading"),
                                figure_html(figure) + f'<p class="note">{esc(t("city.radar_source"))}</p>'))
    if not report.area_table.empty:
        columns = ["name", "score", "network_median", "sample_avg", *[f"rank_{scope.key}" for scope in report.scopes]]
        headings = {"name": t("col.area"), "score": t("col.score"), "network_median": t("col.network_median"),
                    "sample_avg": t("report.col.sample_avg"), "rank_all": t("report.col.rank_all"),
                    **{f"rank_{scope.key}": t(f"report.col.rank_{scope.key}", band=scope.label)
                       for scope in report.scopes if scope.key != "all"}}
        shown = report.area_table[columns].copy()
        bands = [t(f"report.band.{scope.key}", band=scope.label) for scope in report.scopes if scope.key != "all"]
        sections.append(section("areas", t("report.areas_heading"), table_html(shown, headings)
                                + f'<p class="note">{esc(t("report.areas_note", minimum=ranks.MIN_FOR_RANK))}</p>'
                                + "".join(f'<p class="note">{esc(band)}</p>' for band in bands)))
    if view.previous is not None:
        previous = fmt.partial_date(view.previous["assessed_on"], view.previous["date_precision"])
        same = view.previous["version_id"] == report.assessment["version_id"]
        body = f"<p>{esc(report.changes_sentence or t('city.changes_none'))}</p>"
        if not view.changes.empty:
            names = dict(zip(view.comparison["area_code"], view.comparison["name"]))
            changes = view.changes.assign(name=view.changes["area_code"].map(names),
                                          change=view.changes["change"].map(profile.signed_points))[
                ["name", "before", "after", "change"]]
            body += table_html(changes, {"name": t("col.area"), "before": previous, "after": report.date_label,
                                         "change": t("col.change_points")})
        note = t("city.changes_note", threshold=fmt.number(city_view.NOISE_THRESHOLD_POINTS)) if same \
            else t("city.changes_revision")
        body += f'<p class="note">{esc(note)}</p>'
        sections.append(section("changes", t("city.changes_heading", date=previous), body))
    else:
        sections.append(section("changes", t("report.changes_first_heading"),
                                f"<p>{esc(t('report.changes_first', city=name))}</p>"))
    sections.append(section("learn", t("city.learn_heading"), learn_html(report, language)))
    sections.append(section("method", t("report.method_heading"), "".join(
        f"<p>{esc(paragraph)}</p>" for paragraph in method_paragraphs(report))))
    return sections


def learn_html(report: CityReport, language: str) -> str:
    view = report.view
    if view.learning.empty:
        return f"<p>{esc(t('city.learn_none'))}</p>"
    parts = [f'<p class="note">{esc(note)}</p>' for note in
             [practices.source_language_note(view.practices["language_of_source"], language)] if note]
    for area, leaders in view.learning.groupby("area", sort=False):
        parts.append(f'<div class="keep"><h3>{esc(t("city.learn_area", area=area, score=fmt.number(leaders["own_score"].iloc[0])))}</h3><ul>')
        for leader in leaders.itertuples():
            found = view.practices_of(leader)
            listed = "".join(practice_item(example, language) for example in found.itertuples())
            parts.append(f"<li>{esc(fmt.labelled(leader.city_name, f'{fmt.number(leader.score)}/100'))}"
                         + (f"<ul>{listed}</ul>" if listed else "") + "</li>")
        parts.append("</ul></div>")
    return "".join(parts)


def practice_item(example, language: str) -> str:
    """A practice as a list item: its title, linked to its source where it has one."""
    links = practices.source_links(example.url)
    title = esc(example.title) + esc(practices.title_language(example.language_of_source, language))
    year = "" if fmt.is_missing(example.year_from) else f" ({int(example.year_from)})"
    return (f'<li><a href="{esc(links[0])}">{title}</a>{year}</li>' if links else f"<li>{title}{year}</li>")


def method_paragraphs(report: CityReport) -> list[str]:
    sample = report.assessment.get("sample_size")
    version_n = int(report.view.version_scores["city_id"].nunique())
    paragraphs = [t("report.method.index"),
                  t("report.method.sample", n=version_n,
                    version=t(f"version.short.{report.assessment['version_id']}"))
                  + (" " + t("report.method.sample_size", n=int(sample)) if not fmt.is_missing(sample) else ""),
                  t("report.method.ranks", minimum=ranks.MIN_FOR_RANK), t("report.method.revision"), t("report.method.sources")]
    return paragraphs


def report_html(report: CityReport, language: str, made: str = "", link: str = "",
                with_contents: bool = False) -> str:
    """The whole report as one HTML document (plotly.js added by self_contained or for_printing)."""
    subtitle = t("report.subtitle", date=report.date_label,
                 version=t("version.short." + report.assessment["version_id"]))
    return document_html(t("report.title", city=report.name), subtitle, report_sections(report, language), language,
                         made, link, with_contents)


def document_html(title: str, subtitle: str, sections: list[tuple[str, str, str]], language: str, made: str = "",
                  link: str = "", with_contents: bool = False) -> str:
    """An A4 document of the app: title, subtitle, the demo's mark, a contents list if asked, the sections,
    when and from what it was made; every page's footer names it (and FICTIONAL for the demo) and numbers it."""
    footer = " · ".join(filter(None, [fictional_mark(), title]))
    parts = [f"<h1>{esc(title)}</h1>", f'<p class="subtitle">{esc(subtitle)}</p>']
    if fictional_mark():
        parts.append(f'<p class="demo">{esc(t("app.demo_badge"))}</p>')
    if with_contents:
        parts.append(f'<nav class="toc"><h2>{esc(t("report.contents"))}</h2><ol>'
                     + "".join(f'<li><a href="#{key}">{esc(heading)}</a></li>' for key, heading, _ in sections)
                     + "</ol></nav>")
    parts += [body for _, _, body in sections]
    if made or link:
        address = f' <a href="{esc(link)}">{esc(link)}</a>' if link else ""
        parts.append(f'<p class="made">{esc(made)}{address}</p>')
    style = STYLE.replace("FOOTER_LEFT", footer.replace("\\", "").replace('"', "'"))
    return (f'<!DOCTYPE html><html lang="{esc(language)}"><head><meta charset="utf-8">{GENERATOR_TAG}'
            f"<title>{esc(title)}</title><style>{style}</style>{PLOTLY_PLACEHOLDER}</head>"
            f"<body>{''.join(parts)}</body></html>")


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def report_files(report: CityReport, language: str, context: str = "", link: str = "") -> tuple[str, bytes]:
    """(HTML, PDF) of the report (see reports_files)."""
    return reports_files([report], language, context, [link])[0]


def reports_files(reports: list[CityReport], language: str, context: str = "",
                  links: list[str] | None = None, progress=None) -> list[tuple[str, bytes]]:
    """(HTML, PDF) of each report, printed by one browser: with a contents list when it runs past four pages
    (guessed first, and a wrong guess printed again the other way)."""
    made = t("report.made", date=fmt.partial_date(dt.date.today(), "day"), context=context)
    links = links or [""] * len(reports)

    def document(index: int, contents: bool) -> str:
        link = links[index]
        return report_html(reports[index], language, made + (" " + t("report.view_link") if link else ""), link,
                           with_contents=contents)

    contents = [likely_long(report) for report in reports]
    documents = [document(index, contents[index]) for index in range(len(reports))]
    pdfs = renderer.htmls_to_pdfs([for_printing(text) for text in documents], browser.A4, progress)
    wrong = [index for index, pdf in enumerate(pdfs) if (page_count(pdf) >= TOC_FROM_PAGES) != contents[index]]
    for index in wrong:
        documents[index] = document(index, not contents[index])
    if wrong:
        for index, pdf in zip(wrong, renderer.htmls_to_pdfs([for_printing(documents[index]) for index in wrong],
                                                            browser.A4)):
            pdfs[index] = pdf
    return [(self_contained(text), pdf) for text, pdf in zip(documents, pdfs)]


def likely_long(report: CityReport) -> bool:
    """Whether the report will run past four pages (then its first print has a contents list)."""
    rows = len(report.area_table) + len(report.view.changes) + 3 * report.view.learning["area"].nunique()
    return rows > 30


PLOTLY_PLACEHOLDER = "<!--plotly.js-->"


def self_contained(html_text: str) -> str:
    """The report as a file handed on: plotly.js inside it (it opens offline, anywhere)."""
    return html_text.replace(PLOTLY_PLACEHOLDER, f"<script>{plotly.offline.get_plotlyjs()}</script>", 1)


def for_printing(html_text: str) -> str:
    """The report as the browser prints it: plotly.js read from the app's own copy (the browser keeps it),
    not parsed out of every document (inside it when that copy is missing)."""
    if not PLOTLY_FILE.exists():
        return self_contained(html_text)
    return html_text.replace(PLOTLY_PLACEHOLDER, f'<script src="{PLOTLY_FILE.resolve().as_uri()}"></script>', 1)


def reports_index(written: list[tuple[CityReport, int]], language: str) -> str:
    """The folder's index.html: every report written, with its city, assessment and length."""
    title = t("report.index_title")
    rows = "".join(
        f'<tr><td><a href="{esc(report.city["city_id"])}-{esc(language)}.pdf">{esc(report.name)}</a></td>'
        f"<td>{esc(report.date_label)}</td><td>{esc(t('version.short.' + report.assessment['version_id']))}</td>"
        f'<td class="number">{pages}</td><td><a href="{esc(report.city["city_id"])}-{esc(language)}.html">HTML</a>'
        "</td></tr>" for report, pages in written)
    head = "".join(f"<th>{esc(t(key))}</th>" for key in ("col.city", "col.date", "col.version",
                                                          "report.col.pages", "report.col.html"))
    mark = f'<p class="demo">{esc(t("app.demo_badge"))}</p>' if current_dataset() == "demo" else ""
    return (f'<!DOCTYPE html><html lang="{esc(language)}"><head><meta charset="utf-8">{GENERATOR_TAG}'
            f"<title>{esc(title)}</title><style>body {{{STYLE.split('body {', 1)[1]}</style></head>"
            f"<body><h1>{esc(title)}</h1>{mark}<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
            "</table></body></html>")
