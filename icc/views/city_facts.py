"""A city's facts, built once as data (label, value) and rendered per medium: markdown for the map panel
and the city profile, plain lines for the slides and the factsheet, plain text for the map tooltip."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icc.i18n import format as fmt, t
from icc.i18n.format import md_escape


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


def index_line(city) -> str:
    """The city's latest Index figure with its date and version, or that it has none."""
    if fmt.is_missing(city.get("latest_score")):
        return t("map.tooltip.no_index")
    line = t("map.tooltip.index", score=fmt.number(city["latest_score"]),
             date=fmt.partial_date(city["latest_assessed_on"], city["latest_precision"]),
             version=t(f"version.short.{city['latest_version']}"))
    return line + quoted_note(city.get("latest_quoted_in"))


def quoted_note(quoted_in) -> str:
    """' · quoted in …' for a figure that a source about another city quotes (said wherever it is shown)."""
    return "" if fmt.is_missing(quoted_in) or not quoted_in else " · " + t("facts.quoted", source=quoted_in)


def city_facts(city, language: str, compact: bool = False) -> list[Fact]:
    """Country, membership, networks, joining year, population (with its year) and the latest Index figure;
    a missing value is the one missing mark. `compact` keeps membership and the Index (very large maps)."""
    missing = t("common.missing")
    facts = [Fact(t("facts.country"), city[f"country_{language}"]),
             Fact(t("facts.membership"), t(f"membership.{city['membership_class']}"))]
    if not compact:
        networks = city.get("network_names_fr" if language == "fr" else "network_names")
        if networks is not None and len(networks):
            facts.append(Fact(t("facts.networks"), fmt.listing(networks)))
        joined = city.get("joined_year")
        facts.append(Fact(t("facts.joined"), missing if fmt.is_missing(joined) else str(int(joined))))
        population, year = city.get("population"), city.get("population_year")
        facts.append(Fact(t("facts.population"), missing if fmt.is_missing(population) else
                          fmt.number(population) + ("" if fmt.is_missing(year) else f" ({int(year)})")))
    facts.append(Fact(t("facts.index"), index_line(city)))
    return facts


def network_names(networks: pd.DataFrame, language: str) -> dict[str, str]:
    """network_id -> its name in the interface's language where one exists, else as published."""
    return dict(zip(networks["network_id"], networks["name_fr" if language == "fr" else "name"]))


def as_markdown(facts: list[Fact]) -> str:
    return "  \n".join(fmt.labelled(f"**{md_escape(fact.label)}**", md_escape(fact.value)) for fact in facts)


def as_lines(facts: list[Fact]) -> list[str]:
    """'Label: value' lines as plain text (slides, factsheet, tooltip)."""
    return [fmt.labelled(fact.label, fact.value) for fact in facts]


def tooltip(city, language: str, compact: bool) -> tuple[str, str]:
    """(title, body) of one city's map tooltip, as plain text: Streamlit's map escapes every value it puts
    into the tooltip template, so markup written here would show as literal '<b>'."""
    facts = city_facts(city, language, compact)
    return f"{city['name']} · {facts[0].value}", "\n".join(as_lines(facts[1:]))


def city_facts_markdown(city: pd.Series, language: str) -> str:
    return as_markdown(city_facts(city, language))
