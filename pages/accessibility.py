"""Accessibility: the standard the app aims at (WCAG 2.1 AA), how it is tested, what does not work yet, and how
to get the data in another form."""

import streamlit as st

from icc.i18n import t
from icc.views.accessibility_view import accessibility_data
from icc.web.components import table
from icc.web.frame import page_session

session = page_session()
data = accessibility_data(session)

st.title(t("accessibility.title"))
st.markdown(t("accessibility.standard"))
st.header(t("accessibility.tested_heading"))
table(data.checks, "accessibility-checks", {"what": t("col.requirement"), "how": t("col.tested_by")})
st.header(t("accessibility.limits_heading"))
for limit in data.limits["limit"]:
    st.markdown(f"- {limit}")
st.header(t("accessibility.other_forms_heading"))
st.markdown(t("accessibility.other_forms"))
