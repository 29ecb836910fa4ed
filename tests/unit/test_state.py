"""URL state: decode(encode(state)) == state, defaults stay out of the URL, bad input falls back."""

from hypothesis import given, strategies as st

from icc import site
from icc.views import url_state
from icc.views.map_view import map_query_params
from icc.views.url_state import MapState

slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5})?", fullmatch=True)
map_states = st.builds(
    MapState,
    countries=st.lists(st.from_regex(r"[A-Z]{2}", fullmatch=True), max_size=4, unique=True).map(tuple),
    networks=st.lists(slugs, max_size=3, unique=True).map(tuple),
    statuses=st.lists(st.sampled_from(["member", "both", "associated", "unknown"]), unique=True).map(tuple),
    joined=st.one_of(st.just(()), st.tuples(st.integers(2000, 2010), st.integers(2010, 2025))),
    has_index=st.sampled_from(["all", "yes", "no"]),
    colour=st.sampled_from(["membership", "score", "joined"]),
    city=st.one_of(st.just(""), slugs),
)


@given(map_states)
def test_map_state_round_trips(state):
    assert url_state.decode(MapState, url_state.encode(state)) == state


def test_defaults_make_an_empty_query_string():
    assert url_state.encode(MapState()) == {}


def test_encoding_uses_the_short_public_names():
    params = url_state.encode(MapState(networks=("it-rcd",), statuses=("member", "both"), joined=(2010, 2015)))
    assert params == {"network": "it-rcd", "status": "member,both", "joined": "2010,2015", "v": "1"}


def test_malformed_values_fall_back_to_defaults():
    state = url_state.decode(MapState, {"status": "member,<script>", "joined": "2020,2010", "index": "maybe",
                                        "colour": "red", "country": "no,IT", "city": "../etc"})
    assert state == MapState(statuses=("member",), countries=("IT",))


def test_older_versions_are_migrated(monkeypatch):
    monkeypatch.setattr(url_state, "VERSION", 2)
    monkeypatch.setitem(url_state.MIGRATIONS, 1, lambda p: {("country" if k == "countries" else k): v
                                                            for k, v in p.items()})
    assert url_state.decode(MapState, {"v": "1", "countries": "IT"}).countries == ("IT",)


def test_map_query_keeps_unknown_years_only_for_the_full_range():
    assert map_query_params(MapState(), (2008, 2021))["keep_unknown_year"] is True
    assert map_query_params(MapState(joined=(2008, 2021)), (2008, 2021))["keep_unknown_year"] is True
    narrowed = map_query_params(MapState(joined=(2010, 2015)), (2008, 2021))
    assert narrowed["keep_unknown_year"] is False and (narrowed["joined_from"], narrowed["joined_to"]) == (2010, 2015)


def test_links_are_built_from_the_target_pages_state_with_the_shared_state():
    french_demo = url_state.SharedState(language="fr", dataset="demo")
    assert url_state.url_for("city", french_demo, url_state.CityState(city="oslo")) == \
        "/city?lang=fr&dataset=demo&v=1&city=oslo"
    assert url_state.url_for("overview", url_state.SharedState()) == "/"
    # Raw parameters go through the page's validation: a malformed value is dropped, not linked.
    assert url_state.address("map", {"status": "member,<script>"}, url_state.SharedState()) == \
        "/map?status=member&v=1"


def test_an_unknown_language_or_dataset_in_a_link_falls_back_to_the_defaults():
    shared = url_state.decode(url_state.SharedState, {"lang": "xx", "dataset": "../../etc"})
    assert shared == url_state.SharedState() and url_state.encode(shared) == {}
    assert site.page("practices").path == "/practices" and site.page("overview").path == "/"
