"""City profile: facts, Index assessments, radar against network and peers, whom to learn from."""

import dataclasses

import streamlit as st

from icc.charts import radar
from icc.i18n import format as fmt, t
from icc.i18n.format import md_escape
from icc.views.city_facts import city_facts_markdown
from icc.views.city_view import (
    GENERATED_DEFINITION,
    MIN_CITIES_FOR_POSITION,
    MIN_CITIES_FOR_STATISTICS,
    NOISE_THRESHOLD_POINTS,
    STRATEGIES,
    city_assessment_labels,
    city_data,
    city_options,
    comparison_table,
    practice_title,
    radar_labels,
)
from icc.views.practices_view import source_language_note, title_language
from icc.views.url_state import MAX_CITIES, CityState
from icc.web import documents, links
from icc.web.components import chart, data_table, prepared_download, resolve_cities, table
from icc.web.frame import name_page, page_session
from icc.web.links import init, page_state, sync_url

session = page_session()
state = page_state(CityState)
options = city_options(session)
if state.city:
    state = dataclasses.replace(state, city=next(iter(resolve_cities(session, [state.city], options)), ""))

with session.sidebar:
    st.divider()
    city_id = st.selectbox(t("city.pick"), list(options), format_func=options.get, index=None,
                           placeholder=t("city.pick_placeholder"),
                           key=init("city_pick", state.city if state.city in options else None))
if city_id is None:
    st.title(t("nav.city"))
    st.info(t("city.choose"), icon=":material/location_city:")
    sync_url(CityState())
    st.stop()

labels = city_assessment_labels(session, city_id)
assessment_ids = list(labels)
if assessment_ids:
    with session.sidebar:
        chosen_id = st.selectbox(t("city.assessment"), assessment_ids, format_func=labels.get,
                                 key=init("city_assessment", state.assessment if state.assessment in labels
                                          else assessment_ids[0]))
        strategy = st.radio(t("city.peers"), STRATEGIES, format_func=lambda s: t(f"peers.strategy.{s}"),
                            key=init("city_peers", state.peers))
        picked = ()
        if strategy == "picked":
            picked = tuple(st.multiselect(t("city.picked"), [c for c in options if c != city_id],
                                          format_func=options.get, max_selections=MAX_CITIES,
                                          key=init("city_picked", list(state.picked)),
                                          placeholder=t("compare.cities_placeholder")))
    state = dataclasses.replace(state, city=city_id, assessment="" if chosen_id == assessment_ids[0] else chosen_id,
                                peers=strategy, picked=picked).validated()
else:
    state = CityState(city=city_id)
sync_url(state)
data = city_data(session, state)
city, assessments, own_practices, view = data.city, data.assessments, data.own_practices, data.view
st.title(city["name"])
name_page(city["name"])

facts_column, map_column = st.columns([3, 2], gap="large")
with facts_column:
    st.markdown(city_facts_markdown(city, session.language))
    if not fmt.is_missing(city["foreign_share_pct"]):
        definition = city["foreign_share_definition"]
        st.markdown(t("city.foreign_share", share=fmt.number(city["foreign_share_pct"], 1),
                      definition=t("city.definition_generated") if definition == GENERATED_DEFINITION
                      else md_escape(definition or t("common.missing"))))
    st.caption(t("city.foreign_share_note"))
    with st.expander(t("city.sources")):
        for url in str(city["source_url"]).split(" ; "):
            st.markdown(f"- <{url}>" if url.startswith("http") else f"- {md_escape(url)}")
        st.caption(t("city.coord_source", source=city["coord_source"]))
        st.caption(data.membership_source)
with map_column:
    deck = session.city_deck("map_cities", data.location_query, highlight=(city_id,), height=300,
                             view=(float(city["lat"]), float(city["lon"]), 4.5))
    st.pydeck_chart(deck, height=300, key="city_location", alt=t("alt.city_map", city=city["name"],
                                                                   country=city[f"country_{session.language}"]))



def show_own_practices():
    st.header(t("city.own_practices", city=city["name"]))
    if own_practices.empty:
        st.caption(t("city.own_practices_none"))
    else:
        st.caption(source_language_note(own_practices["language_of_source"], session.language))
    for example in own_practices.itertuples():
        years = "" if fmt.is_missing(example.year_from) else f" ({int(example.year_from)})"
        title = practice_title(example.title, example.url) + title_language(example.language_of_source, session.language)
        st.markdown("- " + fmt.labelled(f"{title}{years}", md_escape(example.summary)))


if view is None:
    st.info(t("city.no_results", city=city["name"]), icon=":material/info:")
    st.header(t("city.similar_heading", city=city["name"]))
    if data.similar.empty:
        st.caption(t("city.similar_none"))
    else:
        st.caption(t("city.similar_note"))
        table(data.similar.drop(columns=["city_id"]), f"similar-{city_id}",
              title=t("city.similar_heading", city=city["name"]), source=t("city.radar_source"), column_config={
            "basis": t("col.basis"), "name": t("col.city"), "reason": t("col.reason"),
            "index": t("col.latest_index"), "practices": t("col.known_for")})
    show_own_practices()
    st.stop()

st.header(t("city.assessments"))

table(
    assessments.assign(
        date=[fmt.partial_date(a, p) for a, p in zip(assessments["assessed_on"], assessments["date_precision"])],
        version=assessments["version_id"].map(lambda v: t(f"version.short.{v}")),
        # An assessment published as its aggregate alone reports no area: say so rather than a bare 0.
        areas_reported=[t("city.areas_aggregate_only") if count == 0 else str(count)
                        for count in assessments["areas_reported"]])[
        ["date", "version", "sample_size", "areas_reported", "aggregate", "source_url", "quoted_in"]],
    f"assessments-{city_id}", title=fmt.labelled(city["name"], t("city.assessments")), source=t("city.radar_source"),
    column_config={"date": t("col.date"), "version": t("col.version"), "sample_size": t("col.sample_size"),
                   "areas_reported": t("col.areas_reported"), "aggregate": t("col.aggregate"),
                   "source_url": st.column_config.LinkColumn(t("col.source")), "quoted_in": t("col.quoted_in")})

date_label = labels[data.assessment_id]
st.header(t("city.profile_heading", date=date_label))
st.markdown(data.strengths_sentence)
reported = view.comparison[view.comparison["score"].notna()]
aggregate = view.comparison[view.comparison["is_aggregate"]].iloc[0]
if not fmt.is_missing(aggregate["score"]):
    st.metric(t("col.aggregate"), fmt.score(aggregate["score"]), help=t("city.aggregate_help"), border=False,
              delta=aggregate["rank_band"] or None, delta_color="off", delta_arrow="off")
area_count = int((~reported["is_aggregate"]).sum())
if area_count == 0:
    st.info(t("city.aggregate_only"), icon=":material/info:")
elif area_count < MIN_CITIES_FOR_STATISTICS:
    st.info(t("city.few_areas", count=area_count), icon=":material/info:")
else:
    radar_figure = radar.comparison_radar(view.comparison, city["name"], radar_labels(),
                                          t("city.radar_title", city=city["name"], date=date_label),
                                          t("city.radar_source"))
    chart(radar_figure, "city_radar", session.chart_context([view.assessment["assessed_on"].year],
                                                            [view.assessment["version_id"]]), f"radar-{city_id}")
    st.caption(t("city.radar_note", minimum=MIN_CITIES_FOR_STATISTICS))
table(comparison_table(reported), f"areas-{city_id}", title=t("city.profile_heading", date=date_label),
      source=t("city.radar_source"), column_config={
    "name": t("col.area"), "score": st.column_config.ProgressColumn(t("col.score"), min_value=0, max_value=100,
                                                                     format="%.0f"),
    "network_median": st.column_config.NumberColumn(t("col.network_median"), format="%.0f"),
    "peer_median": st.column_config.NumberColumn(t("col.peer_median"), format="%.0f"),
    "gap_network": st.column_config.NumberColumn(t("col.gap_network"), format="%+.0f"),
    "gap_peers": st.column_config.NumberColumn(t("col.gap_peers"), format="%+.0f"),
    "rank_band": t("col.rank_band"), "network_n": t("col.network_n"), "peer_n": t("col.peer_n")})

area_names = dict(zip(view.comparison["area_code"], view.comparison["name"]))
st.header(t("city.position_heading", city=city["name"]))
standing = view.position
if standing["percentile"].notna().any() or standing["country_rank"].notna().any():
    networks = data.network_names
    shown = standing.assign(
        name=standing["area_code"].map(area_names),
        country=[None if fmt.is_missing(rank) else t("position.rank_of", rank=int(rank), n=n)
                 for rank, n in zip(standing["country_rank"], standing["country_n"])],
        network=[None if fmt.is_missing(rank) else
                 t("position.rank_in", rank=int(rank), n=n, network=networks.get(network, network))
                 for rank, n, network in zip(standing["network_rank"], standing["network_n"],
                                             standing["network_id"])])
    table(shown[["name", "score", "percentile", "cities", "country", "network"]], f"position-{city_id}",
          title=t("city.position_heading", city=city["name"]), source=t("city.radar_source"),
          column_config={"name": t("col.area"),
                         "score": st.column_config.NumberColumn(t("col.score"), format="%.0f"),
                         "percentile": st.column_config.ProgressColumn(t("col.percentile"), min_value=0,
                                                                       max_value=100, format="%.0f"),
                         "cities": t("col.cities_scored"),
                         "country": t("col.rank_country", country=city[f"country_{session.language}"]),
                         "network": t("col.rank_network")})
    st.caption(t("city.position_note", minimum=MIN_CITIES_FOR_POSITION))
else:
    st.info(t("city.position_thin", minimum=MIN_CITIES_FOR_POSITION), icon=":material/info:")

if view.previous is not None:
    previous_label = labels[view.previous["assessment_id"]]
    st.header(t("city.changes_heading", date=previous_label))
    same_version = view.previous["version_id"] == view.assessment["version_id"]
    if view.changes.empty:
        st.info(t("city.changes_none"), icon=":material/info:")
    else:
        st.markdown(data.changes_sentence)
        table(view.changes.assign(name=view.changes["area_code"].map(area_names))[
                  ["name", "before", "after", "change", "beyond_noise"]], f"changes-{city_id}",
                  title=fmt.labelled(city["name"], t("city.changes_heading", date=previous_label)), source=t("city.radar_source"), column_config={
            "name": t("col.area"), "before": st.column_config.NumberColumn(previous_label, format="%.0f"),
            "after": st.column_config.NumberColumn(date_label, format="%.0f"),
            "change": st.column_config.NumberColumn(t("col.change_points"), format="%+.0f"),
            "beyond_noise": st.column_config.CheckboxColumn(t("col.beyond_noise"))})
    st.caption(t("city.changes_note", threshold=fmt.number(NOISE_THRESHOLD_POINTS)) if same_version
               else t("city.changes_revision"))

view_address = links.view_link(st.query_params.to_dict())
prepared_download(t("city.factsheet"), ":material/picture_as_pdf:", "factsheet", t("city.factsheet_prepare"),
                  t("city.factsheet_ready"), lambda: documents.factsheet_pdf(
                      city, view, date_label, session.language, session.is_demo, own_practices,
                      session.chart_context(), view_address), f"factsheet-{city_id}.pdf", "application/pdf")
prepared_download(t("city.report"), ":material/description:", "report", t("city.report_prepare"),
                  t("city.report_ready"), lambda: documents.city_report_pdf(session, city_id, session.chart_context(),
                                                                            view_address),
                  f"{city_id}-{session.language}.pdf", "application/pdf", t("city.report_note"))

st.header(t("city.peers_heading"))
if view.peer_list.empty:
    st.info(t(f"city.no_peers.{state.peers}"), icon=":material/group_off:")
else:
    table(view.peer_list[["name", "reason", "has_scores"]], f"peers-{city_id}", title=t("city.peers_heading"),
          column_config={"name": t("col.city"), "reason": t("col.reason"),
                                "has_scores": st.column_config.CheckboxColumn(t("col.has_scores"))})
if state.peers == "diversity":
    st.caption(t("peers.diversity_warning"))

st.header(t("city.learn_heading"))
if view.learning.empty:
    st.info(t("city.learn_none"), icon=":material/school:")
elif not view.practices.empty:
    st.caption(source_language_note(view.practices["language_of_source"], session.language))
for area, leaders in view.learning.groupby("area", sort=False):
    st.subheader(t("city.learn_area", area=area, score=fmt.number(leaders["own_score"].iloc[0])))
    listed = 0
    for leader in leaders.itertuples():
        marker = t("city.learn_peer") if leader.is_peer else ""
        st.page_link("pages/city.py", label=fmt.labelled(leader.city_name, f"{fmt.number(leader.score)}/100 {marker}"),
                     query_params=links.params_for(CityState(city=leader.city_id)), icon=":material/arrow_forward:")
        examples = view.practices_of(leader)
        for example in examples.itertuples():
            year = "" if fmt.is_missing(example.year_from) else f" ({int(example.year_from)})"
            st.markdown(f"  - {practice_title(example.title, example.url)}"
                        f"{title_language(example.language_of_source, session.language)}{year}")
        listed += len(examples)
    if not listed:
        st.caption(t("city.learn_no_practice", area=area))
data_table(view.learning, "learn_from", behind="list")
show_own_practices()
