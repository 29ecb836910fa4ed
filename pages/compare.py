"""Compare: up to eight cities on one radar, as small multiples, or head-to-head (host vs visitor)."""

import dataclasses

import streamlit as st

from icc.charts import radar
from icc.i18n import format as fmt, t
from icc.views.city_facts import quoted_note
from icc.views.city_view import city_options
from icc.views.compare_view import VERSION_CHOICES, compare_data, dumbbell_figure
from icc.views.url_state import MAX_CITIES, CompareState
from icc.web.components import chart, data_table, resolve_cities, table
from icc.web.frame import page_session
from icc.web.links import cities_left_out, init, page_state, sync_url

MODES = ("overlay", "multiples", "h2h")

session = page_session()
state = page_state(CompareState)
options = city_options(session)
state = dataclasses.replace(state, cities=tuple(dict.fromkeys(resolve_cities(session, list(state.cities), options))))
if left_out := cities_left_out():
    st.warning(t("compare.left_out", count=MAX_CITIES, cities=fmt.listing(left_out)), icon=":material/info:")

with session.sidebar:
    st.divider()
    chosen = st.multiselect(t("compare.cities"), list(options), format_func=options.get, max_selections=MAX_CITIES,
                            key=init("compare_cities", [c for c in state.cities if c in options]),
                            placeholder=t("compare.cities_placeholder"))
    mode = st.radio(t("compare.mode"), MODES, format_func=lambda m: t(f"compare.mode.{m}"),
                    key=init("compare_mode", state.mode))
    version = st.radio(t("compare.version"), VERSION_CHOICES,
                       format_func=lambda v: t(f"version.short.{v}") if v else t("compare.version.auto"),
                       key=init("compare_version", state.version))
state = dataclasses.replace(state, cities=tuple(chosen), mode=mode, version=version).validated()
sync_url(state)

st.title(t("compare.title"))
if len(state.cities) < 2:
    st.info(t("compare.choose"), icon=":material/compare_arrows:")
    st.stop()

data = compare_data(session, state)
if data.without_results:
    st.warning(t("compare.no_results", cities=fmt.listing(options[c] for c in data.without_results)),
               icon=":material/info:")
result, cities = data.result, data.cities
if len(cities) < 2 or result.wide.empty:
    st.info(t("compare.too_few"), icon=":material/info:")
    st.stop()
if result.harmonised:
    st.info(t("compare.harmonised", count=len(result.wide)), icon=":material/sync_alt:")
st.caption(fmt.listing(
    t("compare.assessment_used", city=result.names[row.city_id], date=fmt.partial_date(row.assessed_on,
                                                                                      row.date_precision),
      version=t("version.short." + row.version_id)) + quoted_note(row.quoted_in)
    for row in result.assessments.itertuples()))

title = t("compare.radar_title", count=len(cities))
context = session.chart_context(result.assessments["assessed_on"].dt.year, result.assessments["version_id"])
source = t("compare.source")
axes, drawable = data.axes, data.drawable
city_meanings = {city: t("codebook.city_score", city=city) for city in cities}
if not drawable:
    st.info(t("compare.few_areas"), icon=":material/info:")
if state.mode == "h2h":
    if len(cities) != 2:
        st.info(t("compare.h2h_two"), icon=":material/info:")
        st.stop()
    first, second = cities
    head_to_head = data.head_to_head
    st.markdown(data.head_to_head_sentence)
    radar_column, dumbbell_column = st.columns(2, gap="large")
    if drawable:
        with radar_column:
            chart(radar.cities_radar(axes, t("compare.h2h_title", first=first, second=second), source),
                  "h2h_radar", context, "head-to-head-radar")
    if (head_to_head["area_code"] != "aggregate").any():  # a dumbbell is exact from one shared area on
        with dumbbell_column if drawable else st.container():
            chart(dumbbell_figure(head_to_head, first, second), "h2h_dumbbell", context, "head-to-head-areas")
    table(head_to_head.drop(columns=["short", "area_code", "harmonised_code"]), "head-to-head",
          meanings=city_meanings, title=t("compare.dumbbell_title", first=first, second=second), source=source,
          column_config={
        "name": t("col.area"), "gap": st.column_config.NumberColumn(t("col.gap_points", first=first),
                                                                    format="%+.0f"),
        "ahead": t("col.ahead")})
elif drawable and state.mode == "multiples":
    chart(radar.small_multiples(axes, title, source), "multiples", context, "compare-small-multiples")
elif drawable:
    chart(radar.cities_radar(axes, title, source), "overlay_radar", context, "compare-radar")

if state.mode != "h2h":  # head to head, the table above is the cities' gaps already
    st.header(t("compare.gap_heading"))
    table(data.gaps, "gaps", meanings=city_meanings, title=t("compare.gap_heading"), source=source, column_config={
        "name": t("col.area"), "spread": st.column_config.NumberColumn(t("col.spread"), format="%.0f"),
        "leader": t("col.leader")})
if drawable:  # the radar's data, every area included
    data_table(result.wide, "compare", meanings=city_meanings, title=title, source=source)
