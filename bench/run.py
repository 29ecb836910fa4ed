"""make bench: database build time, named-query p50/p95, pandas comparison, page script run time and cold
start, at three demo scales. Prints a table and writes bench/results/bench-<time>.json."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from icc import site

ROOT = Path(__file__).resolve().parent.parent

SCALES = {"small": (150, 10), "medium": (1_500, 15), "large": (10_000, 20)}
TARGET_QUERY_P95_MS = {"small": 50, "medium": 50, "large": 300}
TARGET_PAGE_S = {"small": 1.0, "medium": 1.0, "large": 1.0, "published": 0.3}
PAGES = [page.script for page in site.PAGES]
REPEATS = 15
# Queries timed the way their one reader runs them: the dataset export writes the rows out as read, so its
# dictionary-encoded text is not decoded (icc.db.run_encoded).
ENCODED_READERS = {"export_scores"}


def query_timings(con, params: dict[str, dict]) -> dict[str, dict]:
    from icc.store import db

    return {name: timed(lambda n=name: (db.run_encoded if n in ENCODED_READERS else db.run)(n, con=con, **params[n]))
            for name in db.query_names()}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, repeats: int = REPEATS) -> dict:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(percentile(times, 0.95), 2)}


def query_params(con) -> dict[str, dict]:
    """Realistic parameters for every named query on this database."""
    from icc.store import db

    city = db.run("cities", con=con).sort_values(["has_index", "city_id"], ascending=[False, True])
    ids = city["city_id"].head(4).tolist()
    assessment = db.run("city_assessments", con=con, city_id=ids[0])["assessment_id"].iloc[0]
    every = {"countries": [], "networks": [], "statuses": [], "joined_from": 1900, "joined_to": 2100,
             "keep_unknown_year": True, "has_index": "all"}
    return {
        "area_definition": {"harmonised_code": "education"}, "assessment_scores": {"assessment_id": assessment},
        "assessments_per_year": {}, "build_info": {}, "cities": {}, "cities_per_country": {}, "coverage": {}, "city_assessments": {"city_id": ids[0]},
        "city_detail": {"city_id": ids[0]}, "city_practices": {"city_id": ids[0]},
        "city_trajectories": {"city_ids": ids, "harmonised_code": "education"},
        "compare_scores": {"assessment_ids": [assessment]}, "existing_scores": {"assessment_ids": [assessment]}, "export_scores": {}, "harmonised_areas": {},
        "import_cities": {}, "import_assessments": {}, "import_countries": {}, "import_memberships": {}, "membership_as_of": {}, "index_versions": {}, "joined_year_range": {}, "map_cities": every,
        "membership_growth": {}, "network_trend": {"harmonised_code": "education"}, "networks": {},
        "newest_joiners": {"limit": 12}, "overview_kpis": {}, "policy_areas": {}, "practice_facets": {},
        "practices_for": {"city_ids": ids, "harmonised_codes": ["education"]},
        "practices_search": {"text": "", "area": "", "country": "", "city_id": "", "year_from": 0, "year_to": 0},
        "source_counts": {}, "version_areas": {"version_id": "2019"}, "version_scores": {"version_id": "2019"},
        "version_previous_scores": {"version_id": "2019"}, "practices_of_cities": {"city_ids": ids},
        "compare_assessments": {"city_ids": ids}, "import_batches": {},
    }


def pandas_equivalents(con) -> dict:
    """The two heaviest aggregations done in pandas on the same data, for a DuckDB/pandas ratio."""
    from icc.store import db

    scores = con.table("score_detail").df()
    duck_trend = timed(lambda: db.run("network_trend", con=con, harmonised_code="education"), 5)

    def pandas_trend():
        part = scores[scores["harmonised_code"] == "education"].sort_values("assessed_on")
        newest = part.drop_duplicates(["city_id", "version_id", "assessed_year"], keep="last")
        newest.groupby(["version_id", "assessed_year"])["score"].agg(
            ["count", "median", lambda s: s.quantile(0.25), lambda s: s.quantile(0.75)])

    duck_version = timed(lambda: db.run("version_scores", con=con, version_id="2019"), 5)

    def pandas_version():
        part = scores[scores["version_id"] == "2019"].sort_values(["assessed_on", "assessment_id"])
        newest = part.drop_duplicates("city_id", keep="last")[["city_id", "assessment_id"]]
        part.merge(newest, on=["city_id", "assessment_id"])

    pandas_trend_t, pandas_version_t = timed(pandas_trend, 5), timed(pandas_version, 5)
    return {
        "network_trend": {"duckdb_p50_ms": duck_trend["p50_ms"], "pandas_p50_ms": pandas_trend_t["p50_ms"],
                          "pandas_over_duckdb": round(pandas_trend_t["p50_ms"] / duck_trend["p50_ms"], 1)},
        "version_scores": {"duckdb_p50_ms": duck_version["p50_ms"], "pandas_p50_ms": pandas_version_t["p50_ms"],
                           "pandas_over_duckdb": round(pandas_version_t["p50_ms"] / duck_version["p50_ms"], 1)},
    }


def page_times(dataset: str, params: dict[str, dict]) -> dict[str, float]:
    """Script run time of each page (AppTest), warm: the second run, as a user's next click would be."""
    from streamlit.testing.v1 import AppTest

    city = params["city_detail"]["city_id"]
    compare = ",".join(params["compare_assessments"]["city_ids"][:3])
    extra = {"pages/city.py": {"city": city}, "pages/compare.py": {"cities": compare},
             "pages/visit.py": {"host": params["compare_assessments"]["city_ids"][0],
                                "visitor": params["compare_assessments"]["city_ids"][1]}}
    results = {}
    for page in PAGES:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        app.query_params["dataset"] = dataset
        for key, value in extra.get(page, {}).items():
            app.query_params[key] = value
        if page != site.page("overview").script:
            app.switch_page(page)
        try:
            app.run()
            start = time.perf_counter()
            app.run()
        except RuntimeError as error:  # AppTest's own time limit
            results[page] = f"error: {error}"
            continue
        elapsed = time.perf_counter() - start
        results[page] = round(elapsed, 3) if not app.exception else f"error: {app.exception[0].message[:80]}"
    return results


def cold_start() -> float:
    """Seconds from launching the server to the first page's HTML served."""
    port = 8765
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(port),
                                "--server.headless", "true"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/", timeout=1) as response:
                    if response.status == 200:
                        return round(time.perf_counter() - start, 2)
            except OSError:
                time.sleep(0.05)
            if time.perf_counter() - start > 60:
                return float("nan")
    finally:
        process.terminate()
        process.wait()


def answers_benchmark(path: Path, assessments: int) -> dict:
    """A question-level table (16M answers over the largest network's assessments) and two
    typical aggregations over it, in DuckDB and in pandas."""
    import duckdb

    with duckdb.connect(str(path)) as con:
        start = time.perf_counter()
        questions = -(-16_000_000 // assessments)  # enough questions per assessment for 16M answers
        con.execute(Path(ROOT / "bench" / "answers.sql").read_text().replace("$questions", str(questions)))
        built = time.perf_counter() - start
        rows = con.sql("SELECT count(*) FROM answer").fetchall()[0][0]
        by_area = timed(lambda: con.sql("SELECT area, avg(value) FROM answer GROUP BY area").fetchall(), 5)
        by_assessment = timed(lambda: con.sql("SELECT assessment, sum(value) FROM answer GROUP BY assessment "
                                              "ORDER BY 2 DESC LIMIT 10").fetchall(), 5)
        frame = con.sql("SELECT * FROM answer").df()
    pandas_area = timed(lambda: frame.groupby("area")["value"].mean(), 3)
    return {"rows": rows, "build_s": round(built, 2), "duckdb_by_area": by_area,
            "duckdb_top_assessments": by_assessment, "pandas_by_area": pandas_area,
            "pandas_over_duckdb": round(pandas_area["p50_ms"] / by_area["p50_ms"], 1)}


def run(scales: list[str]) -> dict:
    from icc.store import build, db, demo_network

    work = ROOT / "bench" / "work"
    work.mkdir(exist_ok=True)
    report = {"when": dt.datetime.now().isoformat(timespec="seconds"), "machine": os.uname().machine,
              "cpus": os.cpu_count(), "scales": {}}
    start = time.perf_counter()
    build.build(target=work / "published.duckdb")
    report["published"] = {"build_s": round(time.perf_counter() - start, 2)}
    with db.connect(work / "published.duckdb") as con:  # the same data the pages read from data/icc.duckdb
        params = query_params(con)
        report["published"]["queries"] = query_timings(con, params)
    report["published"]["pages_s"] = page_times("published", params)
    report["published"]["cold_start_s"] = cold_start()
    for scale in scales:
        cities, years = SCALES[scale]
        target = work / f"demo-{scale}.duckdb"
        start = time.perf_counter()
        counts = demo_network.write_demo(target, cities=cities, years=years, seed=11)
        entry = {"cities": cities, "years": years, "build_s": round(time.perf_counter() - start, 2),
                 "rows": counts}
        with db.connect(target) as con:
            params = query_params(con)
            entry["queries"] = query_timings(con, params)
            entry["pandas"] = pandas_equivalents(con)
        from icc.web import shell as icc_app

        icc_app.DATASETS["demo"] = target  # the pages read the demo dataset from here
        entry["pages_s"] = page_times("demo", params)
        if scale == "large":
            entry["answers"] = answers_benchmark(work / "answers.duckdb", counts["assessment"])
        report["scales"][scale] = entry
    return report


def print_report(report: dict) -> None:
    print(f"\nICC Index Explorer benchmarks, {report['when']} ({report['cpus']} CPUs)\n")
    sections = [("published", report["published"])] + list(report["scales"].items())
    for name, entry in sections:
        label = name if name == "published" else f"{name}: {entry['cities']} cities x {entry['years']} years"
        print(f"== {label}: build {entry['build_s']} s" + (f", cold start {entry['cold_start_s']} s"
                                                           if "cold_start_s" in entry else ""))
        target = TARGET_QUERY_P95_MS.get(name, 50)
        worst = max(entry["queries"].items(), key=lambda item: item[1]["p95_ms"])
        over = [q for q, v in entry["queries"].items() if v["p95_ms"] > target]
        print(f"   queries: slowest p95 {worst[1]['p95_ms']} ms ({worst[0]}); target {target} ms; over: {over or 'none'}")
        for query, value in sorted(entry["queries"].items()):
            print(f"      {query:24s} p50 {value['p50_ms']:8.2f} ms   p95 {value['p95_ms']:8.2f} ms")
        page_target = TARGET_PAGE_S.get(name, 1.0)
        print(f"   page script runs (target {page_target} s):")
        for page, seconds in entry["pages_s"].items():
            flag = "" if isinstance(seconds, str) or seconds <= page_target else "  OVER"
            print(f"      {page:24s} {seconds}{' s' if not isinstance(seconds, str) else ''}{flag}")
        for query, ratio in entry.get("pandas", {}).items():
            print(f"   pandas vs DuckDB, {query}: {ratio['pandas_p50_ms']} ms vs {ratio['duckdb_p50_ms']} ms "
                  f"(x{ratio['pandas_over_duckdb']})")
        if "answers" in entry:
            answers = entry["answers"]
            print(f"   question-level table: {answers['rows']:,} answers built in {answers['build_s']} s; "
                  f"by area p95 {answers['duckdb_by_area']['p95_ms']} ms (pandas x{answers['pandas_over_duckdb']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", nargs="*", default=list(SCALES), choices=list(SCALES))
    args = parser.parse_args()
    report = run(args.scales)
    print_report(report)
    out = ROOT / "bench" / "results" / f"bench-{report['when'].replace(':', '')}.json"
    out.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
