"""Map builders: layers, colours per membership, escaped tooltips, legend, offline settings."""

import json
import re

import pandas as pd
import pytest
from streamlit.elements.deck_gl_json_chart import _get_pydeck_tooltip

from icc.charts import MEMBERSHIP_COLOURS, hex_to_rgba, maps
from icc.i18n import set_language
from icc.views import map_view


def city_rows(**overrides):
    base = {
        "city_id": "alpha", "name": "Alpha", "country_iso2": "NO", "country_en": "Norway", "country_fr": "Norvège",
        "lat": 60.39, "lon": 5.32, "population": 250000, "population_year": 2020, "membership_class": "member",
        "joined_year": 2008, "network_names": [], "latest_score": 85.0,
        "latest_assessed_on": pd.Timestamp("2017-01-01"), "latest_precision": "year", "latest_version": "2009",
        "has_index": True,
    }
    return {**base, **overrides}


@pytest.fixture
def cities():
    set_language("en")
    return pd.DataFrame([
        city_rows(),
        city_rows(city_id="beta", name="Beta", membership_class="both", network_names=["Rete"], latest_score=None,
                  latest_assessed_on=None, latest_precision=None, latest_version=None, has_index=False,
                  population=None, population_year=None, joined_year=None),
        city_rows(city_id="gamma", name="Gamma", membership_class="associated", latest_score=40.0),
        city_rows(city_id="delta", name="Delta", membership_class="unknown", latest_score=None, has_index=False),
    ])


def test_deck_is_offline_with_basemap_and_city_layer(cities):
    deck = json.loads(maps.city_deck(map_view.city_points(cities, "en")).to_json())
    assert deck.get("mapProvider") in (None, "")  # no tile provider: nothing fetched
    assert [layer["id"] for layer in deck["layers"]] == ["countries", maps.CITY_LAYER_ID]
    assert deck["layers"][0]["@@type"] == "GeoJsonLayer" and deck["layers"][1]["pickable"] is True
    assert deck["layers"][1]["radiusUnits"] == "pixels"


def test_the_basemap_is_a_static_address_under_the_servers_prefix_not_inline_outlines(cities, tmp_path):
    from streamlit import config

    spec = maps.city_deck(map_view.city_points(cities, "en")).to_json()
    basemap = json.loads(spec)["layers"][0]
    assert basemap["data"].split("?v=")[0] == "/app/static/basemap/countries.json"  # and its version
    config.set_option("server.baseUrlPath", "icc-explorer")
    try:
        mounted = json.loads(maps.city_deck(map_view.city_points(cities, "en")).to_json())["layers"][0]
    finally:
        config.set_option("server.baseUrlPath", "")
    assert mounted["data"].split("?v=")[0] == "/icc-explorer/app/static/basemap/countries.json"
    assert len(spec) < 20_000  # the outlines alone are 640 kB
    published = maps.publish_basemap(tmp_path)
    assert published == tmp_path / "basemap" / "countries.json"
    assert json.loads(published.read_text(encoding="utf-8")) == maps.basemap_geojson()


def test_highlight_adds_a_ring_layer_for_the_chosen_city(cities):
    deck = json.loads(maps.city_deck(map_view.city_points(cities, "en"), highlight=("gamma",)).to_json())
    ring = deck["layers"][-1]
    assert ring["id"] == "highlight" and [row["city_id"] for row in ring["data"]] == ["gamma"]


def test_each_membership_class_gets_its_colour(cities):
    colours = map_view.city_points(cities, "en", "membership")["colour"].tolist()
    expected = [hex_to_rgba(MEMBERSHIP_COLOURS[c]) for c in ("member", "both", "associated", "unknown")]
    assert colours == expected
    assert len({tuple(c) for c in colours}) == 4


def test_a_city_without_a_score_is_an_outline_not_a_grey_dot_and_scores_are_ordered(cities):
    points = map_view.city_points(cities, "en", "score")
    colours, outlines = points["colour"].tolist(), points["outline"].tolist()
    assert colours[1] == maps.HOLLOW_FILL and colours[3] == maps.HOLLOW_FILL  # no fill: colour is not the only cue
    assert outlines[1] == maps.HOLLOW_LINE and outlines[0] == maps.SOLID_LINE
    assert colours[0] != colours[2]  # 85 and 40 differ
    assert colours[0] == maps.ramp(pd.Series([85.0]), 0, 100)[0]


def test_population_sizes_points_and_unknown_gets_neutral_size(cities):
    radii = map_view.city_points(cities, "en")["radius"].tolist()
    assert radii[1] == maps.NEUTRAL_RADIUS_PX
    assert maps.radius_px(1_000_000) > maps.radius_px(100_000) > maps.NEUTRAL_RADIUS_PX - 1
    assert maps.radius_px(50_000_000) == 20


def tooltips_of(cities):
    points = map_view.city_points(cities, "en")
    return (points["tooltip_title"] + "\n" + points["tooltip_body"]).tolist()


def test_tooltip_values_are_plain_text_for_the_escaping_renderer(cities):
    """Streamlit's deck renderer HTML-escapes every value it substitutes into the tooltip template; escaping
    here as well showed '&lt;b&gt;' to users. Names go in as they are, and only the template holds markup."""
    hostile = cities.copy()
    hostile.loc[0, "name"] = "<img src=x onerror=alert(1)>"
    tooltips = tooltips_of(hostile)
    assert tooltips[0].startswith("<img src=x onerror=alert(1)> · ")
    assert all("&lt;" not in text and "<br" not in text and "<b>" not in text for text in tooltips_of(cities))
    fields = {name.strip("{}") for name in re.findall(r"\{\w+\}", maps.TOOLTIP["html"])}
    assert fields == {"tooltip_title", "tooltip_body"} and maps.TOOLTIP["style"]["whiteSpace"] == "pre-line"


def test_tooltip_says_no_published_results_and_unknown_population(cities):
    tooltips = tooltips_of(cities)
    assert "Index: 85/100 (2017, ICC Index 2009-2018)" in tooltips[0]
    assert "No published Index results" in tooltips[1]
    assert "Population: —" in tooltips[1] and "Joined: —" in tooltips[1]
    assert "Networks: Rete" in tooltips[1]


def test_tooltip_is_compact_for_very_large_maps(cities):
    many = pd.concat([cities] * (map_view.COMPACT_TOOLTIP_ABOVE // 4 + 1), ignore_index=True)
    tooltip = tooltips_of(many)[0]
    assert "Population" not in tooltip and "Index: 85/100" in tooltip


def test_legend_lists_present_classes_only(cities):
    items = maps.legend_items(cities.iloc[:2], "membership")
    assert [label for _, label in items] == ["International member", "International member and national network"]
    html = maps.legend_html([("#000", "<b>x</b>")])
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_view_fits_points_and_falls_back_to_europe(cities):
    assert maps.view_for(cities.iloc[:0]).latitude == maps.EUROPE_VIEW["latitude"]
    italy = pd.DataFrame({"lon": [7.6, 18.5], "lat": [37.5, 46.5]})
    view = maps.view_for(italy)
    assert 36 < view.latitude < 47 and view.zoom > maps.EUROPE_VIEW["zoom"]
    world = pd.DataFrame({"lon": [-99.0, 127.0], "lat": [19.4, 37.5]})
    assert maps.view_for(world).zoom == maps.EUROPE_VIEW["zoom"]


def test_static_map_draws_shipped_outlines_coloured_as_chosen(cities):
    figure = maps.static_city_map(cities, "Title", "Source")
    outlines, _holes, *points = figure.data
    assert outlines.mode == "lines" and outlines.fill == "toself" and len(outlines.x) > 1000
    assert [trace.marker.color for trace in points] == [MEMBERSHIP_COLOURS[c] for c in ("member", "both",
                                                                                          "associated", "unknown")]
    assert not any(trace.type == "scattergeo" for trace in figure.data)  # no topojson, nothing fetched
    assert figure.layout.legend.x < 0.5 and figure.layout.legend.y < 0.5  # inside the canvas
    by_score = maps.static_city_map(cities, "Title", "Source", "score")
    scored = [trace for trace in by_score.data if trace.marker.colorscale]
    assert len(scored) == 1 and scored[0].marker.cmin == 0 and scored[0].marker.cmax == 100
    assert list(scored[0].marker.color) == cities["latest_score"].dropna().tolist()
    assert [trace.name for trace in by_score.data if trace.name == "No Index results"] == ["No Index results"]


def test_static_map_shows_europe_and_the_world_when_cities_lie_beyond(cities):
    assert maps.map_extent(cities) == maps.EUROPE_EXTENT
    assert not any(trace.xaxis == "x2" for trace in maps.static_city_map(cities, "T", "S").data)
    with_seoul = pd.concat([cities, cities.iloc[:1].assign(lon=126.9, lat=37.5)], ignore_index=True)
    assert maps.map_extent(with_seoul) == maps.WORLD_EXTENT
    figure = maps.static_city_map(with_seoul, "T", "S")
    inset = [trace for trace in figure.data if trace.xaxis == "x2" and trace.mode == "markers"]
    assert 126.9 in [x for trace in inset for x in trace.x]
    assert list(figure.layout.xaxis.range) == [maps.EUROPE_EXTENT[0], maps.EUROPE_EXTENT[1]]


def test_a_prebuilt_deck_hands_streamlit_its_spec_and_tooltip():
    deck = maps.PrebuiltDeck('{"layers": []}')
    assert deck.to_json() == '{"layers": []}'
    assert _get_pydeck_tooltip(deck) == maps.TOOLTIP


def test_no_country_outline_is_a_band_across_the_map():
    """A polygon crossing 180° drawn flat covers every longitude: the grey band over the Norwegian Sea."""
    import shapely.geometry as sg

    from icc.charts.maps import basemap_geojson

    for feature in basemap_geojson()["features"]:
        shape = sg.shape(feature["geometry"])
        for polygon in getattr(shape, "geoms", [shape]):
            west, _, east, _ = polygon.bounds
            assert east - west <= 180, feature["properties"]["iso3"]


def test_the_outline_map_draws_sea_as_sea_and_land_as_land():
    import shapely.geometry as sg

    from icc.charts.maps import EUROPE_EXTENT, SEA_COLOUR, outline_traces

    def polygons(trace):
        rings, ring = [], []
        for x, y in zip(trace.x, trace.y):
            if x is None:
                rings.append(sg.Polygon(ring)) if len(ring) > 2 else None
                ring = []
            else:
                ring.append((x, y))
        return rings

    land, holes = outline_traces(EUROPE_EXTENT)
    assert holes.fillcolor == SEA_COLOUR

    def is_land(lon, lat):
        point = sg.Point(lon, lat)
        return any(p.contains(point) for p in polygons(land)) and not any(p.contains(point) for p in polygons(holes))

    assert is_land(10.75, 59.91) and is_land(30.5, 50.45)  # Oslo, Kyiv
    assert not is_land(38.0, 65.5)  # the White Sea
    assert not is_land(2.0, 68.0) and not is_land(40.0, 70.5)  # the Norwegian Sea, the Barents Sea
