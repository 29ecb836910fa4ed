"""The URL is the state: each page's view <-> its query string.

Every page describes its state as a dataclass; `decode` reads it from query parameters (ignoring
anything malformed, so an old or hand-edited link still opens), `encode` writes only what differs
from the defaults. `v` carries the format version; `MIGRATIONS` upgrades older links (one small function
per format change, as Our World in Data does). `SharedState` (language, dataset) is part of every link.
Every link between pages is built here, by `url_for` / `link_params`, from the target page's state.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any, get_args, get_origin, get_type_hints
from urllib.parse import urlencode

from icc import site
from icc.analysis.peers import DEFAULT_STRATEGY, STRATEGIES
from icc.i18n import DEFAULT_LANGUAGE, LANGUAGES

VERSION = 1
SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def city_text(value: str) -> str:
    """A city as a link may name it: an id, or a name in any case (the page resolves it and says when it is
    unknown, so it is kept here rather than dropped); bounded and printable."""
    text = "".join(ch for ch in (value or "") if ch.isprintable()).strip()
    return text[:100]

MAX_CITIES = 8  # on one radar, one trend chart or in one peer list: more cannot be told apart


def cities_left_out(params: Mapping[str, str]) -> list[str]:
    """The cities a link names beyond the first MAX_CITIES (the page keeps those and says which it left)."""
    named = dict.fromkeys(city_text(item) for item in str(params.get("cities", "")).split(",") if city_text(item))
    return list(named)[MAX_CITIES:]


# version -> function upgrading a params dict of that version to the next one.
MIGRATIONS: dict[int, Callable[[dict[str, str]], dict[str, str]]] = {}


def migrate(params: Mapping[str, str]) -> dict[str, str]:
    upgraded = dict(params)
    try:
        version = int(upgraded.get("v", VERSION))
    except ValueError:
        version = VERSION
    while version < VERSION and version in MIGRATIONS:
        upgraded = MIGRATIONS[version](upgraded)
        version += 1
    upgraded.pop("v", None)
    return upgraded


def _decode_value(kind: Any, text: str, default: Any) -> Any:
    origin = get_origin(kind)
    if kind is bool:
        return {"1": True, "0": False, "true": True, "false": False}.get(text, default)
    if kind is int:
        return int(text) if re.fullmatch(r"-?\d{1,9}", text) else default
    if kind is str:
        return text if len(text) <= 200 else default
    if origin is tuple:
        item_kind = get_args(kind)[0]
        items = [item for item in text.split(",") if item]
        if item_kind is int:
            return tuple(int(item) for item in items if re.fullmatch(r"-?\d{1,9}", item)) or default
        return tuple(items)
    if origin is not None and type(None) in get_args(kind):  # Optional[...]
        inner = next(arg for arg in get_args(kind) if arg is not type(None))
        return _decode_value(inner, text, default) if text else default
    return default


def _encode_value(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(str(item) for item in value)
    return str(value)


def decode(state_class: type, params: Mapping[str, str]):
    """Build `state_class` from query parameters; unknown or malformed values fall back to defaults."""
    params = migrate(params)
    hints = get_type_hints(state_class)
    defaults = state_class()
    values = {}
    for field in dataclasses.fields(state_class):
        name = field.metadata.get("param", field.name)
        default = getattr(defaults, field.name)
        if name in params:
            values[field.name] = _decode_value(hints[field.name], params[name], default)
    state = state_class(**values)
    return state.validated() if hasattr(state, "validated") else state


def encode(state) -> dict[str, str]:
    """Query parameters for `state`: only the fields that differ from the defaults, plus `v`."""
    defaults = type(state)()
    params = {}
    for field in dataclasses.fields(state):
        value = getattr(state, field.name)
        if value != getattr(defaults, field.name):
            params[field.metadata.get("param", field.name)] = _encode_value(value)
    if params:
        params["v"] = str(VERSION)
    return params


def param(name: str, default: Any = None, factory: Callable | None = None):
    """A state field stored under query parameter `name`."""
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata={"param": name})
    return dataclasses.field(default=default, metadata={"param": name})


DATASET_NAMES = ("published", "demo")


@dataclasses.dataclass(frozen=True)
class SharedState:
    """What every link keeps, whatever the page: the interface language and the dataset shown."""
    language: str = param("lang", DEFAULT_LANGUAGE)
    dataset: str = param("dataset", "published")

    def validated(self) -> SharedState:
        return dataclasses.replace(self, language=self.language if self.language in LANGUAGES else DEFAULT_LANGUAGE,
                                   dataset=self.dataset if self.dataset in DATASET_NAMES else "published")


def link_params(shared: SharedState, state=None) -> dict[str, str]:
    """The query parameters of a link: the shared state and the page's state, each only where it differs
    from the defaults, with the format version."""
    return {**encode(shared), **(encode(state) if state is not None else {})}


def url_for(page_key: str, shared: SharedState, state=None) -> str:
    """The address of a page in a given state (for markdown, tables, the gallery), under the server's prefix."""
    return site.page_url(page_key, urlencode(link_params(shared, state)))


@dataclasses.dataclass(frozen=True)
class MapState:
    countries: tuple[str, ...] = param("country", ())
    networks: tuple[str, ...] = param("network", ())
    statuses: tuple[str, ...] = param("status", ())
    joined: tuple[int, ...] = param("joined", ())
    has_index: str = param("index", "all")
    colour: str = param("colour", "membership")
    city: str = param("city", "")

    def validated(self) -> MapState:
        statuses = tuple(s for s in self.statuses if s in ("member", "associated", "both", "unknown", "former"))
        joined = self.joined if len(self.joined) == 2 and self.joined[0] <= self.joined[1] else ()
        return dataclasses.replace(
            self,
            countries=tuple(c for c in self.countries if re.fullmatch(r"[A-Z]{2}", c)),
            networks=tuple(n for n in self.networks if SLUG.fullmatch(n)),
            statuses=statuses,
            joined=joined,
            has_index=self.has_index if self.has_index in ("all", "yes", "no") else "all",
            colour=self.colour if self.colour in ("membership", "score", "joined") else "membership",
            city=self.city if SLUG.fullmatch(self.city or "") else "",
        )


@dataclasses.dataclass(frozen=True)
class CityState:
    city: str = param("city", "")
    assessment: str = param("assessment", "")
    peers: str = param("peers", "population")
    picked: tuple[str, ...] = param("picked", ())

    def validated(self) -> CityState:
        return dataclasses.replace(
            self,
            city=city_text(self.city),
            assessment=self.assessment if SLUG.fullmatch(self.assessment or "") else "",
            peers=self.peers if self.peers in STRATEGIES else DEFAULT_STRATEGY,
            picked=tuple(p for p in self.picked if SLUG.fullmatch(p))[:MAX_CITIES],
        )


@dataclasses.dataclass(frozen=True)
class CompareState:
    cities: tuple[str, ...] = param("cities", ())
    mode: str = param("mode", "overlay")
    version: str = param("version", "")  # '' = the version most of the cities share

    def validated(self) -> CompareState:
        unique = tuple(dict.fromkeys(city_text(c) for c in self.cities if city_text(c)))[:MAX_CITIES]
        return dataclasses.replace(self, cities=unique,
                                   mode=self.mode if self.mode in ("overlay", "multiples", "h2h") else "overlay",
                                   version=self.version if self.version in ("", "2009", "2019") else "")


@dataclasses.dataclass(frozen=True)
class TrendsState:
    area: str = param("area", "aggregate")
    cities: tuple[str, ...] = param("cities", ())
    harmonised: bool = param("harmonised", False)
    years: tuple[int, ...] = param("years", ())

    def validated(self) -> TrendsState:
        years = self.years if len(self.years) == 2 and self.years[0] <= self.years[1] else ()
        return dataclasses.replace(
            self, area=self.area if SLUG.fullmatch(self.area or "") else "aggregate",
            cities=tuple(dict.fromkeys(c for c in self.cities if SLUG.fullmatch(c)))[:MAX_CITIES], years=years)


@dataclasses.dataclass(frozen=True)
class AreasState:
    version: str = param("version", "")
    area: str = param("area", "")
    order: str = param("order", "score")

    def validated(self) -> AreasState:
        return dataclasses.replace(
            self, version=self.version if re.fullmatch(r"\d{4}", self.version or "") else "",
            area=self.area if SLUG.fullmatch(self.area or "") else "",
            order=self.order if self.order in ("score", "name", "clustered") else "score")


@dataclasses.dataclass(frozen=True)
class PracticesState:
    text: str = param("q", "")
    area: str = param("area", "")
    country: str = param("country", "")
    city: str = param("city", "")

    def validated(self) -> PracticesState:
        return dataclasses.replace(
            self, text=self.text.strip()[:100],
            area=self.area if SLUG.fullmatch(self.area or "") else "",
            country=self.country if re.fullmatch(r"[A-Z]{2}", self.country or "") else "",
            city=self.city if SLUG.fullmatch(self.city or "") else "")


@dataclasses.dataclass(frozen=True)
class VisitState:
    host: str = param("host", "")
    visitor: str = param("visitor", "")
    slide: int = param("slide", 1)
    present: bool = param("present", False)

    def validated(self) -> VisitState:
        return dataclasses.replace(
            self, host=city_text(self.host), visitor=city_text(self.visitor), slide=max(1, min(self.slide, 50)))


# Each page's state class (the overview, the data page and About have none).
PAGE_STATES = {"map": MapState, "city": CityState, "compare": CompareState, "trends": TrendsState,
               "areas": AreasState, "practices": PracticesState, "visit": VisitState}


def address(page_key: str, params: dict[str, str], shared: SharedState) -> str:
    """The link to a page from raw parameters, read through the page's state (so they are validated and
    written the way the page writes them)."""
    state_class = PAGE_STATES.get(page_key)
    return url_for(page_key, shared, decode(state_class, params) if state_class else None)
