"""About: what the ICC programme and Index are, where every dataset comes from, what is missing."""

import streamlit as st

from icc.i18n import format as fmt, localized, t
from icc.views.about_view import about_data
from icc.web.components import table
from icc.web.frame import page_session

session = page_session()

st.title(t("about.title"))
st.markdown(t("about.programme"))
st.page_link("pages/accessibility.py", label=t("about.accessibility_link"), icon=":material/accessibility:")

st.header(t("about.index_heading"))
st.markdown(t("about.index"))
data = about_data(session, session.published())
versions, areas = data.versions, data.areas
for column, (_, version) in zip(st.columns(len(versions)), versions.iterrows()):
    with column:
        st.subheader(localized(version, "label"))
        st.markdown(localized(version, "note"))
        version_areas = areas[areas["version_id"] == version["version_id"]]
        table(
            version_areas.assign(
                name=version_areas.apply(lambda row: localized(row, "name"), axis=1),
                short=version_areas.apply(lambda row: localized(row, "short"), axis=1),
                group=version_areas["group_code"].map(lambda code: t(f"area_group.{code}")),
            )[["name", "short", "group", "linked"]],
            f"policy-areas-{version['version_id']}", title=fmt.labelled(localized(version, "label"), t("about.col.area")),
            column_config={
                "name": t("about.col.area"), "short": t("about.col.short"), "group": t("about.col.group"),
                "linked": st.column_config.TextColumn(t("about.col.harmonised"),
                                                               help=t("about.col.harmonised_help")),
            },
        )
st.markdown(t("about.harmonised"))

st.header(t("about.sources_heading"))
if session.is_demo:
    st.info(t("about.demo_sources"), icon=":material/science:")
counts = data.source_counts
st.markdown(t("about.sources", **counts.to_dict()))
st.caption(data.membership_note)
st.header(t("about.missing_heading"))
st.markdown(t("about.missing", **counts.to_dict()))
