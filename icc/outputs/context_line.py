"""The line printed under a chart image, a factsheet or a report: the app, the dataset (and that it is
fictional, for the demo), when its database was built, the data years and the Index versions shown."""

from __future__ import annotations

import pandas as pd

from icc.i18n import current_dataset, t
from icc.store.sessions import DataSession


def fictional_mark() -> str:
    """'FICTIONAL demo data' for a file made from the demo, before its footer; '' otherwise."""
    return t("pack.fictional_mark") if current_dataset() == "demo" else ""


def context_line(session: DataSession, years=(), versions=()) -> str:
    built = session.query("build_info")["built_at"].iloc[0]
    # The demo's line says when it was generated too: two images of two generations can be told apart.
    parts = [t("app.title"), t("export.context.demo" if session.is_demo else "export.context.published",
                               built=f"{built:%Y-%m-%d}")]
    known = sorted({int(year) for year in years if not pd.isna(year)})
    if known:
        span = str(known[0]) if known[0] == known[-1] else f"{known[0]}–{known[-1]}"
        parts.append(t("export.context.years", years=span))
    shown_versions = sorted(set(versions))
    if shown_versions:
        parts.append(t("export.context.versions",
                       versions=", ".join(t(f"version.short.{version}") for version in shown_versions)))
    return " · ".join(parts)
