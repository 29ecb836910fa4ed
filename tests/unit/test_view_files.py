"""Every figure of a view in one zip: each chart as PNG and SVG named by chart, each table as CSV (marked
fictional in the demo), and a contents list citing each."""

import io
import zipfile

import pandas as pd
import plotly.graph_objects as go

from icc.charts import base_layout
from icc.i18n import set_dataset, set_language
from icc.outputs import view_files


def fake_render(figure, context):
    return {"png": b"\x89PNG" + figure.layout.title.text.encode(), "svg": f"<svg>{context}</svg>".encode()}


def test_the_zip_holds_every_chart_twice_every_table_once_and_their_citations():
    set_language("en")
    set_dataset("demo")
    try:
        chart = go.Figure(go.Bar(x=["a"], y=[1]), layout=base_layout("Cities per country", "Source: demo"))
        frame = pd.DataFrame({"name": ["Esotingen"], "score": [70]})
        data = view_files.view_zip([(chart, "cities per/country", "FICTIONAL")], [(frame, "newest-joiners", "Newest"),
                                   (frame, "newest-joiners", "Newest")], "http://x/?dataset=demo", fake_render)
    finally:
        set_dataset("published")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == ["charts/cities-per-country.png", "charts/cities-per-country.svg",
                                          "contents.txt", "tables/newest-joiners.csv"]
    table = pd.read_csv(io.BytesIO(archive.read("tables/newest-joiners.csv")))
    assert table.columns[0] == "dataset" and table["dataset"].str.contains("FICTIONAL").all()
    contents = archive.read("contents.txt").decode()
    assert "Cities per country. Source: demo. FICTIONAL." in contents and "http://x/?dataset=demo" in contents
