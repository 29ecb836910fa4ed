"""Accessibility: the standard the app aims at (WCAG 2.1 AA), how it is tested, what does not work yet, and how
to get the data in another form."""

import streamlit as st

from icc.i18n import t
from icc.views.accessibility_view import accessibility_data
from icc.web.frame import page_session

session = page_session()
data = accessibility_data(session)

st.title(t("accessibility.title"))
st.markdown(t("accessibility.standard"))
st.header(t("accessibility.tested_heading"))
# A list, not a grid: each line is a sentence, and a grid cuts sentences at its column's width.
for check in data.checks.itertuples():
    st.markdown("- " + t("accessibility.check_line", what=check.what, how=check.how))
st.header(t("accessibility.limits_heading"))
for limit in data.limits["limit"]:
    st.markdown(f"- {limit}")
st.header(t("accessibility.other_forms_heading"))
st.markdown(t("accessibility.other_forms"))
