"""Every user-facing string in the pages goes through t(): a literal text handed to a Streamlit element
fails this test (so the French interface cannot silently miss one)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), ROOT / "icc" / "web" / "frame.py",
         ROOT / "icc" / "web" / "components.py"]
TEXT_ARGUMENTS = {"label", "help", "placeholder", "body", "caption"}
NOT_TEXT_CALLS = {"form", "page_link", "switch_page", "cache_data", "cache_resource"}  # first argument: key or path


def literal_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """String literals with letters passed to st.<element>(...) as a first argument or a text keyword."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        if not (isinstance(owner, ast.Name) and owner.id in ("st", "column", "columns", "top", "downloads",
                                                             "templates", "navigation")):
            continue
        first = [] if node.func.attr in NOT_TEXT_CALLS else node.args[:1]
        candidates = first + [kw.value for kw in node.keywords if kw.arg in TEXT_ARGUMENTS]
        for value in candidates:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                text = value.value.strip()
                if any(ch.isalpha() for ch in text) and not text.startswith(("<style", ":material/")):
                    found.append((node.lineno, text))
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_literal_text_reaches_the_interface(path):
    assert literal_texts(ast.parse(path.read_text())) == []


def test_the_check_catches_a_raw_string():
    tree = ast.parse('import streamlit as st\nst.title("Hello")\nst.button(label="Go")\nst.title(t("x"))')
    assert literal_texts(tree) == [(2, "Hello"), (3, "Go")]


def empty_choices_without_placeholder(tree: ast.AST) -> list[int]:
    """Lines of a multiselect, or a selectbox that starts empty (index=None), without a placeholder of ours:
    Streamlit writes "Choose options" there in English, whatever the interface's language."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("multiselect", "selectbox"):
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            starts_empty = node.func.attr == "multiselect" or (
                isinstance(keywords.get("index"), ast.Constant) and keywords["index"].value is None)
            if starts_empty and "placeholder" not in keywords:
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_every_empty_choice_says_what_to_choose_in_the_interface_language(path):
    assert empty_choices_without_placeholder(ast.parse(path.read_text(encoding="utf-8"))) == []
