from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def run_page(script: str, timeout: float = 60, **query_params: str) -> AppTest:
    """Run one page the way the server does: with dashboard.py as the entry point (links between
    pages resolve against it)."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    for key, value in query_params.items():
        app.query_params[key] = value
    if script not in ("dashboard.py", "pages/overview.py"):  # the overview is the frame's default page
        app.switch_page(script)
    return app.run()


def open_popovers(app: AppTest) -> AppTest:
    """Open every popover of the run (Cite, the view link) the way a click does, and run again: their contents
    are drawn only when open."""
    for popover in app.get("popover"):
        app.session_state[popover.proto.popover.id.split("-", 2)[2]] = True  # '$$ID-<hash>-<key>'
    return app.run()


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
