"""Every page in the states a user reaches (published, demo, French, a city with one assessment, two
Index versions, unknown input), read as a user reads it: the text on the page, in its tables and in its
charts. Nothing may read None, nan or a plural in brackets, and no demo view may name a real source."""

import json
import re

import duckdb
import pytest
from conftest import PAGES
from helpers import ROOT, run_page

from icc import site
from icc.paths import DEMO_DB

FORBIDDEN = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\w\(s\)|\(e?s\)")
# What credits real sources for figures (the demo uses the real Index's areas, so an area definition may cite
# the Index page; and it may name the "Published" dataset to switch to).
REAL_SOURCES = re.compile(r"Council of Europe|Conseil de l'Europe|as published|published (Index|result|source|data "
                          r"curated)|publiés? à l'Indice|résultats? publiés?|sources publiées|city sources|"
                          r"good-practice database|base de bonnes pratiques", re.I)


def figure_texts(spec: dict) -> list[str]:
    """The text a reader sees in a plotly figure: titles, annotations, axis titles, tick labels, legend."""
    layout = spec.get("layout", {})
    texts = [str(layout.get("title", {}).get("text", ""))]
    texts += [str(note.get("text", "")) for note in layout.get("annotations", [])]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) or name == "polar":
            texts.append(str((axis.get("title") or {}).get("text", "")) if isinstance(axis, dict) else "")
            texts += [str(label) for label in (axis.get("ticktext") or [])] if isinstance(axis, dict) else []
    for trace in spec.get("data", []):
        if trace.get("showlegend", True) is not False:
            texts.append(str(trace.get("name", "")))
        texts += [str(value) for value in trace.get("theta", []) if isinstance(value, str)]
        texts += [str(value) for value in trace.get("text", []) if isinstance(value, str)] \
            if isinstance(trace.get("text"), list) else [str(trace.get("text", ""))]
    return texts


def visible_texts(app) -> list[str]:
    parts = [element.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                        "error", "success") for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    for frame in app.dataframe:
        shown = frame.value
        parts += [str(column) for column in shown.columns]
        parts += [str(value) for column in shown.columns for value in shown[column].tolist()
                  if not isinstance(value, (list, tuple, dict))]
    parts += [text for element in app.get("plotly_chart") for text in figure_texts(json.loads(element.proto.spec))]
    parts += [button.proto.label for button in app.get("download_button")]
    return [str(part) for part in parts if part is not None]


def demo_ids():
    with duckdb.connect(str(DEMO_DB), read_only=True) as con:
        assessed = [row[0] for row in con.sql(
            "select city_id from assessment group by 1 having count(distinct version_id) = 2 "
            "order by count(*) desc, city_id limit 2").fetchall()]
        unassessed = con.sql("select city_id from city where city_id not in (select city_id from assessment) "
                             "order by city_id limit 1").fetchall()[0][0]
    return assessed, unassessed


PUBLISHED_VIEWS = [
    ("pages/overview.py", {}), ("pages/map.py", {"colour": "score"}), ("pages/city.py", {"city": "oslo"}),
    ("pages/city.py", {"city": "guro-gu-seoul"}), ("pages/city.py", {"city": "bergen"}),
    ("pages/city.py", {"city": "atlantis"}), ("pages/compare.py", {"cities": "oslo,barcelona,dortmund"}),
    ("pages/compare.py", {"cities": "oslo,odesa", "version": "2019", "mode": "h2h"}),
    ("pages/trends.py", {"cities": "oslo,ansan"}), ("pages/areas.py", {}), ("pages/areas.py", {"area": "education"}),
    ("pages/practices.py", {"q": "rumour"}), ("pages/visit.py", {"host": "oslo", "visitor": "barcelona", "slide": "4"}),
    ("pages/visit.py", {"host": "oslo", "visitor": "barcelona", "slide": "6"}), ("pages/data.py", {}),
    ("pages/about.py", {}),
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(("script", "params"), PUBLISHED_VIEWS,
                         ids=[f"{script}?{'&'.join(f'{k}={v}' for k, v in params.items())}"
                              for script, params in PUBLISHED_VIEWS])
def test_published_views_read_true(script, params, language):
    app = run_page(script, lang=language, **params)
    assert not app.exception, app.exception
    shown = visible_texts(app)
    assert [text for text in shown if FORBIDDEN.search(text)] == []


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("script", PAGES)
def test_demo_views_never_credit_a_real_source(script, language):
    assessed, unassessed = demo_ids()
    params = {"pages/city.py": {"city": assessed[0]}, "pages/compare.py": {"cities": ",".join(assessed)},
              "pages/trends.py": {"cities": ",".join(assessed), "harmonised": "1"},
              "pages/visit.py": {"host": assessed[0], "visitor": assessed[1], "slide": "4"}}.get(script, {})
    app = run_page(script, dataset="demo", lang=language, **params)
    assert not app.exception, app.exception
    shown = visible_texts(app)
    assert [text for text in shown if FORBIDDEN.search(text)] == []
    if script != "pages/about.py":  # About describes the real programme and its sources, and says so in the demo
        assert [text for text in shown if REAL_SOURCES.search(text)] == []
    if script == "pages/city.py":
        city = run_page(script, dataset="demo", lang=language, city=unassessed)
        assert [text for text in visible_texts(city) if REAL_SOURCES.search(text)] == []


def readme_links():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"`(/[a-z]*\?[^`\s]+)`", text)))


@pytest.mark.parametrize("link", readme_links())
def test_readme_example_links_open_views_with_results(link):
    path, _, query = link.partition("?")
    params = dict(part.split("=", 1) for part in query.split("&"))
    script = next(page.script for page in site.PAGES if page.path == path)
    app = run_page(script, **params)
    assert not app.exception, app.exception
    shown = "\n".join(visible_texts(app))
    assert "There is no city" not in shown and "No example matches" not in shown and "Choose" not in shown
    if path == "/practices":
        assert not re.search(r"\b0 examples match", shown)
