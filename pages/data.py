"""Data: download the dataset with its codebook; coordinators import Index rounds and roll them back."""

import hashlib
import logging

import streamlit as st

from icc.i18n import t
from icc.views.data_view import data_page_data
from icc.views.round_view import round_data
from icc.web import access, coordinator as rounds, documents
from icc.web.components import chart, prepared_key, table
from icc.web.frame import page_session
from icc.web.shell import clear_caches

LOG = logging.getLogger("icc.data")
session = page_session()
st.title(t("data.title"))

st.header(t("data.download_heading"))
data = data_page_data(session)
counts = data.counts
st.markdown(t("data.download_text", scores=int(counts["index_figures"]), cities=int(counts["cities"])))
# Writing every format takes seconds on a large network: only when asked.
if not st.session_state.get(f"exports_{session.dataset}") and not st.button(t("data.prepare_downloads"),
                                                                          icon=":material/download:"):
    files = None
else:
    st.session_state[f"exports_{session.dataset}"] = True
    with st.spinner(t("data.preparing")):
        files = session.cached(documents.dataset_files)
columns = st.columns(3)
if files:
    columns[0].download_button(t("data.download_csv"), files["csv"], "icc-data-csv.zip", "application/zip",
                               on_click="ignore", icon=":material/download:")
    columns[1].download_button(t("data.download_xlsx"), files["xlsx"], "icc-data.xlsx",
                               documents.XLSX_MIME,
                               on_click="ignore", icon=":material/download:")
    columns[2].download_button(t("data.download_parquet"), files["parquet"], "icc-data-parquet.zip",
                               "application/zip", on_click="ignore", icon=":material/download:")

st.header(t("round.heading"))
st.caption(t("round.page_note"))
coverage = session.cached(round_data)
st.markdown(t("round.coverage_sentence", **coverage.counts))
chart(coverage.coverage_figure(), "coverage_map", session.chart_context(), "coverage-map")
table(coverage.coverage_table(session.language).drop(columns=["age"]), "coverage", title=t("round.coverage_heading"),
      source=t("map.source"), column_config={
          "name": t("col.city"), "country": t("col.country"), "membership": t("col.membership"),
          "newest": t("round.col.newest"), "version": t("col.version"),
          "age_years": st.column_config.NumberColumn(t("round.col.age_years"), format="%.1f")})
round_key = prepared_key("round-report")
if st.button(t("round.prepare"), icon=":material/summarize:", key="round_prepare"):
    with st.spinner(t("export.rendering")):
        st.session_state[round_key] = documents.round_report_files(coverage, session.language,
                                                                   session.chart_context())
if st.session_state.get(round_key):
    html_text, pdf = st.session_state[round_key]
    files = st.columns(2)
    files[0].download_button(t("round.ready"), pdf, f"round-report-{session.language}.pdf", "application/pdf",
                             on_click="ignore", icon=":material/download:")
    files[1].download_button(t("round.ready_html"), html_text.encode("utf-8"),
                             f"round-report-{session.language}.html", "text/html", on_click="ignore",
                             icon=":material/download:")

st.header(t("data.twins_heading"))
st.markdown(t("data.twins_text", pattern=documents.twin_url(session.dataset, "{query}", "{json|csv}")))
# A listing of addresses, not data: no downloads or citation under it.
st.dataframe(documents.twin_listing(session.dataset), hide_index=True, width="stretch", column_config={
    "query": t("col.query"), "description": t("col.what"),
    "json": st.column_config.LinkColumn("JSON", display_text=t("data.twin_open")),
    "csv": st.column_config.LinkColumn("CSV", display_text=t("data.twin_open"))})

st.header(t("data.import_heading"))
st.markdown(t("data.import_text"))
templates = st.columns(2)
templates[0].download_button(t("data.template_long"), documents.long_template(), "icc-round-long.csv", "text/csv",
                             on_click="ignore", icon=":material/description:")
templates[1].download_button(t("data.template_wide"), session.cached(documents.wide_template_for),
                             "icc-round-wide.xlsx",
                             documents.XLSX_MIME,
                             on_click="ignore", icon=":material/table:")

if session.is_demo:
    st.info(t("data.demo_no_import"), icon=":material/science:")
    st.stop()
stored_hash = access.configured_hash(st.secrets)
if not stored_hash:
    st.info(t("data.no_password"), icon=":material/lock:")
    st.stop()
try:
    access.parse_hash(stored_hash)
except access.MalformedHash as malformed:
    LOG.error("coordinator sign-in closed: %s", malformed)
    st.error(t("data.bad_password_hash"), icon=":material/lock:")
    st.stop()
if not st.session_state.get("coordinator"):
    with st.form("login"):
        name = st.text_input(t("data.name"), max_chars=80)
        password = st.text_input(t("data.password"), type="password")
        if st.form_submit_button(t("data.login")):
            client = access.client_key(st.context.ip_address, st.context.headers)
            if not name.strip():
                st.warning(t("data.name_missing"))
            elif access.THROTTLE.sign_in(client, password, stored_hash):
                st.session_state["coordinator"] = name.strip()
                st.rerun()
            else:
                st.error(t("data.wrong_password"))
    st.stop()
coordinator = st.session_state["coordinator"]


def announce_after_rerun(message: str) -> None:
    """Run the page again on the new snapshot, so everything below the message shows the new data."""
    clear_caches()
    st.session_state["data_notice"] = message
    st.rerun()


if st.session_state.get("data_notice"):
    st.success(st.session_state.pop("data_notice"), icon=":material/check_circle:")

PREVIEW_LABELS = {"line": t("col.row"), "assessment_id": t("col.assessment"), "area_id": t("col.area_id"),
                  "cell": t("col.in_file"), "old": t("col.stored_now"), "new": t("col.imported"),
                  "change": t("col.change")}


MEMBERSHIP_PREVIEW_LABELS = {"line": t("col.row"), "change": t("col.change"), "city": t("col.city"),
                             "country": t("col.country"), "membership": t("col.membership"),
                             "before": t("col.stored_now"), "after": t("col.imported"), "placed": t("col.placed")}


def checked(upload):
    """The check of an uploaded file, in a process of its own (isolated.parse), once per file content: the
    page runs again at every click, and the answer is the same until the file or the data changes."""
    raw = upload.getvalue()
    key = ("parsed", hashlib.sha256(raw).hexdigest(), session.snapshot)
    if st.session_state.get("checked_upload", (None,))[0] != key:
        with st.spinner(t("data.checking")):
            parsed = rounds.check(raw, upload.name, session.con)
        st.session_state["checked_upload"] = (key, parsed)
    return st.session_state["checked_upload"][1]


upload = st.file_uploader(t("data.upload"), type=["csv", "xlsx"], key="round_file",
                          max_upload_size=rounds.UPLOAD_LIMIT_MB)
if upload is not None:
    parsed = checked(upload)
    if not parsed.valid:
        st.error(t("data.problems", count=parsed.problem_total, file=upload.name), icon=":material/error:")
        if parsed.problem_total > len(parsed.problems):
            st.caption(t("data.problems_capped", listed=len(parsed.problems),
                         kinds=", ".join(f"{count:,} × {kind}" for kind, count in parsed.problem_counts.items())))
        table(parsed.report(), "import-problems", {
            "row": t("col.row"), "column": t("col.column"), "value": t("col.value"), "problem": t("col.problem"),
            "suggestion": t("col.suggestion")})
    else:
        membership = parsed.kind == "membership"
        replace = False if membership else st.checkbox(t("data.replace"), help=t("data.replace_help"))
        preview = rounds.preview(session.con, parsed, replace)
        changes = preview.changes
        st.success(preview.summary, icon=":material/check_circle:")
        st.caption(t("data.membership_preview_caption" if membership else "data.preview_caption"))
        table(changes, "import-preview", MEMBERSHIP_PREVIEW_LABELS if membership else PREVIEW_LABELS)
        if preview.changes_nothing:
            st.info(t("data.nothing_changes", file=upload.name), icon=":material/info:")
        elif st.button(t("data.commit"), type="primary"):
            try:
                with st.spinner(t("data.committing")):
                    batch_id = rounds.commit(parsed, coordinator, replace)
            except rounds.AlreadyImported as already:
                st.warning(t("data.already_imported", detail=str(already)))
            except rounds.BUSY as busy:
                st.warning(t("data.busy", detail=str(busy)))
            else:
                announce_after_rerun(t("data.committed", batch=batch_id))

st.subheader(t("data.batches"))
# The batches the published data shows now (the store may hold one that is being imported this moment).
listing = data.batches
if listing.empty:
    st.caption(t("data.no_batches"))
else:
    table(listing, "import-batches")
    chosen = st.selectbox(t("data.rollback_pick"), listing["batch_id"].tolist(), index=None,
                          placeholder=t("data.rollback_placeholder"))
    if chosen and st.button(t("data.rollback"), type="secondary"):
        try:
            with st.spinner(t("data.committing")):
                rounds.rollback(chosen)
        except rounds.BUSY as busy:
            st.warning(t("data.busy", detail=str(busy)))
        else:
            announce_after_rerun(t("data.rolled_back", batch=chosen))
