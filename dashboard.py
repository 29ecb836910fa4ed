"""Overview: the network at a glance."""

import streamlit as st

from icc import format as fmt
from icc.app import setup
from icc.i18n import t
from icc.ui import kpi_row

session = setup("overview")

st.title(t("overview.title"))
kpis = session.query("overview_kpis").iloc[0]
st.caption(t("overview.demo_note") if session.is_demo else t("overview.source_note"))
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
