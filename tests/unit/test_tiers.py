"""The tiers are where their folders say: nothing in tests/unit starts a process or a browser."""

from icc.paths import ROOT


def test_no_integration_or_browser_test_lives_in_the_fast_tier():
    marks = ("pytest.mark." + "integration", "pytest.mark." + "e2e")  # spelt apart so this file is not one
    marked = [path.name for path in (ROOT / "tests" / "unit").glob("test_*.py")
              if any(mark in path.read_text(encoding="utf-8") for mark in marks)]
    assert marked == []
