"""make bench-files: how long a click that makes a file takes, with the warm renderer (renderer.py) against a
renderer started for the one file (what every click cost before): a chart's PNG and SVG, the city factsheet,
the visit pack's PDF and a city's Index report. Prints a table beside the targets and writes
bench/results/files-<time>.json. Run it on a quiet machine: the figures are wall-clock times."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import results_file

ROOT = Path(__file__).resolve().parent.parent
TARGETS_S = {"image (first of a session)": 3.0, "image": 1.0, "factsheet": 2.0, "pack PDF": 5.0}
COLD_IMAGE = """
import time, plotly.graph_objects as go
from icc.charts import base_layout
from icc.outputs import chart_images
figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout=base_layout("Cities per country", "Source: x"))
start = time.perf_counter(); chart_images.figure_images(figure, "context"); print(time.perf_counter() - start)
"""


def seconds(function) -> float:
    start = time.perf_counter()
    function()
    return round(time.perf_counter() - start, 3)


def cold_image() -> float:
    """One image in a fresh process: a renderer started for it, as every click did before."""
    done = subprocess.run([sys.executable, "-c", COLD_IMAGE], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, check=True)
    return round(float(done.stdout.strip().splitlines()[-1]), 3)


def run() -> dict:
    import plotly.graph_objects as go

    from icc.charts import base_layout
    from icc.i18n import format as fmt, set_dataset, set_language, t
    from icc.outputs import chart_images, city_report, factsheet, pack, renderer
    from icc.outputs.context_line import context_line
    from icc.paths import DEMO_DB
    from icc.store import db
    from icc.store.sessions import PlainSession
    from icc.views import city_report_view, city_view, visit_slides

    set_language("en")
    set_dataset("demo")
    figures = [go.Figure(go.Bar(x=["a", "b"], y=[index, 2]), layout=base_layout(f"Chart {index}", "Source: x"))
               for index in range(6)]
    # As in the app: the renderer is started with it, and a session's first image finds it warm.
    renderer.RENDERER.start()
    renderer.RENDERER.ready.wait(120)
    first = seconds(lambda: chart_images.figure_images(figures[0], "context"))
    warm = [seconds(lambda figure=figure: chart_images.figure_images(figure, "context")) for figure in figures[1:]]
    with db.connect(DEMO_DB) as con:
        session = PlainSession(con, "en", "demo", memo={})
        host, visitor = [row[0] for row in con.sql("select city_id from assessment group by 1 "
                                                    "order by count(*) desc, city_id limit 2").fetchall()]
        city = session.query("city_detail", city_id=host).iloc[0]
        assessment = session.query("city_assessments", city_id=host).iloc[0]
        view = city_view.assessment_view(session, host, assessment["assessment_id"], "population", ())
        label = fmt.partial_date(assessment["assessed_on"], assessment["date_precision"])
        factsheets = [seconds(lambda: factsheet.city_factsheet_pdf(city, view, label, "en", True,
                                                                   session.query("city_practices", city_id=host),
                                                                   context_line(session))) for _ in range(3)]
        slides = visit_slides.build_slides(session, host, visitor)
        html_text = pack.pack_html(slides, t("visit.slide_title", host=host, visitor=visitor), "en")
        packs = [seconds(lambda: renderer.html_to_pdf(html_text)) for _ in range(2)]
        report = city_report_view.city_report(session, host)
        reports = [seconds(lambda: city_report.report_files(report, "en", context_line(session))) for _ in range(2)]
    set_dataset("published")
    before = [cold_image() for _ in range(3)]
    return {"when": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "before: image, renderer started per click": statistics.median(before),
            "image (first of a session)": first, "image": statistics.median(warm), "image max": max(warm),
            "factsheet": statistics.median(factsheets), "pack PDF": statistics.median(packs),
            "city report (PDF and HTML)": statistics.median(reports)}


def main() -> int:
    report = run()
    print(f"\nClick to file, {report['when']} ({report['cpus']} CPUs)\n")
    print(f"{'file':<46} {'seconds':>8} {'target':>8}")
    for name, value in report.items():
        if name in ("when", "cpus"):
            continue
        target = TARGETS_S.get(name)
        mark = "" if target is None else ("  ok" if value <= target else "  over")
        print(f"{name:<46} {value:>8.2f} {'' if target is None else f'{target:.1f}':>8}{mark}")
    results_file.write("files", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
