"""A ready citation for a chart or a table: what it shows, its source, the dataset and build date, and the
permalink of the view it came from."""

from __future__ import annotations

import datetime as dt
import re

from icc.i18n import t


def plain(text: str) -> str:
    """Chart text without plotly's line breaks and tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()


def citation(title: str, source: str, context: str, link: str, accessed: dt.date | None = None) -> str:
    parts = [plain(title).rstrip(".") + "."]
    if source:
        parts.append(plain(source).rstrip(".") + ".")
    parts.append(plain(context).rstrip(".") + ".")
    parts.append(t("cite.at", link=link, date=(accessed or dt.date.today()).isoformat()))
    return " ".join(parts)
