"""Data page: downloads for everyone, imports only for a signed-in coordinator."""

import pytest
from helpers import run_page, texts

from icc import access


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, access.hash_password("a-long-password", iterations=1000))
    return "a-long-password"


def test_without_a_configured_password_import_is_closed(monkeypatch):
    monkeypatch.delenv(access.ENV_VAR, raising=False)
    app = run_page("pages/data.py")
    assert not app.exception
    assert "none is set up on this server" in texts(app)
    assert len(app.get("download_button")) == 2  # the two templates; the dataset files on request
    app.button[0].click().run()
    assert len(app.get("download_button")) == 5  # CSV, XLSX, Parquet and the two templates
    assert not app.text_input


def test_wrong_password_is_refused(password):
    app = run_page("pages/data.py")
    app.text_input[0].input("guess")
    app.button[1].click().run()
    assert "Wrong password" in texts(app)
    assert not app.get("file_uploader")


def test_right_password_opens_the_import(password):
    app = run_page("pages/data.py")
    app.text_input[0].input(password)
    app.button[1].click().run()
    assert not app.exception
    assert app.get("file_uploader")
    assert "Imported batches" in texts(app)


def test_demo_dataset_never_imports(password):
    app = run_page("pages/data.py", dataset="demo")
    assert "switch the dataset to Published" in texts(app)
    assert not app.text_input
