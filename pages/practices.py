"""Good practices: the searchable catalogue, each entry linked to its cities and its source."""

import dataclasses

import streamlit as st

from icc.i18n import format as fmt, t
from icc.i18n.format import md_escape
from icc.views.practices_view import practices_choices, practices_data, source_language_note, title_language
from icc.views.url_state import CityState, PracticesState
from icc.web import links
from icc.web.components import data_table
from icc.web.frame import page_session
from icc.web.links import init, page_state, sync_url

session = page_session()
state = page_state(PracticesState)
choices = practices_choices(session)
area_names, countries, cities = choices.areas, choices.countries, choices.cities
area_choices = ["", *choices.filter_areas]

with session.sidebar:
    st.divider()
    text = st.text_input(t("practices.search"), key=init("practices_text", state.text),
                         placeholder=t("practices.search_placeholder"))
    area = st.selectbox(t("practices.area"), area_choices, format_func=lambda c: area_names.get(c, t("map.filter.all")),
                        key=init("practices_area", state.area if state.area in area_choices else ""))
    country = st.selectbox(t("practices.country"), ["", *sorted(countries, key=countries.get)],
                           format_func=lambda c: countries.get(c, t("map.filter.all")),
                           key=init("practices_country", state.country if state.country in countries else ""))
    city = st.selectbox(t("practices.city"), ["", *sorted(cities, key=cities.get)],
                        format_func=lambda c: cities.get(c, t("map.filter.all")),
                        key=init("practices_city", state.city if state.city in cities else ""))
state = dataclasses.replace(state, text=text, area=area, country=country, city=city).validated()
sync_url(state)

st.title(t("nav.practices"))
st.caption(t("practices.note"))
data = practices_data(session, state)
found = data.found
st.markdown(t("practices.count", count=len(found)))
if found.empty:
    st.info(t("practices.none"), icon=":material/search_off:")
else:
    st.caption(source_language_note(found["language_of_source"], session.language))
for example in found.head(60).itertuples():
    with st.container(border=True):
        years = "" if fmt.is_missing(example.year_from) else str(int(example.year_from))
        if not fmt.is_missing(example.year_to):
            years += f"–{int(example.year_to)}"
        sources = example.sources
        title = f"**[{md_escape(example.title)}]({sources[0]})**" if sources else f"**{md_escape(example.title)}**"
        title += title_language(example.language_of_source, session.language)
        more = [f"[{t('practices.source_n', n=number)}]({link})" for number, link in enumerate(sources[1:], start=2)]
        st.markdown(" · ".join([title, *([years] if years else []), *more]))
        st.markdown(md_escape(example.summary))
        city_links = [f"[{md_escape(c['name'])}]({links.url_for('city', CityState(city=c['city_id']))})" if c["city_id"]
                 else md_escape(c["name"]) for c in example.cities if c["name"]]
        country_names = getattr(example, f"countries_{session.language}")
        tags = ", ".join(area_names.get(code, code) for code in example.area_codes)
        st.caption(" · ".join(filter(None, [fmt.listing(city_links), ", ".join(country_names), tags,
                                            t("practices.classified") if example.classified else ""])))
if len(found) > 60:
    st.caption(t("practices.more", shown=60, total=len(found)))
data_table(found.drop(columns=["cities", "sources", "countries_fr" if session.language == "en" else "countries_en"]),
           "practices", behind="list")
