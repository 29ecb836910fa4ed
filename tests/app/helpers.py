from pathlib import Path

from streamlit.testing.v1 import AppTest

from icc.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]


def run_page(script: str, timeout: float = 60, opened: bool = True, **query_params: str) -> AppTest:
    """Run one page the way the server does: with dashboard.py as the entry point (links between
    pages resolve against it); then, unless `opened` is false (what the first run alone says), with every
    popover and 'data behind' expander open."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in query_params.items():
        app.query_params[key] = value
    if script not in ("dashboard.py", "pages/overview.py"):  # the overview is the frame's default page
        app.switch_page(script)
    app.run()
    return open_drawn_on_opening(app) if opened else app


def open_drawn_on_opening(app: AppTest) -> AppTest:
    """Open every popover (Cite, the view link) and every 'data behind' expander the way a click does, and run
    again until none is left closed (an open expander shows its table's Cite): their contents are drawn only
    when open. Every page a test runs is seen with them open."""
    opened: set[str] = set()
    for _ in range(3):
        ids = [block.proto.popover.id for block in app.get("popover")] + [expander.proto.id for expander in app.expander]
        keys = {parts[2] for parts in (found.split("-", 2) for found in ids) if len(parts) == 3 and parts[2] != "None"}
        if not keys - opened:
            break
        for key in keys - opened:
            app.session_state[key] = True
        opened |= keys
        # AppTest formats the sidebar's choices again in this thread, with the page's catalogue: in its language.
        set_language(str(app.query_params.get("lang", "en")))
        try:
            app.run()
        finally:
            set_language("en")
    return app


def tables_shown(app: AppTest) -> int:
    """Tables on the page: grids and short HTML tables (components.short_table)."""
    return len(app.dataframe) + sum('class="icc-table"' in element.proto.body for element in app.get("html"))


def texts(app: AppTest) -> str:
    """All visible text of a run, for asserting on what the user reads."""
    parts = [element.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                        "error", "success") for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    return "\n".join(str(part) for part in parts)


def deck_layers(app: AppTest, index: int = 0) -> dict:
    """The layers of a pydeck chart as sent to the browser, by layer id."""
    import json

    deck = json.loads(app.get("deck_gl_json_chart")[index].proto.json)
    return {layer["id"]: layer for layer in deck["layers"]}


def decode_arrays(value):
    """plotly sends numeric arrays as {'dtype', 'bdata'} (base64): turn them back into lists."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    if isinstance(value, dict):
        return {key: decode_arrays(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_arrays(item) for item in value]
    return value


def plotly_figures(app: AppTest) -> list:
    """The plotly figures of a run as plotly Figure objects with plain arrays."""
    import json

    import plotly.graph_objects as go

    return [go.Figure(decode_arrays(json.loads(element.proto.spec))) for element in app.get("plotly_chart")]
