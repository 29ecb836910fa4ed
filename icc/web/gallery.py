"""The gallery: every chart the app can show (one representative view per page and mode), rendered as the
PNG and SVG a user downloads, plus the city factsheet PDF and the study-visit pack (HTML and PDF), and an
index.html contact sheet that says, for each image, whether every label lies inside it and clear of the
others. No server runs: the pages are run in-process (Streamlit's AppTest) and their charts collected."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.testing.v1 import AppTest

from icc import site
from icc.i18n import format as fmt, set_dataset, set_language, t
from icc.outputs import browser, chart_images, factsheet, pack, renderer
from icc.outputs.context_line import context_line
from icc.outputs.safe_paths import GENERATOR_TAG
from icc.paths import ROOT
from icc.store import db
from icc.store.sessions import PlainSession
from icc.views import city_view, url_state, visit_slides
from icc.web import components, frame
from icc.web.shell import DATASETS


@dataclass
class Item:
    name: str
    view: str  # the app address that shows it
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def longest_named_assessed(session, count: int = 2) -> list[str]:
    """Assessed cities with the longest names (the hardest labels to fit)."""
    cities = session.query("cities")
    assessed = cities[cities["latest_score"].notna()]
    return assessed.assign(length=assessed["name"].str.len()).sort_values(
        ["length", "city_id"], ascending=[False, True])["city_id"].head(count).tolist()


def newest_assessed(session, count: int = 3) -> list[str]:
    """Cities with Index results, newest assessments first (ties by id, so every run draws the same views)."""
    frame = session.query("cities").dropna(subset=["latest_score"])
    return frame.sort_values(["latest_assessed_on", "city_id"], ascending=[False, True])["city_id"].head(count).tolist()


def visit_pair(session) -> list[str]:
    """Host and visitor of the gallery's study visit: the README's pair on published data (it shows the
    aggregate-only case), the two newest assessed cities in the demo."""
    return ["oslo", "odesa"] if session.dataset == "published" else newest_assessed(session, 2)


def views(session) -> list[tuple[str, str, dict, dict]]:
    """(name, page script, query parameters, session state) of each representative view."""
    longest = longest_named_assessed(session)
    pair = newest_assessed(session, 3)
    host, visitor = visit_pair(session)
    chosen = [
        ("overview", site.page("overview").script, {}, {}),
        ("map-membership", "pages/map.py", {}, {"show_static_map": True}),
        ("map-score", "pages/map.py", {"colour": "score"}, {"show_static_map": True}),
        ("city", "pages/city.py", {"city": pair[0]}, {}),
        ("compare-overlay", "pages/compare.py", {"cities": ",".join(dict.fromkeys(longest + pair))}, {}),
        ("compare-multiples", "pages/compare.py", {"cities": ",".join(pair), "mode": "multiples"}, {}),
        ("compare-h2h", "pages/compare.py", {"cities": ",".join(longest[:2]), "mode": "h2h"}, {}),
        ("trends", "pages/trends.py", {"cities": ",".join(pair[:2])}, {}),
        ("trends-harmonised", "pages/trends.py", {"cities": ",".join(pair[:2]), "harmonised": "1"}, {}),
        ("areas", "pages/areas.py", {}, {}),
        ("areas-education", "pages/areas.py", {"area": "education"}, {}),
    ]
    slides = len(visit_slides.build_slides(session, host, visitor))
    chosen += [(f"visit-slide-{number}", "pages/visit.py", {"host": host, "visitor": visitor, "slide": str(number)},
                {}) for number in range(1, slides + 1)]
    return chosen


def run_view(script: str, params: dict, state: dict, dataset: str, language: str) -> list[tuple]:
    """Run one page as the server would and return the charts it drew: (figure, file name, context)."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    for key, value in {**params, "dataset": dataset, "lang": language}.items():
        if not (key == "dataset" and value == "published") and not (key == "lang" and value == "en"):
            app.query_params[key] = value
    for key, value in state.items():
        app.session_state[key] = value
    components.CHART_RECORDER = []
    frame.RAISE_PAGE_ERRORS = True  # a broken page must fail the gallery, not show a reference in it
    try:
        if script != site.page("overview").script:
            app.switch_page(script)
        app.run()
        if app.exception:
            raise RuntimeError(f"{script} {params}: {app.exception[0].message}")
        return list(components.CHART_RECORDER)
    finally:
        components.CHART_RECORDER = None
        frame.RAISE_PAGE_ERRORS = False


def view_address(script: str, params: dict, dataset: str, language: str) -> str:
    page_key = next(page.key for page in site.PAGES if page.script == script)
    return url_state.address(page_key, params, url_state.SharedState(language, dataset))


def render(out: Path, dataset: str = "published", language: str = "en", say=print) -> list[Item]:
    """Write the gallery into `out` (the caller checked it is a safe place); returns what it made."""
    out.mkdir(parents=True, exist_ok=True)
    set_language(language)
    set_dataset(dataset)
    items: list[Item] = []
    with db.connect(DATASETS[dataset]) as con, chart_images.ImageRenderer() as renderer:
        session = PlainSession(con, language, dataset)
        for name, script, params, state in views(session):
            say(f"{name}: running {script}")
            charts = run_view(script, params, state, dataset, language)
            set_language(language)  # running a page sets the context of this thread
            set_dataset(dataset)
            for index, (figure, file_name, context) in enumerate(charts):
                stem = f"{name}-{file_name}" if len(charts) > 1 else name
                stem = re.sub(r"[^a-z0-9-]+", "-", stem.lower())
                item = Item(stem, view_address(script, params, dataset, language))
                images = renderer.images(figure, context)
                for kind in ("png", "svg"):
                    (out / f"{stem}.{kind}").write_bytes(images[kind])
                    item.files.append(f"{stem}.{kind}")
                item.problems = renderer.measure(images["svg"])
                items.append(item)
        say("factsheet: printing the city factsheet")
        items.append(factsheet_item(out, session))
        say("pack: writing the study-visit pack")
        items.append(visit_pack(out, session))
    (out / "index.html").write_text(contact_sheet(items, dataset, language), encoding="utf-8")
    (out / "report.json").write_text(json.dumps([item.__dict__ for item in items], ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    return items


def factsheet_item(out: Path, session) -> Item:
    city_id = newest_assessed(session, 1)[0]
    city = session.query("city_detail", city_id=city_id).iloc[0]
    assessment = session.query("city_assessments", city_id=city_id).iloc[0]
    view = city_view.assessment_view(session, city_id, assessment["assessment_id"], "population", ())
    date_label = f"{fmt.partial_date(assessment['assessed_on'], assessment['date_precision'])} · " \
                 f"{t('version.short.' + assessment['version_id'])}"
    (out / "factsheet.pdf").write_bytes(factsheet.city_factsheet_pdf(
        city, view, date_label, session.language, session.is_demo, session.query("city_practices", city_id=city_id),
        context_line(session)))
    return Item("factsheet", f"/city?city={city_id}", ["factsheet.pdf"])


def visit_pack(out: Path, session) -> Item:
    pair = visit_pair(session)
    slides = visit_slides.build_slides(session, *pair)
    names = [slide.title for slide in slides[1:3]]
    html_text = pack.pack_html(slides, t("visit.slide_title", host=names[0], visitor=names[1]), session.language)
    (out / "visit.html").write_text(html_text, encoding="utf-8")
    (out / "visit.pdf").write_bytes(renderer.html_to_pdf(html_text, browser.SLIDE))
    return Item("visit-pack", f"/visit?host={pair[0]}&visitor={pair[1]}", ["visit.html", "visit.pdf"])


def contact_sheet(items: list[Item], dataset: str, language: str) -> str:
    """index.html: every picture with its name, the view that shows it, and what (if anything) does not read."""
    cards = []
    for item in items:
        image = next((name for name in item.files if name.endswith(".png")), None)
        links = " · ".join(f'<a href="{html.escape(name)}">{html.escape(name.rsplit(".", 1)[1].upper())}</a>'
                           for name in item.files)
        verdict = ('<p class="ok">every label inside the image, none on another</p>' if not item.problems else
                   '<ul class="bad">' + "".join(f"<li>{html.escape(p)}</li>" for p in item.problems[:10]) + "</ul>")
        if not image:
            verdict = ""
        preview = f'<a href="{html.escape(image)}"><img src="{html.escape(image)}" alt=""></a>' if image else ""
        cards.append(f'<figure>{preview}<figcaption><b>{html.escape(item.name)}</b> · {links}<br>'
                     f'<code>{html.escape(item.view)}</code>{verdict}</figcaption></figure>')
    style = ("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px;color:#222}"
             "main{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:18px}"
             "figure{margin:0;border:1px solid #ddd;padding:8px}img{width:100%;height:auto}"
             ".ok{color:#1a6b2f}.bad{color:#a4000f}code{font-size:12px}")
    demo = "<p><b>FICTIONAL demo network: generated data, no real city.</b></p>" if dataset == "demo" else ""
    return (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">{GENERATOR_TAG}'
            f"<title>ICC Index Explorer gallery ({dataset}, {language})</title><style>{style}</style></head><body>"
            f"<h1>ICC Index Explorer gallery: {html.escape(dataset)}, {html.escape(language)}</h1>{demo}"
            f"<main>{''.join(cards)}</main></body></html>")
