"""Data: download the dataset with its codebook; coordinators import Index rounds and roll them back."""

import streamlit as st

from icc import access, export, imports, importer
from icc.app import clear_caches, setup
from icc.ui import table
from icc.i18n import t

session = setup("data")
st.title(t("data.title"))

st.header(t("data.download_heading"))
counts = session.query("source_counts").iloc[0]
st.markdown(t("data.download_text", scores=int(counts["index_figures"]), cities=int(counts["cities"])))
# Writing every format takes seconds on a large network: only when asked.
if not st.session_state.get(f"exports_{session.dataset}") and not st.button(t("data.prepare_downloads"),
                                                                          icon=":material/download:"):
    files = None
else:
    st.session_state[f"exports_{session.dataset}"] = True
    with st.spinner(t("data.preparing")):
        files = session.cached(export.dataset_files)
columns = st.columns(3)
if files:
    columns[0].download_button(t("data.download_csv"), files["csv"], "icc-data-csv.zip", "application/zip",
                               on_click="ignore", icon=":material/download:")
    columns[1].download_button(t("data.download_xlsx"), files["xlsx"], "icc-data.xlsx",
                               export.XLSX_MIME,
                               on_click="ignore", icon=":material/download:")
    columns[2].download_button(t("data.download_parquet"), files["parquet"], "icc-data-parquet.zip",
                               "application/zip", on_click="ignore", icon=":material/download:")

st.header(t("data.import_heading"))
st.markdown(t("data.import_text"))
templates = st.columns(2)
templates[0].download_button(t("data.template_long"), export.long_template(), "icc-round-long.csv", "text/csv",
                             on_click="ignore", icon=":material/description:")
templates[1].download_button(t("data.template_wide"), session.cached(export.wide_template_for),
                             "icc-round-wide.xlsx",
                             export.XLSX_MIME,
                             on_click="ignore", icon=":material/table:")

if session.is_demo:
    st.info(t("data.demo_no_import"), icon=":material/science:")
    st.stop()
stored_hash = access.configured_hash(st.secrets)
if not stored_hash:
    st.info(t("data.no_password"), icon=":material/lock:")
    st.stop()
if not st.session_state.get("coordinator"):
    with st.form("login"):
        password = st.text_input(t("data.password"), type="password")
        if st.form_submit_button(t("data.login")):
            failures = st.session_state.get("login_failures", 0)
            if access.check(password, stored_hash, failures):
                st.session_state["coordinator"] = True
                st.session_state["login_failures"] = 0
                st.rerun()
            st.session_state["login_failures"] = failures + 1
            st.error(t("data.wrong_password"))
    st.stop()

upload = st.file_uploader(t("data.upload"), type=["csv", "xlsx"], key="round_file")
if upload is not None:
    with st.spinner(t("data.checking")):
        reference = importer.reference_from(session.con)
        parsed = importer.parse_import(upload.getvalue(), upload.name, reference)
    if not parsed.valid:
        st.error(t("data.problems", count=len(parsed.problems), file=upload.name), icon=":material/error:")
        table(parsed.report(), "import-problems", {
            "row": t("col.row"), "column": t("col.column"), "value": t("col.value"), "problem": t("col.problem"),
            "suggestion": t("col.suggestion")})
    else:
        changes = importer.preview(parsed, importer.existing_scores(session.con, parsed))
        counts = changes["change"].value_counts()
        st.success(t("data.valid", assessments=len(parsed.assessments), scores=len(parsed.scores),
                     new=int(counts.get("new assessment", 0)), changed=int(counts.get("changed", 0)),
                     unchanged=int(counts.get("unchanged", 0))), icon=":material/check_circle:")
        table(changes, "import-preview")
        if st.button(t("data.commit"), type="primary"):
            with st.spinner(t("data.committing")):
                batch_id = importer.commit(parsed, st.session_state.get("coordinator_name", "coordinator"))
            clear_caches()
            st.success(t("data.committed", batch=batch_id))

st.subheader(t("data.batches"))
listing = imports.batches()
if listing.empty:
    st.caption(t("data.no_batches"))
else:
    table(listing, "import-batches")
    chosen = st.selectbox(t("data.rollback_pick"), listing["batch_id"].tolist(), index=None)
    if chosen and st.button(t("data.rollback"), type="secondary"):
        with st.spinner(t("data.committing")):
            importer.rollback(chosen)
        clear_caches()
        st.success(t("data.rolled_back", batch=chosen))
