"""Every page's URL state survives the trip through a real query string: random states (built from each
field's type, then made valid the way a page does) come back equal after encode -> URL -> decode."""

import dataclasses
import inspect
from typing import get_args, get_origin, get_type_hints
from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given, settings, strategies as st

from icc.analysis.peers import STRATEGIES
from icc.views import url_state

# Values the pages accept for their enumerated fields, so random states also hit the non-default choices.
VOCABULARY = ["overlay", "multiples", "h2h", "score", "name", "clustered", "all", "yes", "no", "membership",
              "joined", "member", "both", "associated", "unknown", "aggregate", "education", "2009", "2019", "NO",
              "IT", "oslo", "it-rcd", *STRATEGIES]
slugs = st.from_regex(r"[a-z0-9]{1,8}([-_][a-z0-9]{1,5})?", fullmatch=True)
words = st.one_of(slugs, st.sampled_from(VOCABULARY), st.from_regex(r"[A-Z]{2}", fullmatch=True))
# Free text as people type it into a search box: accents, punctuation, URL metacharacters, spaces.
free_text = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=120)

STATE_CLASSES = [cls for _, cls in inspect.getmembers(url_state, inspect.isclass)
                 if dataclasses.is_dataclass(cls) and cls.__module__ == url_state.__name__]


def strategy_for(kind):
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(-999_999_999, 999_999_999)
    if kind is str:
        return st.one_of(words, free_text)
    if get_origin(kind) is tuple and get_args(kind)[0] is int:
        return st.lists(st.integers(1900, 2100), max_size=3).map(tuple)
    if get_origin(kind) is tuple:
        return st.lists(words, max_size=9).map(tuple)
    raise AssertionError(f"no strategy for {kind}: add one so the new field is covered")


def valid_states(state_class):
    hints = get_type_hints(state_class)
    fields = {field.name: strategy_for(hints[field.name]) for field in dataclasses.fields(state_class)}
    return st.builds(state_class, **fields).map(lambda state: state.validated())


def through_a_url(state):
    query = urlencode(url_state.encode(state))
    return url_state.decode(type(state), dict(parse_qsl(query, keep_blank_values=True)))


def test_every_page_state_is_covered():
    assert {cls.__name__ for cls in STATE_CLASSES} >= {"MapState", "CityState", "CompareState", "TrendsState",
                                                        "AreasState", "PracticesState", "VisitState"}


@pytest.mark.parametrize("state_class", STATE_CLASSES, ids=lambda cls: cls.__name__)
def test_random_valid_states_round_trip_through_the_url(state_class):
    @settings(max_examples=120, deadline=None)
    @given(valid_states(state_class))
    def round_trip(state):
        assert through_a_url(state) == state

    round_trip()


@pytest.mark.parametrize("state_class", STATE_CLASSES, ids=lambda cls: cls.__name__)
def test_defaults_leave_the_url_empty_and_come_back(state_class):
    assert url_state.encode(state_class()) == {}
    assert url_state.decode(state_class, {}) == state_class().validated()


@pytest.mark.parametrize("state_class", STATE_CLASSES, ids=lambda cls: cls.__name__)
def test_validating_twice_changes_nothing(state_class):
    @settings(max_examples=40, deadline=None)
    @given(valid_states(state_class))
    def idempotent(state):
        assert state.validated() == state

    idempotent()
