"""Overview: the network at a glance."""

import streamlit as st

from icc.charts import alt_text, bars, lines, maps
from icc.i18n import current_language, format as fmt, t
from icc.views.overview_view import overview_data
from icc.views.url_state import AreasState
from icc.web import links
from icc.web.components import chart, data_table, kpi_row, short_table
from icc.web.frame import page_session

session = page_session()
lang = current_language()

data = overview_data(session)
kpis = data.kpis
st.title(t("overview.title"))
st.caption(t("overview.source_note") + " " + data.membership_note)
kpi_row([
    (t("overview.kpi.cities"), fmt.number(kpis["cities"]), None),
    (t("overview.kpi.countries"), fmt.number(kpis["countries"]), None),
    (t("overview.kpi.networks"), fmt.number(kpis["national_networks"]), t("overview.kpi.networks_help")),
    (t("overview.kpi.newest"), fmt.partial_date(kpis["newest_assessment"], kpis["newest_precision"]), None),
])
kpi_row([
    (t("overview.kpi.members"), fmt.number(kpis["international_members"]), t("overview.kpi.members_help")),
    (t("overview.kpi.associated"), fmt.number(kpis["associated_only"]), t("overview.kpi.associated_help")),
    (t("overview.kpi.with_index"), fmt.number(kpis["cities_with_index"]), t("overview.kpi.with_index_help")),
    (t("overview.kpi.unknown"), fmt.number(kpis["status_unknown"]), t("overview.kpi.unknown_help")),
])

st.markdown(t("overview.areas_in_short", version=t(f"version.short.{data.glance_version}")) + " "
            + data.areas_sentence)
st.page_link("pages/areas.py", label=t("overview.open_areas"), icon=":material/category:",
             query_params=links.params_for(AreasState(version=data.glance_version)))

map_column, growth_column = st.columns([1, 1], gap="large")
with map_column:
    st.header(t("overview.map_heading"))
    st.pydeck_chart(session.city_deck("cities", {}, height=400), height=400, key="overview_map",
                    alt=alt_text.map_alt(data.cities))
    st.markdown(maps.legend_html(maps.legend_items(data.cities, "membership")), unsafe_allow_html=True)
    st.page_link("pages/map.py", label=t("overview.open_map"), icon=":material/map:",
                 query_params=links.params_for())

with growth_column:
    st.header(t("overview.growth_heading"))
    growth, unknown_year = data.growth, data.unknown_year
    st.markdown(data.growth_sentence)
    if growth.empty:
        st.info(t("overview.growth_empty"))
    else:
        chart(lines.growth_chart(
            growth, {scope: t(f"scope.{scope}") for scope in ("international", "national")},
            t("overview.growth_title", unknown=unknown_year) if unknown_year else t("overview.growth_title_all"),
            t("overview.growth_source"),
            t("axis.year_joined"), t("axis.cities_cumulative")), "growth_chart", session.chart_context(growth["year"]))
        data_table(growth.rename(columns={"year": t("axis.year_joined")}), "membership_growth")

country_column, joiners_column = st.columns([1, 1], gap="large")
with country_column:
    st.header(t("overview.countries_heading"))
    counts = data.countries
    st.markdown(data.countries_sentence)
    chart(bars.cities_per_country_chart(
        counts, f"country_{lang}", {c: t(f"membership.{c}") for c in bars.CLASS_ORDER},
        t("overview.countries_title"), t("overview.growth_source"), t("axis.cities")), "countries_chart",
        session.chart_context())
    data_table(counts, "cities_per_country")

with joiners_column:
    st.header(t("overview.joiners_heading"))
    joiners = data.joiners
    short_table(
        joiners.assign(membership_class=joiners["membership_class"].map(lambda c: t(f"membership.{c}")),
                       joined_scope=joiners["joined_scope"].map(lambda s: t(f"scope.{s}")))[
            ["name", f"country_{lang}", "joined_year", "joined_scope", "membership_class"]],
        "newest-joiners", {"name": t("col.city"), f"country_{lang}": t("col.country"), "joined_year": t("col.joined"),
                           "joined_scope": t("col.joined_scope"), "membership_class": t("col.membership")},
        title=t("overview.joiners_heading"), source=t("overview.growth_source"), as_written=("joined_year",))
    st.caption(t("overview.joiners_note"))
