"""Map: where the member and associated cities are, filtered from the sidebar; click a city for its facts."""

import dataclasses

import streamlit as st

from icc.charts import alt_text, maps
from icc.i18n import format as fmt, t
from icc.views.city_facts import city_facts_markdown
from icc.views.map_view import map_choices, map_data
from icc.views.url_state import CityState, MapState
from icc.web import links
from icc.web.components import chart, data_table
from icc.web.frame import page_session
from icc.web.links import init, page_state, sync_url

STATUSES = ("member", "both", "associated", "unknown")
COLOUR_MODES = ("membership", "score", "joined")

session = page_session()
state = page_state(MapState)
choices = map_choices(session)
year_bounds, country_names, network_names = choices.year_bounds, choices.countries, choices.networks

with session.sidebar:
    st.divider()
    st.markdown(f"**{t('map.filters')}**")  # not a heading: the page's title is its first
    countries = st.multiselect(t("map.filter.country"), sorted(country_names, key=country_names.get),
                               format_func=country_names.get, key=init("map_country", list(state.countries)),
                               placeholder=t("map.filter.all"))
    chosen_networks = st.multiselect(t("map.filter.network"), list(network_names), format_func=network_names.get,
                                     key=init("map_network", list(state.networks)), placeholder=t("map.filter.all"))
    statuses = st.multiselect(t("map.filter.status"), STATUSES, format_func=lambda s: t(f"membership.{s}"),
                              key=init("map_status", list(state.statuses)), placeholder=t("map.filter.all"))
    joined = st.slider(t("map.filter.joined"), *year_bounds,
                       key=init("map_joined", tuple(state.joined) if state.joined else year_bounds),
                       help=t("map.filter.joined_help"))
    has_index = st.radio(t("map.filter.has_index"), ("all", "yes", "no"), format_func=lambda v: t(f"map.index.{v}"),
                         key=init("map_index", state.has_index), horizontal=True)
    colour = st.radio(t("map.colour_by"), COLOUR_MODES, format_func=lambda v: t(f"map.colour.{v}"),
                      key=init("map_colour", state.colour))

state = dataclasses.replace(
    state, countries=tuple(countries), networks=tuple(chosen_networks), statuses=tuple(statuses),
    joined=() if tuple(joined) == year_bounds else tuple(joined), has_index=has_index, colour=colour,
).validated()

# A city clicked on the map (the widget's state is known before it is drawn again), or chosen from the list
# under it: the keyboard's way to a city's facts.
selection = st.session_state.get("map_deck")
picked = selection["selection"]["objects"].get(maps.CITY_LAYER_ID) if selection else None
if picked:
    state = dataclasses.replace(state, city=picked[0]["city_id"]).validated()


def city_chosen() -> None:
    links.go_to(dataclasses.replace(state, city=st.session_state["map_city_facts"] or ""))

data = map_data(session, state, year_bounds)
cities = data.cities

st.title(t("map.title"))
st.caption(data.summary + " " + data.membership_note)

if cities.empty:
    st.info(t("map.empty"), icon=":material/filter_alt_off:")
else:
    deck = session.city_deck("map_cities", data.query_params, state.colour, (state.city,) if state.city else ())
    st.pydeck_chart(deck, height=560, on_select="rerun", selection_mode="single-object", key="map_deck",
                    alt=alt_text.map_alt(cities))
    st.markdown(maps.legend_html(maps.legend_items(cities, state.colour)), unsafe_allow_html=True)
    if state.colour != "membership":
        st.caption(t(f"map.colour_note.{state.colour}"))
    shown = dict(zip(cities["city_id"], cities["name"] + " (" + cities[f"country_{session.language}"] + ")"))
    st.selectbox(t("map.city_facts"), list(shown), format_func=shown.get, index=None, key="map_city_facts",
                 placeholder=t("map.city_facts_placeholder"), on_change=city_chosen)

sync_url(state)

if state.city:
    if data.selected is None:
        st.warning(t("map.unknown_city", city=state.city))
    else:
        city = data.selected
        with st.container(border=True):
            st.header(city["name"])
            st.markdown(city_facts_markdown(city, session.language))
            st.page_link("pages/city.py", label=t("map.open_profile"), icon=":material/arrow_forward:",
                         query_params=links.params_for(CityState(city=city["city_id"])))

# A toggle rather than an expander: an expander's content runs on every click even when closed, and this
# figure takes most of a second at 10,000 cities.
if st.toggle(t("map.static_heading"), key="show_static_map"):
    chart(maps.static_city_map(cities, t("map.static_title"), t("map.source"), state.colour), "static_map",
          session.chart_context(), config={"displaylogo": False})

data_table(cities[["name", f"country_{session.language}", "membership_class", "joined_year", "population",
                   "population_year", "latest_score"]].assign(
                       membership_class=lambda f: f["membership_class"].map(lambda c: t(f"membership.{c}")),
                       latest_score=lambda f: f["latest_score"].map(fmt.score)), "map_cities", behind="map",
           title=t("nav.map"), source=t("map.source"))
