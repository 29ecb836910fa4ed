"""A city's facts as short markdown lines (map panel, city profile, visit slides)."""

from __future__ import annotations


import pandas as pd

from icc.i18n import format as fmt
from icc.i18n.format import md_escape
from icc.charts.maps import index_line
from icc.i18n import current_language, t



def city_facts_lines(city: pd.Series) -> list[str]:
    country = city[f"country_{current_language()}"]
    lines = [f"**{t('facts.country')}:** {md_escape(country)}",
             f"**{t('facts.membership')}:** {t('membership.' + city['membership_class'])}"]
    networks = city.get("network_names")
    if networks is not None and len(networks):
        lines.append(f"**{t('facts.networks')}:** " + "; ".join(md_escape(n) for n in networks))
    joined = city.get("joined_year")
    lines.append(f"**{t('facts.joined')}:** " + (t("common.missing") if fmt.is_missing(joined) else str(int(joined))))
    population = city.get("population")
    if fmt.is_missing(population):
        lines.append(f"**{t('facts.population')}:** {t('common.missing')}")
    else:
        year = city.get("population_year")
        suffix = "" if fmt.is_missing(year) else f" ({int(year)})"
        lines.append(f"**{t('facts.population')}:** {fmt.number(population)}{suffix}")
    lines.append(f"**{t('facts.index')}:** {md_escape(index_line(city))}")
    return lines


def city_facts_markdown(city: pd.Series) -> str:
    return "  \n".join(city_facts_lines(city))
