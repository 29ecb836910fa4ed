"""The one CSV reader and problem type behind the source files and the imports."""

import pytest

from icc.store import csv_files
from icc.store.csv_files import Problem


def test_a_problem_names_the_file_line_column_value_and_what_to_do():
    problem = Problem("cities.csv", 4, "population", "-3", "expected a whole number", "check the census figure")
    assert str(problem) == ("cities.csv, line 4, column 'population': found '-3'; expected a whole number "
                            "(check the census figure)")
    assert str(Problem(None, None, None, None, "the file is empty")) == "; the file is empty"


def test_rows_carry_the_line_where_each_row_ends_and_unreadable_text_says_where():
    content = 'a,b\n1,"two\nlines"\n\n3,4\n'
    assert list(csv_files.rows(content)) == [(1, ["a", "b"]), (3, ["1", "two\nlines"]), (4, []), (5, ["3", "4"])]
    with pytest.raises(csv_files.Unreadable) as caught:
        list(csv_files.rows("a\n" + '"' + "x" * 200_000 + '"\n'))
    assert caught.value.line == 2


def test_repeats_name_the_first_line_with_the_same_key():
    keyed = [(2, ("oslo", "education")), (3, ("oslo", "media")), (5, ("oslo", "education")), (7, ("oslo", "education"))]
    assert list(csv_files.repeats(keyed)) == [(5, 2, ("oslo", "education")), (7, 2, ("oslo", "education"))]


def test_text_that_is_not_utf8_is_reported_with_its_line():
    content, problems = csv_files.decode(b"a,b\n1,\xe9\n", "round.csv")
    assert content is None and problems[0].line == 2 and "UTF-8" in problems[0].message
    assert csv_files.decode(csv_files.BOM + "é".encode(), "x.csv") == ("é", [])
