"""The study visit as a PowerPoint deck a host can merge with their own slides: the slides of the pack, 16:9,
with native, editable charts (the data inside each chart, so it can be restyled), an editable title slide,
the source and the fictional mark on every slide they apply to, and speaker notes saying each slide in
sentences. Written with python-pptx from the same slides (and the same figures) as the pack."""

from __future__ import annotations

import datetime as dt
import io
import math
import re

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from icc.charts import alt_text, without_source
from icc.i18n import format as fmt, t
from icc.outputs import chart_images
from icc.outputs.context_line import fictional_mark
from icc.outputs.safe_paths import GENERATOR
from icc.views.visit_slides import Slide

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK = RGBColor(0x22, 0x22, 0x22)
QUIET = RGBColor(0x59, 0x59, 0x59)
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR"}


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper()[:6])


def plain(text: object) -> str:
    return alt_text.plain(text)


class Deck:
    """A 16:9 presentation being written; every run of text is tagged with the deck's language (a screen
    reader and a spell checker read French as French)."""

    def __init__(self, language: str):
        self.language = language
        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = WIDTH, HEIGHT

    def tag(self, text_frame) -> None:
        for paragraph in text_frame.paragraphs:
            for run in paragraph.runs:
                run.font._rPr.set("lang", LANGUAGE_TAGS.get(self.language, self.language))

    def text_box(self, slide, left, top, width, height, lines: list[str], size: int, colour=INK, bold=False,
                 bullets: bool = False, align=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = ("• " if bullets else "") + line
            paragraph.font.size, paragraph.font.bold = Pt(size), bold
            paragraph.font.color.rgb = colour
            paragraph.space_after = Pt(6)
            if align is not None:
                paragraph.alignment = align
        self.tag(frame)
        return box

    def titled_slide(self, title: str):
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[5])  # "Title Only"
        heading = slide.shapes.title
        heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.9)
        heading.text = title
        heading.text_frame.paragraphs[0].font.size = Pt(32)
        heading.text_frame.paragraphs[0].font.bold = True
        heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        self.tag(heading.text_frame)
        return slide

    def footer(self, slide, sources: list[str], footer: str, source_width=None) -> None:
        """The chart's source under it, then on the last line the fictional mark (demo), the deck's title and
        the slide number."""
        if sources:
            self.text_box(slide, MARGIN, HEIGHT - Inches(0.95), source_width or WIDTH - 2 * MARGIN, Inches(0.45),
                          sources, 10, QUIET)
        self.text_box(slide, MARGIN, HEIGHT - Inches(0.5), WIDTH - 2 * MARGIN, Inches(0.35),
                      [footer], 10, QUIET, align=PP_ALIGN.RIGHT)

    def notes(self, slide, sentences: list[str]) -> None:
        frame = slide.notes_slide.notes_text_frame
        frame.text = " ".join(sentence for sentence in sentences if sentence)
        self.tag(frame)

    def save(self) -> bytes:
        properties = self.presentation.core_properties
        properties.author = properties.last_modified_by = GENERATOR  # an earlier output, for safe_paths
        properties.language = LANGUAGE_TAGS.get(self.language, self.language)
        buffer = io.BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


def native_chart(slide, figure, left, top, width, height):
    """The figure as a native chart with its data inside: a radar as a radar chart, the dumbbell and bars as
    bar charts, a trend as an XY line chart. None for a figure that has no native equivalent (the map)."""
    traces = [trace for trace in figure.data if trace.name and trace.showlegend is not False]
    kinds = {trace.type for trace in figure.data}
    if "scatterpolar" in kinds:
        categories = list(traces[-1].theta)[:-1]
        data = CategoryChartData()
        data.categories = categories
        for trace in traces:
            data.add_series(trace.name, [fmt_value(value) for value in list(trace.r)[:-1]])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.RADAR_MARKERS, left, top, width, height, data).chart
        chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 100, 0
    elif "bar" in kinds:
        bar = next(trace for trace in figure.data if trace.type == "bar")
        data = CategoryChartData()
        data.categories = list(bar.y)
        data.add_series(t("axis.score"), [fmt_value(value) for value in bar.x])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data).chart
        chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 100, 0
        points = chart.plots[0].series[0].points
        for index, colour in enumerate(bar.marker.color if isinstance(bar.marker.color, (list, tuple)) else []):
            points[index].format.fill.solid()
            points[index].format.fill.fore_color.rgb = rgb(colour)
        chart.plots[0].has_data_labels = True
        chart.has_title = False  # the slide's heading says what it shows
        return chart
    elif traces and all(trace.type == "scatter" and trace.mode == "markers" for trace in traces):
        # The dumbbell: one bar per city and area, the areas in the order the figure lists them.
        data = CategoryChartData()
        data.categories = list(traces[0].y)  # both draw the first category at the bottom
        for trace in traces:
            data.add_series(trace.name, [fmt_value(value) for value in trace.x])
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height, data).chart
        chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 100, 0
    elif traces and all(trace.type == "scatter" and "lines" in (trace.mode or "") for trace in traces):
        data, years = XyChartData(), []
        for trace in traces:
            series, previous = data.add_series(trace.name), None
            for x, y in zip(trace.x, trace.y):
                if x is None or y is None:  # the line breaks at the revision: an empty point is a gap
                    if previous is not None:
                        series.add_data_point(previous, None)
                    continue
                previous = decimal_year(x)
                years.append(previous)
                series.add_data_point(previous, float(y))
        chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, left, top, width, height, data).chart
        chart.value_axis.maximum_scale, chart.value_axis.minimum_scale = 100, 0
        if years:
            chart.category_axis.minimum_scale = math.floor(min(years) - 0.25)  # no point on the axis itself
            chart.category_axis.maximum_scale = math.ceil(max(years) + 0.25)
            chart.category_axis.major_unit = 1 if max(years) - min(years) < 8 else 2
        chart.category_axis.tick_labels.number_format = "0"
        chart.category_axis.tick_labels.number_format_is_linked = False
    else:
        return None
    chart.has_title = False  # the slide's heading says what it shows
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    chart.font.size = Pt(12)
    for series, trace in zip(chart.plots[0].series, traces):
        colour = trace.line.color if trace.type in ("scatterpolar",) or "lines" in (trace.mode or "") else \
            trace.marker.color
        if isinstance(colour, str) and colour.startswith("#"):
            series.format.line.color.rgb = rgb(colour)
            if not ("lines" in (trace.mode or "") or trace.type == "scatterpolar"):
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = rgb(colour)
    return chart


def fmt_value(value):
    return None if fmt.is_missing(value) else float(value)


def decimal_year(value) -> float:
    """A date as a year with its fraction (2020.7 for September 2020): the x of an XY chart."""
    day = dt.date.fromisoformat(str(value)[:10]) if not isinstance(value, dt.date) else value
    return round(day.year + (day.timetuple().tm_yday - 1) / 366, 3)


TABLE_ROW = Inches(0.25)


def add_table(deck: Deck, slide, frame, left, top, width, height) -> None:
    """The slide's table, compact (10 pt), as many rows as fit above the footer."""
    rows = frame.head(max(1, int((height - Inches(0.5)) / TABLE_ROW)))
    shape = slide.shapes.add_table(len(rows) + 1, len(rows.columns), left, top, width,
                                   Inches(0.5) + TABLE_ROW * len(rows))
    table = shape.table
    table.columns[0].width = int(width * 0.34)
    for column in range(1, len(rows.columns)):
        table.columns[column].width = int(width * 0.66 / (len(rows.columns) - 1))
    for index, row in enumerate(table.rows):
        row.height = Inches(0.5) if index == 0 else TABLE_ROW
    for column, name in enumerate(rows.columns):
        table.cell(0, column).text = str(name)
    for row_index, row in enumerate(rows.itertuples(index=False), start=1):
        for column, value in enumerate(row):
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            table.cell(row_index, column).text = (t("common.missing") if fmt.is_missing(value) else
                                                  f"{value:.0f}" if number else str(value))
    for cell in (table.cell(r, c) for r in range(len(rows) + 1) for c in range(len(rows.columns))):
        cell.margin_top = cell.margin_bottom = Inches(0.02)
        cell.margin_left = cell.margin_right = Inches(0.05)
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.size = Pt(10)
        deck.tag(cell.text_frame)


def deck_pptx(slides: list[Slide], title: str, language: str, place: str, date_text: str = "",
              map_image: bytes | None = None) -> bytes:
    """The slides as a .pptx: an editable title slide (title, date, place), then one slide per pack slide
    with its text, its native chart and its table, its source, the fictional mark in the demo, and notes."""
    deck = Deck(language)
    mark = fictional_mark() + " · " if fictional_mark() else ""
    total = len(slides)
    date_text = date_text or fmt.partial_date(dt.date.today(), "day")
    for index, slide in enumerate(slides):
        footer = f"{mark}{title} · {index + 1} / {total}"
        figure, sources = without_source(slide.figure) if slide.figure is not None else (None, [])
        notes = [slide.title + ".", *slide.paragraphs, *slide.bullets]
        if index == 0:
            page = deck.presentation.slides.add_slide(deck.presentation.slide_layouts[0])  # "Title Slide"
            heading, subtitle = page.shapes.title, page.placeholders[1]
            heading.left, heading.top, heading.width, heading.height = MARGIN, Inches(1.0), Inches(6.6), Inches(2.0)
            subtitle.left, subtitle.top, subtitle.width, subtitle.height = MARGIN, Inches(3.2), Inches(6.6), Inches(3.0)
            heading.text = slide.title
            heading.text_frame.paragraphs[0].font.size = Pt(40)
            heading.text_frame.paragraphs[0].font.bold = True
            # Editable: the host changes the date and the place when the visit is planned.
            subtitle.text = t("deck.title_details", date=date_text, place=place)
            subtitle.text_frame.paragraphs[0].font.size = Pt(22)
            for paragraph in slide.paragraphs:
                added = subtitle.text_frame.add_paragraph()
                added.text = paragraph
                added.font.size = Pt(16)
            for frame in (heading.text_frame, subtitle.text_frame):
                for paragraph in frame.paragraphs:
                    paragraph.alignment = PP_ALIGN.LEFT
                deck.tag(frame)
            if map_image:
                page.shapes.add_picture(io.BytesIO(map_image), Inches(7.3), Inches(0.6), width=Inches(5.5))
            notes.append(t("deck.notes_title", date=date_text, place=place))
            deck.footer(page, sources if map_image else [], footer)
            deck.notes(page, [re.sub(r"\s+", " ", plain(note)) for note in notes])
            continue
        page = deck.titled_slide(slide.title)
        top = Inches(1.25)
        if slide.paragraphs:
            lines = sum(len(paragraph) // 120 + 1 for paragraph in slide.paragraphs)
            deck.text_box(page, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.33) * lines, slide.paragraphs, 16)
            top += Inches(0.33) * lines + Inches(0.15)
        if slide.bullets:
            lines = sum(len(bullet) // 100 + 1 for bullet in slide.bullets)
            deck.text_box(page, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.38) * lines, slide.bullets, 18,
                          bullets=True)
            top += Inches(0.38) * lines + Inches(0.15)
        body_height = HEIGHT - top - Inches(1.0)
        chart = None
        if figure is not None:
            chart_width = (WIDTH - 2 * MARGIN) * (0.55 if slide.table is not None else 1.0)
            chart = native_chart(page, figure, MARGIN, top, Emu(int(chart_width)), body_height)
            notes.append(alt_text.figure_alt(slide.figure))
        if slide.table is not None:
            left = MARGIN + (WIDTH - 2 * MARGIN) * 0.58 if chart is not None else MARGIN
            width = (WIDTH - 2 * MARGIN) * (0.42 if chart is not None else 0.6)
            add_table(deck, page, slide.table, Emu(int(left)), top, Emu(int(width)), body_height)
            notes.append(t("deck.notes_table", columns=", ".join(map(str, slide.table.columns)),
                           rows=len(slide.table)))
        deck.footer(page, sources if chart is not None else [], footer,
                    Emu(int((WIDTH - 2 * MARGIN) * 0.55)) if slide.table is not None else None)
        deck.notes(page, [re.sub(r"\s+", " ", plain(note)) for note in notes])
    return deck.save()


def visit_deck(slides: list[Slide], title: str, language: str, place: str) -> bytes:
    """The deck with the title slide's map as a picture (the outlines have no native chart), when a browser
    is there to draw it; without one, the deck still has every native chart."""
    try:
        map_image = chart_images.figure_images(slides[0].figure)["png"] if slides[0].figure is not None else None
    except chart_images.ImageExportUnavailable:
        map_image = None
    return deck_pptx(slides, title, language, place, map_image=map_image)
