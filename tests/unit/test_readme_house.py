"""The README's "Where things live" is true: every path it names exists, and every module of icc/ is named."""

import re

from icc.paths import ROOT


def house_rows() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = line.split(" | ")
        if line.startswith("| `") and len(cells) >= 2:
            rows[cells[0].removeprefix("| ")] = line
    return rows


def test_every_path_the_readme_names_exists():
    named = [path for first in house_rows() for path in re.findall(r"`([^`]+)`", first)]
    missing = [path for path in named if not (ROOT / path.rstrip("/")).exists()
               and path.rstrip("/") not in ("run",)]  # written by `make serve`
    assert named and missing == []


def test_every_module_of_icc_is_named_in_its_row():
    rows = house_rows()
    unnamed = []
    for module in sorted((ROOT / "icc").rglob("*.py")):
        relative = module.relative_to(ROOT)
        if module.name == "__init__.py":
            continue
        row = next((line for first, line in rows.items() if f"`{relative.parent.as_posix()}/`" in first), None)
        if len(relative.parts) == 2:  # icc/x.py has a row of its own
            row = next((line for first, line in rows.items() if f"`{relative.as_posix()}`" in first), None)
            named = row is not None
        else:
            named = row is not None and (module.name in row or f"`{module.stem}`" in row)
        if not named:
            unnamed.append(str(relative))
    assert unnamed == []
