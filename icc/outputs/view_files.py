"""Every figure of a view in one file: a zip with each chart as PNG and SVG (named by chart, with its title,
source and context line printed under it) and each table as CSV (marked FICTIONAL for the demo), and a list
of what is inside with each item's citation. Rendered by one browser for all the charts."""

from __future__ import annotations

import io
import re
import zipfile

from icc.charts import alt_text, sources_of
from icc.i18n import t
from icc.outputs import chart_images, tables
from icc.outputs.citation import citation


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "figure"


def view_zip(charts: list[tuple[object, str, str]], frames: list[tuple[object, str, str]], link: str = "",
             render=None) -> bytes:
    """`charts`: (figure, file name, context line); `frames`: (table, key, title). `render(figure, context)`
    gives {'png': ..., 'svg': ...} (by default one Chromium for every chart)."""
    contents = [t("view_files.readme_heading"), ""]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def write_charts(render_one):
            for figure, name, context in charts:
                images = render_one(figure, context)
                stem = f"charts/{safe_name(name)}"
                archive.writestr(f"{stem}.png", images["png"])
                archive.writestr(f"{stem}.svg", images["svg"])
                sources = sources_of(figure)
                contents.append(f"{stem}.png / .svg: {citation(alt_text.plain(figure.layout.title.text or name), sources[0] if sources else '', context, link)}")

        if charts:
            if render is not None:
                write_charts(render)
            else:
                with chart_images.ImageRenderer() as renderer:
                    write_charts(renderer.images)
        seen = set()
        for frame, key, title in frames:
            name = safe_name(key)
            if name in seen:
                continue
            seen.add(name)
            archive.writestr(f"tables/{name}.csv", tables.table_csv(frame))
            contents.append(f"tables/{name}.csv: {alt_text.plain(title) or name}")
        archive.writestr("contents.txt", "\n".join(contents) + "\n")
    return buffer.getvalue()
