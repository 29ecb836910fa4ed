"""Study visit: host and visitor as slides, a full-screen presentation mode and an offline pack."""

import dataclasses

import plotly.graph_objects as go
import streamlit as st

from icc.i18n import t
from icc.views import visit_slides
from icc.views.city_view import city_options
from icc.views.url_state import VisitState
from icc.web import documents, links
from icc.web.components import chart, plotly_chart, resolve_cities, table
from icc.web.frame import page_session
from icc.web.links import init, page_state, sync_url

session = page_session()
state = page_state(VisitState)
options = city_options(session)
default_host, default_visitor = visit_slides.default_pair(session)
asked_host = next(iter(resolve_cities(session, [state.host], options)), "") if state.host else ""
asked_visitor = next(iter(resolve_cities(session, [state.visitor], options)), "") if state.visitor else ""
if asked_host and asked_host == asked_visitor:
    st.warning(t("visit.same_city", city=options[asked_host]), icon=":material/help:")
    asked_visitor = ""
state = dataclasses.replace(state, host=asked_host, visitor=asked_visitor)

with session.sidebar:
    st.divider()
    host = st.selectbox(t("visit.host"), list(options), format_func=options.get,
                        key=init("visit_host", state.host if state.host in options else default_host))
    visitor = st.selectbox(t("visit.visitor"), [c for c in options if c != host], format_func=options.get,
                           key=init("visit_visitor", state.visitor if state.visitor in options and
                                    state.visitor != host else default_visitor))
slides = session.cached(visit_slides.build_slides, host, visitor)
state = dataclasses.replace(state, host=host, visitor=visitor, slide=min(state.slide, len(slides))).validated()


def go_to(number: int, present: bool) -> None:
    links.go_to(dataclasses.replace(state, slide=number, present=present))


# The pack belongs to this pair, language and dataset (not to the slide on show).
pack_key = f"_prepared_pack?{host}&{visitor}&{session.language}&{session.dataset}"
if state.present:
    # The slides run in the browser: changing one needs no server round trip.
    st.html(visit_slides.PRESENTATION_CSS)
    st.button(t("visit.exit"), key="exit-presentation", on_click=go_to, args=(state.slide, False))
    title = t("visit.slide_title", host=options[host], visitor=options[visitor])
    st.iframe(documents.pack_html(slides, title, session.language, plotly_src=visit_slides.plotly_url(), presenting=True,
                             start=state.slide), height=720)
    sync_url(state)
    st.stop()
else:
    st.title(t("nav.visit"))
    st.caption(t("visit.intro"))
    top = st.columns([1, 1, 2])
    top[0].button(t("visit.present"), type="primary", icon=":material/slideshow:",
                  on_click=go_to, args=(state.slide, True))
    if top[1].button(t("visit.make_pack"), icon=":material/download:"):
        with st.status(t("visit.packing"), expanded=True) as status:
            st.write(t("visit.pack_step_html"))
            title = t("visit.slide_title", host=options[host], visitor=options[visitor])
            html_text = documents.pack_html(slides, title, session.language)
            st.session_state[pack_key + "html"] = html_text.encode("utf-8")
            st.write(t("visit.pack_step_pptx"))
            # The visit takes place in the host city (its brief is the second slide).
            st.session_state[pack_key + "pptx"] = documents.visit_deck(slides, title, session.language,
                                                                       slides[1].title)
            try:
                st.write(t("visit.pack_step_pdf"))
                st.session_state[pack_key + "pdf"] = documents.pack_pdf(html_text)
            except Exception as error:  # no browser on this server: the HTML pack still works
                st.session_state[pack_key + "pdf"] = None
                st.warning(t("visit.pdf_unavailable", error=str(error)[:200]))
            status.update(label=t("visit.pack_ready"), state="complete")
    if st.session_state.get(pack_key + "html"):
        downloads = st.columns(3)
        downloads[0].download_button(t("visit.download_html"), st.session_state[pack_key + "html"],
                                     f"visit-{host}-{visitor}.html", "text/html", on_click="ignore")
        if st.session_state.get(pack_key + "pptx"):
            downloads[2].download_button(t("visit.download_pptx"), st.session_state[pack_key + "pptx"],
                                         f"visit-{host}-{visitor}.pptx", documents.PPTX_MIME, on_click="ignore")
        if st.session_state.get(pack_key + "pdf"):
            downloads[1].download_button(t("visit.download_pdf"), st.session_state[pack_key + "pdf"],
                                         f"visit-{host}-{visitor}.pdf", "application/pdf", on_click="ignore")

slide = slides[state.slide - 1]
with st.container(border=not state.present):
    if state.present:
        st.title(slide.title)
    else:
        st.header(slide.title)
    for paragraph in slide.paragraphs:
        st.markdown(paragraph)
    for bullet in slide.bullets:
        st.markdown(f"- {bullet}")
    if slide.figure is not None:
        height = 480 if slide.table is None else (520 if state.present else 400)
        figure = go.Figure(slide.figure).update_layout(height=height)  # the slides are shared: change a copy
        if state.present:  # on the projector: the chart only
            plotly_chart(figure, f"slide_figure_{slide.key}")
        else:
            chart(figure, f"slide_figure_{slide.key}", session.chart_context(), f"visit-{slide.key}")
    if slide.table is not None:
        height = min(300, 36 * len(slide.table) + 40)
        if state.present:
            st.dataframe(slide.table, hide_index=True, width="stretch", height=height)
        else:
            table(slide.table, f"visit-{slide.key}", height=height, title=slide.title)

navigation = st.columns([1, 2, 1, 1])
navigation[0].button(t("visit.previous"), key="previous-slide", disabled=state.slide <= 1,
                     on_click=go_to, args=(state.slide - 1, state.present), icon=":material/arrow_back:")
navigation[1].markdown(f"**{state.slide} / {len(slides)}**")
navigation[2].button(t("visit.next"), key="next-slide", disabled=state.slide >= len(slides),
                     on_click=go_to, args=(state.slide + 1, state.present), icon=":material/arrow_forward:")
st.iframe(visit_slides.KEYBOARD_SCRIPT, height=1)
sync_url(state)
