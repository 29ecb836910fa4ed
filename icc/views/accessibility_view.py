"""What the Accessibility page states: the standard aimed at, how each part is tested, what is known not to work
yet and why, and how to get the data in another form (data twin: `AccessibilityData.frames()`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.i18n import t
from icc.store.sessions import DataSession

# How each requirement is checked (catalogue keys accessibility.check.<key>.what / .how).
CHECKS = ("contrast", "names", "language", "keyboard", "colour", "headings", "phone")
# What does not work yet (catalogue keys accessibility.limit.<key>).
LIMITS = ("streamlit_widgets", "presentation_phone", "swipe", "charts_data", "pdf")


@dataclass
class AccessibilityData:
    checks: pd.DataFrame  # what, how it is tested
    limits: pd.DataFrame  # what does not work yet, and why

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"accessibility_checks": self.checks, "known_limits": self.limits}


def accessibility_data(session: DataSession) -> AccessibilityData:
    checks = pd.DataFrame({"what": [t(f"accessibility.check.{key}.what") for key in CHECKS],
                           "how": [t(f"accessibility.check.{key}.how") for key in CHECKS]})
    limits = pd.DataFrame({"limit": [t(f"accessibility.limit.{key}") for key in LIMITS]})
    return AccessibilityData(checks, limits)
