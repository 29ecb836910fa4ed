"""The packages of icc/ form layers: each may import only the layers below it, so a newcomer knows where a
line belongs and no change in the shell can ripple down into the data path."""

import ast
from pathlib import Path

import pytest

from icc.paths import ROOT

# Lowest first. 'views' may use analysis, charts and the store; 'web' (Streamlit) sits on top of everything.
LAYERS = ["settings", "paths", "site", "i18n", "analysis", "charts", "store", "imports", "views", "outputs", "web", "serving", "__main__"]


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def icc_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "icc":
            found |= {f"icc.{alias.name}" for alias in node.names} if node.module == "icc" else {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "icc"}
    return found


MODULES = sorted((ROOT / "icc").rglob("*.py"))


def test_every_package_is_a_known_layer():
    packages = {path.relative_to(ROOT / "icc").parts[0].removesuffix(".py") for path in MODULES} - {"__init__"}
    assert packages == set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_point_down_the_layers(path):
    parts = path.relative_to(ROOT / "icc").parts
    own = parts[0].removesuffix(".py") if parts[0] != "__init__.py" else "paths"
    upward = sorted(module for module in icc_imports(path)
                    if LAYERS.index(layer_of(module)) > LAYERS.index(own))
    assert not upward, f"{path.relative_to(ROOT)} ({own}) imports from a higher layer: {upward}"


def test_no_import_hides_inside_a_function():
    """Imports stand at the top of a module, where a reader sees what it depends on (the CLI alone imports
    per command, so `python -m icc build` does not load Streamlit or Chromium)."""
    hidden = []
    for path in MODULES:
        if path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hidden += [f"{path.relative_to(ROOT)}:{inner.lineno}" for inner in ast.walk(node)
                           if isinstance(inner, (ast.Import, ast.ImportFrom))]
    assert not hidden


def test_the_web_session_and_the_plain_session_offer_the_same_interface(tiny_db):
    from icc.store import db
    from icc.store.sessions import DataSession, PlainSession
    from icc.web.shell import Session

    with db.connect(tiny_db) as con:
        for session in (PlainSession(con, "fr", "demo"), Session("demo", "fr", con)):
            assert isinstance(session, DataSession) and session.is_demo and session.language == "fr"
        plain = PlainSession(con)
        assert plain.cached(lambda s, n: len(s.query("cities")) + n, 1) == len(plain.query("cities")) + 1


def test_every_import_of_icc_resolves_including_the_clis_per_command_ones():
    import importlib

    missing = []
    scripts = [*MODULES, ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "bench").glob("*.py")]
    for path in scripts:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "icc":
                module = importlib.import_module(node.module)
                missing += [f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}"
                            for alias in node.names if not hasattr(module, alias.name)
                            and importlib.util.find_spec(f"{node.module}.{alias.name}") is None]
    assert not missing


# Pages only draw: they read their view data and use the Streamlit shell, the charts and the catalogue.
PAGE_MAY_IMPORT = ("icc.views", "icc.charts", "icc.web", "icc.i18n")


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda path: path.name)
def test_pages_import_only_views_charts_the_shell_and_the_catalogue(path):
    reaching = sorted(module for module in icc_imports(path)
                      if not module.startswith(PAGE_MAY_IMPORT))
    assert not reaching, f"{path.name} reaches past its view data: {reaching}"
