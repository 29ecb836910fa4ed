"""The data preparation script reads its sources strictly: a row cut or shifted by an unquoted comma stops it."""

import importlib.util

import pytest

from icc.paths import ROOT


def prepare_module():
    spec = importlib.util.spec_from_file_location("prepare_data", ROOT / "scripts" / "prepare_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_ragged_row_names_the_file_and_line(tmp_path):
    prepare = prepare_module()
    source = tmp_path / "cities.csv"
    source.write_text("city,country,membership\nOslo,Norway,member\nTurnhout,Belgium,associated, list of cities\n"
                      "Bergen,Norway,member\n", encoding="utf-8")
    with pytest.raises(prepare.RaggedRow, match=r"cities.csv, line 3: 4 cells where the header has 3"):
        prepare.read_csv(source)
    source.write_text('city,country,membership\nTurnhout,Belgium,"associated, list"\n', encoding="utf-8")
    assert prepare.read_csv(source) == [{"city": "Turnhout", "country": "Belgium", "membership": "associated, list"}]
