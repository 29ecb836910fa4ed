"""Downloads: tables as CSV (zipped with a codebook), XLSX (a codebook sheet) and Parquet; import templates.
Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd

from icc.imports.round_file import FORMULA_PREFIXES, neutralise
from icc.outputs.safe_paths import GENERATOR_TAG

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def meaning(column: str) -> str:
    """What a column holds, in the interface language (catalogue keys codebook.<column>); empty if unknown."""
    from icc.i18n import t

    key = f"codebook.{column}"
    text = t(key)
    return "" if text == key else text


def column_labels(column_config: dict) -> dict[str, str]:
    """Column -> the heading the page shows (a plain label, or a st.column_config entry's label)."""
    labels = {}
    for column, config in column_config.items():
        label = config if isinstance(config, str) else (config or {}).get("label")
        if label:
            labels[column] = label
    return labels


def codebook(frames: dict[str, pd.DataFrame], labels: dict[str, str] | None = None,
             meanings: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per table column: its name in the file, the heading the page shows and what it holds."""
    from icc.i18n import t

    labels, meanings = labels or {}, meanings or {}
    rows = [{t("codebook.head.table"): table, t("codebook.head.column"): column,
             t("codebook.head.label"): labels.get(column, column),
             t("codebook.head.meaning"): meanings.get(column) or meaning(str(column))}
            for table, frame in frames.items() for column in frame.columns]
    return pd.DataFrame(rows)


def safe_for_spreadsheets(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith(("str", "category")):
            safe[column] = safe[column].map(
                lambda value: neutralise(value) if isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
                else value)
    return safe


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and other nested values as text (CSV, XLSX and Parquet all accept that)."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):  # dictionary-encoded text, never nested
            continue
        if out[column].map(lambda value: isinstance(value, (list, tuple, dict))).any():
            out[column] = out[column].map(lambda value: "; ".join(map(str, value))
                                          if isinstance(value, (list, tuple)) else value)
    return out


def marked(frame: pd.DataFrame) -> pd.DataFrame:
    """Every row of a file made from the fictional demo says so in a first column: a table copied out of its
    file, or its file renamed, still cannot pass for real data."""
    from icc.i18n import current_dataset, t

    if current_dataset() != "demo" or "dataset" in frame.columns:
        return frame
    return pd.concat([pd.DataFrame({"dataset": [t("export.demo_value")] * len(frame)}, index=frame.index), frame],
                     axis=1)


def table_csv(frame: pd.DataFrame) -> bytes:
    return safe_for_spreadsheets(plain(marked(frame))).to_csv(index=False).encode("utf-8")


def to_xlsx(frames: dict[str, pd.DataFrame], book: pd.DataFrame | None = None) -> bytes:
    """One sheet per table and a 'codebook' sheet (`book`, else built from the column names)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frames = {name: marked(frame) for name, frame in frames.items()}
        for name, frame in frames.items():
            safe_for_spreadsheets(plain(frame)).to_excel(writer, sheet_name=name[:31], index=False)
        book = codebook(frames) if book is None else pd.concat([codebook({name: frame[["dataset"]] for name, frame
                                                                          in frames.items() if "dataset" in frame}),
                                                                 book], ignore_index=True)
        book.to_excel(writer, sheet_name="codebook", index=False)
    return buffer.getvalue()


def to_csv_zip(frames: dict[str, pd.DataFrame]) -> bytes:
    frames = {name: marked(frame) for name, frame in frames.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            archive.writestr(f"{name}.csv", table_csv(frame))
        archive.writestr("codebook.csv", codebook(frames).to_csv(index=False))
    return buffer.getvalue()


def to_parquet_zip(frames: dict[str, pd.DataFrame]) -> bytes:
    frames = {name: marked(frame) for name, frame in frames.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, frame in frames.items():
            archive.writestr(f"{name}.parquet", plain(frame).to_parquet(index=False))
        archive.writestr("codebook.csv", codebook(frames).to_csv(index=False))
    return buffer.getvalue()


LONG_TEMPLATE_COLUMNS = ["city", "country", "assessed_on", "index_version", "area", "score", "sample_avg"]


def long_template() -> bytes:
    return (",".join(LONG_TEMPLATE_COLUMNS) + "\n").encode("utf-8")


def wide_template(areas: pd.DataFrame, version: str = "2019") -> bytes:
    """An XLSX with the header of a wide round (one column per area of the version) and instructions."""
    names = areas[(areas["version_id"] == version) & (areas["group_code"] != "composite")]
    columns = ["city", "country", "assessed_on", "index_version", "Aggregate ICC Index", *names["name_en"]]
    instructions = pd.DataFrame({"how to fill in": [
        "One row per city assessment. city: the city's name or id; country: its name or ISO code.",
        "assessed_on: 2024-02-15, 2024-02 or 2024. index_version: 2009 or 2019.",
        "Scores 0-100 in the area columns; leave an area empty when the city did not answer it.",
        "Column names may be the English or French area names or the short chart labels.",
    ]})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(columns=columns).to_excel(writer, sheet_name="round", index=False)
        instructions.to_excel(writer, sheet_name="instructions", index=False)
    return buffer.getvalue()


def dataset_files(session) -> dict:
    """The whole dataset in every download format, with counts for the page's sentence."""
    from icc.store import db

    tables = {"scores": db.run_encoded("export_scores", con=session.con),
              "cities": session.query("cities").drop(columns=["has_index"], errors="ignore")}
    return {"csv": to_csv_zip(tables), "xlsx": to_xlsx(tables), "parquet": to_parquet_zip(tables),
            "scores": len(tables["scores"]), "cities": len(tables["cities"])}


def wide_template_for(session) -> bytes:
    return wide_template(session.query("policy_areas"))


CHROMIUM_MISSING = "Debian's Chromium is not installed on this server (`make run` installs it)"


def images_available() -> bool:
    from icc.outputs.pack import CHROMIUM

    return Path(CHROMIUM).exists()


class ImageExportUnavailable(RuntimeError):
    """No browser for kaleido on this server: the app says so and still offers HTML and CSV."""


IMAGE_WIDTH = 1200
FOOTER_FONT_PX = 13
FOOTER_LINE_PX = 19
FOOTER_CHARS = 150  # about 1,150 px of 13 px text: the footer never runs past the image's edge
FOOTER_GAP_PX = 14


def image_parts(figure, context: str = ""):
    """(the chart without its source line, the footer lines): the source and the context line (dataset,
    build date, data years, Index versions) are set under the chart, where no axis label can run into them."""
    import re

    import plotly.graph_objects as go

    from icc.charts import SOURCE_NAME, wrap

    chart = go.Figure(figure)
    if chart.layout.title.text:  # the image is wider than most screens: one or two lines of title, not three
        title = re.sub(r"<br>", " ", chart.layout.title.text)
        extra_lines = wrap(title, 90).count("<br>") - chart.layout.title.text.count("<br>")
        # A printed image wants air above its title (on screen the page gives it).
        chart.update_layout(title_text=wrap(title, 90), title_pad_t=30,
                            margin_t=(chart.layout.margin.t or 100) + 14 + 22 * max(0, extra_lines),
                            height=(chart.layout.height or 450) + 14)
    notes = list(chart.layout.annotations)
    sources = [note.text for note in notes if note.name == SOURCE_NAME]
    margin = chart.layout.margin
    bottom = margin.b if margin.b is not None else 80
    # The axes' automargin takes what tick labels and axis titles need; a polar chart's bottom label stands
    # outside its circle and needs room of its own.
    kept_bottom = 48 if any(key.startswith("polar") for key in chart.layout.to_plotly_json()) else 16
    chart.layout.annotations = [note for note in notes if note.name != SOURCE_NAME]
    chart.update_layout(margin_b=kept_bottom, height=(chart.layout.height or 450) - max(0, bottom - kept_bottom))
    plain = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip() for text in [*sources, context] if text]
    lines = [line for text in plain for line in wrap(text, FOOTER_CHARS).split("<br>")]
    return chart, lines


def framed_svg(chart_svg: str, width: int, height: int, lines: list[str]) -> str:
    """The chart's SVG with the footer lines under it, in one SVG."""
    import html
    import re

    inner = re.sub(r"^<\?xml[^>]*>\s*", "", chart_svg.strip())
    footer = FOOTER_GAP_PX + FOOTER_LINE_PX * len(lines) if lines else 0
    texts = "".join(
        f'<text x="12" y="{height + FOOTER_GAP_PX + FOOTER_LINE_PX * (index + 1) - 5}" font-family="DejaVu Sans, '
        f'Arial, sans-serif" font-size="{FOOTER_FONT_PX}" fill="{"#555" if index < len(lines) - 1 else "#333"}">'
        f"{html.escape(line)}</text>" for index, line in enumerate(lines))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" '
            f'height="{height + footer}" viewBox="0 0 {width} {height + footer}">'
            f'<rect width="100%" height="100%" fill="white"/>{inner}{texts}</svg>')


class ImageRenderer:
    """Kaleido (plotly -> SVG) and one headless Chromium (SVG -> PNG), started once for a batch of images;
    both Debian's Chromium, fully offline (topojson from static/, no CDN)."""

    def __enter__(self):
        from concurrent.futures import ThreadPoolExecutor

        import kaleido
        import plotly.io

        from icc.paths import STATIC

        plotly.io.defaults.topojson = (STATIC / "topojson").resolve().as_uri() + "/"
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        # Playwright's sync API is bound to the thread that starts it and refuses one with a running event loop.
        self.worker = ThreadPoolExecutor(max_workers=1)
        self.browser = self.worker.submit(self._launch).result()
        return self

    def _launch(self):
        from playwright.sync_api import sync_playwright

        from icc.outputs.pack import CHROMIUM, CHROMIUM_ARGS

        self.playwright = sync_playwright().start()
        return self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def __exit__(self, *exc):
        import kaleido

        self.worker.submit(self._close).result()
        self.worker.shutdown()
        kaleido.stop_sync_server(silence_warnings=True)

    def _close(self):
        self.browser.close()
        self.playwright.stop()

    def images(self, figure, context: str = "") -> dict[str, bytes]:
        chart, lines = image_parts(figure, context)
        height = int(chart.layout.height or 450)
        chart_svg = chart.to_image(format="svg", width=IMAGE_WIDTH, height=height).decode("utf-8")
        svg = framed_svg(chart_svg, IMAGE_WIDTH, height, lines)
        return {"svg": svg.encode("utf-8"), "png": self.worker.submit(self._png, svg).result()}

    def _png(self, svg: str) -> bytes:
        page = self.browser.new_page(device_scale_factor=2)
        try:
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "about:"))
                       else route.abort())
            page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            return page.locator("svg").first.screenshot(type="png")
        finally:
            page.close()

    def measure(self, svg: bytes) -> list[str]:
        """What does not read in an exported SVG (labels outside the canvas or on top of each other)."""
        from icc.outputs import legibility

        return self.worker.submit(legibility.svg_problems, svg, self.browser).result()


def figure_images(figure, context: str = "") -> dict[str, bytes]:
    """PNG and SVG of a figure: its title, its plot, and under it the source and `context` lines, rendered
    offline with Debian's Chromium."""
    try:
        with ImageRenderer() as renderer:
            return renderer.images(figure, context)
    except Exception as error:
        raise ImageExportUnavailable(str(error)[:200]) from error


FACTSHEET_STYLE = """
@page { size: A4; margin: 12mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #222; font-size: 9.5pt; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 3mm 0 1mm; }
p, li, td, th { font-size: 9pt; line-height: 1.3; } ul { margin: 0.5mm 0; padding-left: 4.5mm; }
table { border-collapse: collapse; width: 100%; } th { text-align: left; background: #f2f2f2; font-weight: 600; }
td, th { border-bottom: 1px solid #ddd; padding: 0.6mm 1.5mm; } td { white-space: nowrap; }
.source { color: #555; font-size: 9pt; margin: 1mm 0; }
.demo { background: #fff4d6; padding: 1.5mm 3mm; font-weight: bold; margin: 1mm 0; }
.top { display: grid; grid-template-columns: 96mm 1fr; gap: 5mm; align-items: start; }
.figure { width: 96mm; height: 92mm; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
"""


def factsheet_html(title: str, facts: list[str], figure, table: pd.DataFrame | None, notes: list[str],
                   demo_note: str = "", sections: list[tuple[str, list[str]]] = ()) -> str:
    """A city on one A4 page: its radar beside its facts and the summary, the area table with the page's own
    headings, then sections of bullet points (peers, practices) side by side, and the sources."""
    import html

    import plotly.graph_objects as go
    import plotly.io

    def bullets(heading: str, lines: list[str]) -> str:
        return (f"<section><h2>{html.escape(heading)}</h2><ul>"
                + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul></section>") if lines else ""

    parts = [f"<h1>{html.escape(title)}</h1>"]
    if demo_note:
        parts.append(f'<p class="demo">{html.escape(demo_note)}</p>')
    side = bullets("", facts).replace("<h2></h2>", "") + "".join(bullets(*section) for section in sections[:1])
    if figure is not None:
        compact = go.Figure(figure).update_layout(title=None, height=None, width=None, font_size=9,
                                                  margin={"t": 62, "b": 24, "l": 48, "r": 48},
                                                  legend={"font": {"size": 9}, "y": 1.02, "yanchor": "bottom"})
        compact.layout.annotations = []  # the source line is printed under the page instead
        chart = plotly.io.to_html(compact, include_plotlyjs=True, full_html=False, config={"staticPlot": True},
                                  default_width="100%", default_height="100%")
        parts.append(f'<div class="top"><div class="figure">{chart}</div><div>{side}</div></div>')
    else:
        parts.append(side)
    if table is not None and not table.empty:
        parts.append(table.to_html(index=False, na_rep="—", float_format=lambda value: f"{value:.0f}",
                                   border=0))
    parts.append('<div class="columns">' + "".join(bullets(*section) for section in sections[1:]) + "</div>")
    parts += [f'<p class="source">{html.escape(note)}</p>' for note in notes]
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{GENERATOR_TAG}<style>{FACTSHEET_STYLE}</style></head>'
            f"<body>{''.join(parts)}</body></html>")


def factsheet_pdf(html_text: str) -> bytes:
    import tempfile
    from pathlib import Path

    from icc.outputs.pack import write_pdf

    with tempfile.TemporaryDirectory() as folder:
        html_path, pdf_path = Path(folder) / "factsheet.html", Path(folder) / "factsheet.pdf"
        html_path.write_text(html_text, encoding="utf-8")
        write_pdf(html_path, pdf_path, width="210mm", height="297mm", css_page_size=True)
        return pdf_path.read_bytes()
