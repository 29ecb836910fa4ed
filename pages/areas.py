"""Policy areas: one area across cities (definition, distribution, ranking, best performers), the
cities x areas heatmap and how the areas move together."""

import dataclasses

import streamlit as st

from icc.charts import bars
from icc.i18n import format as fmt, localized, t
from icc.i18n.format import md_escape
from icc.views.areas_view import LEADERS, MIN_CITIES_FOR_CHANGE, MIN_CITIES_FOR_CORRELATION, areas_choices, areas_data
from icc.views.practices_view import source_language_note
from icc.views.url_state import AreasState, CityState
from icc.web import links
from icc.web.components import chart, data_table, table
from icc.web.frame import page_session
from icc.web.links import init, page_state, sync_url

ORDERS = ("score", "name", "clustered")

session = page_session()
state = page_state(AreasState)
choices = areas_choices(session, state.version)

with session.sidebar:
    st.divider()
    version = st.selectbox(t("areas.version"), choices.versions, format_func=lambda v: t(f"version.short.{v}"),
                           key=init("areas_version", state.version if state.version in choices.versions
                                    else choices.default_version))
    version_areas = areas_choices(session, version).version_areas
    area_codes = ["", "aggregate", *version_areas[version_areas["group_code"] != "composite"]["code"]]
    names = {"": t("areas.glance_option"),
             **{row.code: localized(row._asdict(), "name") for row in version_areas.itertuples()}}
    area = st.selectbox(t("areas.area"), area_codes, format_func=names.get,
                        key=init(f"areas_area_{version}", state.area if state.area in area_codes else ""))
    order = st.radio(t("areas.order"), ORDERS, format_func=lambda o: t(f"areas.order.{o}"),
                     key=init("areas_order", state.order))
state = dataclasses.replace(state, version=version, area=area, order=order).validated()
sync_url(state)

data = areas_data(session, state)
context = session.chart_context(data.years, [version])
short = {row.code: localized(row._asdict(), "short") for row in version_areas.itertuples()}


def show_glance():
    """Every area of the version ranked by network median: where the network is strong and where weak."""
    st.title(t("areas.glance_title"))
    st.caption(t(f"version.short.{version}"))
    glance = data.glance
    if glance["cities"].sum() == 0:
        st.info(t("areas.no_scores"), icon=":material/info:")
        return
    st.markdown(data.glance_sentence)
    chart(bars.network_glance_chart(
        glance, short, t("areas.glance_chart_title", version=t(f"version.short.{version}")),
        t("areas.glance_source"),
        t("axis.score"), {"range": t("areas.glance.range"), "iqr": t("areas.glance.iqr"),
                          "median": t("areas.glance.median"), "hover": t("areas.glance.hover")},
        lambda n: t("areas.glance.count", n=n)), "glance", context, f"areas-at-a-glance-{version}")
    shown = glance.assign(
        name=[names.get(code, code) for code in glance["area_code"]],
        open=[links.url_for("areas", AreasState(version=version, area=code)) for code in glance["area_code"]])
    table(shown[["name", "cities", "median", "q1", "q3", "low", "high", "change", "change_cities", "open"]],
          f"areas-at-a-glance-{version}", app_only=("open",),
          title=t("areas.glance_chart_title", version=t(f"version.short.{version}")), source=t("areas.glance_source"),
          column_config={
              "name": t("col.area"), "cities": t("col.cities_scored"),
              "median": st.column_config.NumberColumn(t("col.network_median"), format="%.0f"),
              "q1": st.column_config.NumberColumn(t("col.q1"), format="%.0f"),
              "q3": st.column_config.NumberColumn(t("col.q3"), format="%.0f"),
              "low": st.column_config.NumberColumn(t("col.lowest"), format="%.0f"),
              "high": st.column_config.NumberColumn(t("col.highest"), format="%.0f"),
              "change": st.column_config.NumberColumn(t("col.median_change"), format="%+.0f"),
              "change_cities": t("col.change_cities"),
              "open": st.column_config.LinkColumn(t("col.open_area"), display_text=t("areas.open_area"))})
    st.caption(t("areas.glance_change_note", minimum=MIN_CITIES_FOR_CHANGE))


def show_area():
    st.title(names[area])
    st.caption(t(f"version.short.{version}"))
    definition = data.definition
    if not definition.empty:
        st.markdown(localized(definition.iloc[0], "definition"))
        wording = "areas.definition_own" if definition.iloc[0]["wording"] == "own" else "areas.definition_source"
        st.caption(t(wording, url=definition.iloc[0]["source_url"]))

    ranking = data.ranking.copy()
    if ranking.empty:
        st.info(t("areas.no_scores"), icon=":material/info:")
    else:
        if len(ranking) < 3:
            st.info(t("areas.thin", count=len(ranking)), icon=":material/info:")
        else:
            chart(bars.distribution_chart(ranking, t("areas.distribution_title", area=names[area], count=len(ranking)),
                                          t("trends.source"), t("axis.score")), "distribution", context)
            st.markdown(t("areas.summary", count=len(ranking), median=fmt.number(ranking["score"].median()),
                          low=fmt.number(ranking["score"].min()), high=fmt.number(ranking["score"].max())))
        st.subheader(t("areas.ranking"))
        ranking = ranking.assign(
            profile=[links.url_for("city", CityState(city=city_id)) for city_id in ranking["city_id"]],
            date=[fmt.partial_date(d, p) for d, p in zip(ranking["assessed_on"], ranking["date_precision"])])
        table(ranking[["rank", "city_name", "country", "score", "rank_band", "date", "profile"]],
              f"ranking-{version}-{area}", height=min(420, 36 * len(ranking) + 40), app_only=("profile",),
              title=fmt.labelled(names[area], t("areas.ranking")), source=t("trends.source"), column_config={
                         "rank": t("col.rank"), "city_name": t("col.city"), "country": t("col.country"),
                         "score": st.column_config.ProgressColumn(t("col.score"), min_value=0, max_value=100,
                                                                  format="%.0f"),
                         "rank_band": t("col.rank_band"), "date": t("col.date"),
                         "profile": st.column_config.LinkColumn(t("col.profile"), display_text=t("areas.open"))})
        best = ranking.head(LEADERS)
        if not data.leaders_practices.empty:
            st.subheader(t("areas.best_practices"))
            st.caption(source_language_note(data.leaders_practices["language_of_source"], session.language))
            for example in data.leaders_practices.itertuples():
                city_name = best.set_index("city_id").loc[example.city_id, "city_name"]
                st.markdown("- " + fmt.labelled(f"**{md_escape(city_name)}**", example.title_markdown))


if state.area:
    show_area()
else:
    show_glance()

st.header(t("areas.heatmap_heading"))
matrix, total = data.matrix, data.total
if matrix.empty:
    st.info(t("areas.no_scores"), icon=":material/info:")
else:
    chart(bars.heatmap_chart(matrix, short, t("areas.heatmap_title", shown=len(matrix), total=total),
                             t("trends.source"), colour_title=t("axis.score")), "heatmap", context)
    if total > len(matrix):
        st.caption(t("areas.heatmap_limited", shown=len(matrix), total=total))
    data_table(matrix.reset_index(), "heatmap",
               meanings={code: t("codebook.area_score", area=names.get(code, code)) for code in matrix.columns})

st.header(t("areas.correlation_heading"))
correlations = data.correlations
if correlations.notna().sum().sum() <= len(correlations):
    st.info(t("areas.correlation_thin", minimum=MIN_CITIES_FOR_CORRELATION), icon=":material/info:")
else:
    chart(bars.heatmap_chart(correlations, short, t("areas.correlation_title"), t("trends.source"),
                             zmin=-1, zmax=1, colourscale="RdBu", text_format=".2f", colour_title="r"),
          "correlations", context)
    st.caption(t("areas.correlation_note", minimum=MIN_CITIES_FOR_CORRELATION))
