"""Data page: downloads for everyone, imports only for a signed-in coordinator."""

import pytest
from helpers import run_page, texts

from icc.web import access


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, access.hash_password("a-long-password", iterations=10_000))
    monkeypatch.setattr(access, "THROTTLE", access.Throttle())
    return "a-long-password"


def sign_in(app, name, password):
    app.text_input[0].input(name)
    app.text_input[1].input(password)
    next(button for button in app.button if button.label == "Sign in").click().run()
    return app


def test_without_a_configured_password_import_is_closed(monkeypatch):
    monkeypatch.delenv(access.ENV_VAR, raising=False)
    app = run_page("pages/data.py")
    assert not app.exception
    assert "none is set up on this server" in texts(app)
    def dataset_files(app):
        return [button for button in app.get("download_button") if not button.key or
                not button.key.startswith(("png_", "svg_", "csv_", "xlsx_", "codebook_"))]

    assert len(dataset_files(app)) == 2  # the two templates; the dataset files on request
    app.button[0].click().run()
    assert len(dataset_files(app)) == 5  # CSV, XLSX, Parquet and the two templates
    assert not app.text_input


def test_wrong_password_is_refused_and_counted_beyond_the_session(password):
    app = sign_in(run_page("pages/data.py"), "Ana", "guess")
    assert "Wrong password" in texts(app)
    assert not app.get("file_uploader")
    # A reload is a new session: the failure still counts for this client.
    assert len(access.THROTTLE.everyone) == 1
    sign_in(run_page("pages/data.py"), "Ana", "guess again")
    assert len(access.THROTTLE.everyone) == 2, access.THROTTLE.by_client.keys()
    assert max(map(len, access.THROTTLE.by_client.values())) == 2, access.THROTTLE.by_client.keys()


def test_right_password_and_a_name_open_the_import(password):
    app = sign_in(run_page("pages/data.py"), "", password)
    assert "Enter your name" in texts(app) and not app.get("file_uploader")
    app = sign_in(run_page("pages/data.py"), "Ana Coordinator", password)
    assert not app.exception
    assert app.get("file_uploader")
    assert app.session_state["coordinator"] == "Ana Coordinator"
    assert "Imported batches" in texts(app)


def test_a_malformed_password_hash_closes_sign_in_with_a_message(monkeypatch):
    monkeypatch.setenv(access.ENV_VAR, "pbkdf2_sha256$abc$zz$00")
    app = run_page("pages/data.py")
    assert not app.exception
    assert "not set up correctly" in texts(app) and not app.text_input


def test_demo_dataset_never_imports(password):
    app = run_page("pages/data.py", dataset="demo")
    assert "switch the dataset to Published" in texts(app)
    assert not app.text_input


def test_the_data_page_shows_the_coverage_of_the_network_as_a_map_and_a_table():
    app = run_page("pages/data.py", dataset="demo")
    assert not app.exception
    assert "cities have Index results" in texts(app)
    coverage = next(frame.value for frame in app.dataframe if "age_years" in frame.value.columns)
    never = coverage["newest"] == "never"
    assert len(coverage) == 150 and never.any() and (coverage.loc[never, "age_years"] == "—").all()
    figures = [element for element in app.get("plotly_chart") if "newest Index assessment" in element.proto.spec]
    assert figures
