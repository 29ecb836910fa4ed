from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_page(script: str, timeout: float = 60, **query_params: str) -> AppTest:
    """Run one page the way the server does: with dashboard.py as the entry point (links between
    pages resolve against it)."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in query_params.items():
        app.query_params[key] = value
    if script != "dashboard.py":
        app.switch_page(script)
    return app.run()


def texts(app: AppTest) -> str:
    """All visible text of a run, for asserting on what the user reads."""
    parts = [element.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                        "error", "success") for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    return "\n".join(str(part) for part in parts)
