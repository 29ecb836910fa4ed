"""One source for each setting (icc/settings.py): the README's table is made from it, no other module reads the
environment, and the Makefile's port is the setting's default."""

import ast
import re

from icc import settings
from icc.paths import ROOT


def test_the_readme_settings_table_is_the_one_the_settings_make():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- settings: .*? -->\n(.*?)\n<!-- /settings -->", readme, re.S)
    assert section, "the README has no settings section"
    assert section.group(1).strip() == settings.readme_section().strip()


def environment_reads(path) -> list[int]:
    """Lines that read a variable of the environment (os.environ.get, os.getenv, os.environ[...])."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = ast.unparse(node.func)
            if target in ("os.environ.get", "os.getenv"):
                found.append(node.lineno)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ" \
                and isinstance(node.ctx, ast.Load):
            found.append(node.lineno)
    return found


def test_only_the_settings_read_the_environment():
    readers = {str(path.relative_to(ROOT)): environment_reads(path) for path in (ROOT / "icc").rglob("*.py")
               if path.name != "settings.py"}
    # The command line records who imports ($USER), which is no setting of the app.
    assert [path for path, lines in readers.items() if lines] == ["icc/__main__.py"]
    assert len(readers["icc/__main__.py"]) == 1


def test_the_makefile_port_is_the_settings_default():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PORT \?= (\d+)$", makefile, re.M).group(1) == str(settings.BY_NAME["port"].default)


def test_a_setting_reads_its_variable_with_the_defaults_type(monkeypatch):
    monkeypatch.setenv("ICC_LOCK_WAIT_SECONDS", "0.5")
    monkeypatch.setenv("ICC_BEHIND_PROXY", "1")
    monkeypatch.delenv("ICC_SOCKETS_PER_CLIENT", raising=False)
    assert settings.value("lock_wait_seconds") == 0.5 and settings.value("behind_proxy") is True
    assert settings.value("sockets_per_client") == 100
