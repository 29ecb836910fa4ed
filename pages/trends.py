"""Trends: the network per policy area over time, city trajectories, and how the network grew."""

import dataclasses

import streamlit as st

from icc.charts import city_colours, lines
from icc.i18n import format as fmt, t
from icc.views.city_view import city_options
from icc.views.trends_view import (
    MIN_CITIES_PER_POINT,
    NOISE_THRESHOLD_POINTS,
    REVISION_YEAR,
    trends_choices,
    trends_data,
)
from icc.views.url_state import MAX_CITIES, TrendsState
from icc.web.components import chart, data_table, table
from icc.web.frame import page_session
from icc.web.links import cities_left_out, init, page_state, sync_url

session = page_session()
state = page_state(TrendsState)
choices = trends_choices(session)
area_names, bounds = choices.areas, choices.year_bounds
options = city_options(session)

if left_out := cities_left_out():
    st.warning(t("compare.left_out", count=MAX_CITIES, cities=fmt.listing(left_out)), icon=":material/info:")
with session.sidebar:
    st.divider()
    area = st.selectbox(t("trends.area"), list(area_names), format_func=area_names.get,
                        key=init("trends_area", state.area if state.area in area_names else "aggregate"))
    harmonised = st.toggle(t("trends.harmonised"), key=init("trends_harmonised", state.harmonised),
                           help=t("trends.harmonised_help"))
    cities = st.multiselect(t("trends.cities"), list(options), format_func=options.get, max_selections=MAX_CITIES,
                            key=init("trends_cities", [c for c in state.cities if c in options]),
                            placeholder=t("compare.cities_placeholder"))
    years = (st.slider(t("trends.years"), *bounds, key=init("trends_years", tuple(state.years) or bounds))
             if bounds[0] < bounds[1] else bounds)
state = dataclasses.replace(state, area=area, harmonised=harmonised, cities=tuple(cities),
                            years=() if tuple(years) == bounds else tuple(years)).validated()
sync_url(state)

data = trends_data(session, state)
st.title(t("trends.title"))
area_name = area_names[area]
st.header(t("trends.network_heading", area=area_name))
series = data.series
drawable = series[~series["thin"]]
thin = data.thin_years
if drawable.empty:
    st.info(t("trends.network_empty", minimum=MIN_CITIES_PER_POINT), icon=":material/info:")
else:
    labels = {"2009": t("version.short.2009"), "2019": t("version.short.2019"), "harmonised": t("trends.joined_line")}
    chart(lines.network_trend_chart(
        data.segments, labels, t("trends.network_title", area=area_name),
        t("trends.source"), t("axis.score"), REVISION_YEAR, t("trends.revision")), "network_trend",
        session.chart_context(drawable["year"], drawable["version_id"]))
    st.caption(t("trends.harmonised_note") if state.harmonised else t("trends.break_note"))
    data_table(series, "network_trend")
if thin:
    st.caption(t("trends.thin_note", minimum=MIN_CITIES_PER_POINT, years=", ".join(map(str, thin))))

st.header(t("trends.cities_heading", area=area_name))
if not state.cities:
    st.info(t("trends.cities_choose"), icon=":material/timeline:")
else:
    trajectories = data.trajectories
    if trajectories.empty:
        st.info(t("trends.cities_empty"), icon=":material/info:")
    else:
        chart(lines.trajectory_chart(trajectories, state.harmonised, t("trends.cities_title", area=area_name),
                                     t("trends.source"), t("axis.score"), city_colours(state.cities)),
              "trajectories",
              session.chart_context(trajectories["year"], trajectories["version_id"]))
        changes = data.changes.copy()
        changes["shown"] = [
            t("trends.change.revision") if fmt.is_missing(change) else
            f"{change:+.0f} {t('trends.points')}" + {"up": " ↑", "down": " ↓"}.get(arrow, "")
            for change, arrow in zip(changes["change"], changes["arrow"])]
        # Each date as precise as its source gave it ('2017', not '2017-01').
        for end in ("from", "to"):
            changes[end] = [fmt.partial_date(date, precision)
                            for date, precision in zip(changes[end], changes[f"{end}_precision"])]
        table(changes[["city_name", "from", "to", "shown"]], "city-changes",
              title=t("trends.cities_heading", area=area_name), source=t("trends.source"), column_config={
            "city_name": t("col.city"), "from": t("col.from"), "to": t("col.to"), "shown": t("col.change")})
        st.caption(t("trends.noise_note", threshold=fmt.number(NOISE_THRESHOLD_POINTS)))

st.header(t("trends.growth_heading"))
growth, unknown, per_year = data.growth, data.unknown_year, data.per_year
if growth.empty:
    st.info(t("overview.growth_empty"))
else:
    chart(lines.activity_chart(growth, per_year, {"joined": t("trends.joined"), "assessed": t("trends.assessed")},
                               t("trends.growth_title"), t("trends.source"), t("axis.cities")), "activity",
          session.chart_context([*growth["year"], *per_year["year"]]))
    st.caption(t("summary.growth.unknown", unknown=unknown) if unknown else "")
    data_table(per_year, "assessments_per_year")
