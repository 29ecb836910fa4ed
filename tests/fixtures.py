"""A tiny, hand-made bundle of data files: small enough that every expected figure can be counted
by eye. Tests write it to a temporary folder, change one thing, and build."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl

from icc.imports import round_file
from icc.paths import DATA, ROOT
from icc.store import build, db

# Facts about the Index (versions and areas) are the real bundled ones; cities are made up here.
COPIED = ("index_versions.csv", "policy_areas.csv", "area_definitions.csv")

TINY = {
    "countries.csv": """iso2,iso3,name_en,name_fr,source_url
NO,NOR,Norway,Norvège,https://example.org/iso
IT,ITA,Italy,Italie,https://example.org/iso
ES,ESP,Spain,Espagne,https://example.org/iso
""",
    "networks.csv": """network_id,name,country_iso2,founded_year,source_url
it-net,Italian test network,IT,2010,https://example.org/it
es-net,Spanish test network,ES,2011,https://example.org/es
""",
    "cities.csv": """city_id,name,country_iso2,lat,lon,coord_source,population,population_year,foreign_share_pct,foreign_share_definition,source_url
alpha,Alpha,NO,60.39,5.32,test,250000,2020,13,non-nationals,https://example.org/alpha
beta,Beta,IT,44.7,10.6,test,170000,2011,17,foreign-born,https://example.org/beta
gamma,Gamma,IT,45.4,11.9,test,,,,,https://example.org/gamma
delta,Delta,ES,41.4,2.2,test,1600000,2012,17.4,non-nationals,https://example.org/delta
epsilon,Epsilon,ES,43.3,-2.9,test,350000,2013,8,non-nationals,https://example.org/epsilon
""",
    "memberships.csv": """city_id,scope,network_id,status,joined_year,left_year,source_url
alpha,international,,member,2008,,https://example.org/m
beta,international,,member,2010,,https://example.org/m
beta,national,it-net,member,,,https://example.org/m
gamma,national,it-net,member,2012,,https://example.org/m
delta,national,es-net,member,2011,,https://example.org/m
epsilon,international,,unknown,,,https://example.org/m
""",
    "index_scores.csv": """assessment_id,city_id,version_id,assessed_on,date_precision,sample_size,area_code,score,sample_avg,source_url,quoted_in
alpha-2009-2017,alpha,2009,2017,year,93,aggregate,85,,https://example.org/s,another city's page (2017)
alpha-2019-2020-09,alpha,2019,2020-09,month,26,aggregate,80,,https://example.org/s,
alpha-2019-2020-09,alpha,2019,2020-09,month,26,education,70,65,https://example.org/s,
beta-2009-2013,beta,2009,2013,year,56,aggregate,64,,https://example.org/s,
delta-2009-2016-06,delta,2009,2016-06,month,80,aggregate,72,,https://example.org/s,
delta-2009-2016-06,delta,2009,2016-06,month,80,commitment,90,74,https://example.org/s,
""",
    "practices.csv": """practice_id,title,summary,year_from,year_to,language_of_source,source_url
alpha-welcome,Welcome desk,A desk for newcomers.,2019,,en,https://example.org/p1
beta-schools,Mixed schools,Schools that mix.,,,en,https://example.org/p2
""",
    "practice_cities.csv": """practice_id,city_id,city_name,country_iso2
alpha-welcome,alpha,Alpha,NO
beta-schools,beta,Beta,IT
beta-schools,,Elsewhere,IT
""",
    "practice_areas.csv": """practice_id,topic,harmonised_code,basis
alpha-welcome,welcoming newcomers,welcoming,classified
beta-schools,education,education,source
beta-schools,anti-rumours,,classified
""",
}


def write_tiny_bundle(folder: Path, **replacements: str) -> Path:
    """Write the tiny bundle into `folder`; `replacements` maps a file stem to new content."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        (folder / name).write_bytes((DATA / name).read_bytes())
    for name, content in TINY.items():
        (folder / name).write_text(replacements.get(name.removesuffix(".csv"), content), encoding="utf-8")
    return folder


def build_tiny_database(folder: Path) -> Path:
    data_dir = write_tiny_bundle(folder / "data")
    target = folder / "icc.duckdb"
    build.build(data_dir, target, folder / "no-imports.duckdb")
    return target


# A long round file's header, as the template writes it.
LONG_HEADER = "city,country,assessed_on,index_version,area,score,sample_avg\n"


def xlsx_bytes(rows, formats=None) -> bytes:
    """An XLSX written by openpyxl, as Excel writes one; `formats` maps a cell ('D2') to its number format."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for cell, number_format in (formats or {}).items():
        book.active[cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cli(*args, env=None):
    """`python -m icc ARGS` as a coordinator runs it."""
    return subprocess.run([sys.executable, "-m", "icc", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def path_args(paths) -> list[str]:
    return ["--data", str(paths.data_dir), "--out", str(paths.target), "--store", str(paths.store)]


def checksum(target) -> str:
    """A checksum of every table's content, to prove a failed import changed nothing."""
    with duckdb.connect(str(target), read_only=True) as con:
        names = [row[0] for row in con.sql("select table_name from information_schema.tables "
                                           "where table_type = 'BASE TABLE' and table_name <> 'build_info' "
                                           "order by 1").fetchall()]
        parts = [con.table(name).order(", ".join(con.table(name).columns)).df().to_csv(index=False)
                 for name in names]
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def parse_round(paths, content, name="round.csv"):
    """(parsed, stored scores) of a round file checked against the database at `paths.target`."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with db.connect(paths.target) as con:
        parsed = round_file.parse_import(raw, name, round_file.reference_from(con))
        return parsed, (round_file.existing_scores(con, parsed) if parsed.valid else None)


def scores_of(paths, assessment_id) -> dict[str, float]:
    """An assessment's scores by area code, as the database at `paths.target` holds them."""
    with db.connect(paths.target) as con:
        return dict(con.sql("select p.code, s.score from score s join policy_area p using (area_id) "
                            f"where s.assessment_id = '{assessment_id}' order by 1").fetchall())
