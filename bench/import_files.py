"""Hostile and large round files, each checked by `python -m icc import --dry-run` in a process of its own:
the answer (accepted or refused, and the first problem), the wall time and the peak memory (ru_maxrss). Every
file up to the upload limit must be answered within 10 s of work and 300 MB (issue 23).

    PYTHONPATH=. .venv/bin/python bench/import_files.py        (make bench-imports)

Writes bench/results/import-files-<time>.json. The files are made here (bench/work/import-files/), none is
committed: most are built to be as hard to read as the size limit allows."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from icc.paths import ROOT

WORK = ROOT / "bench" / "work" / "import-files"
RESULTS = ROOT / "bench" / "results"
SECONDS_LIMIT, MEGABYTES_LIMIT = 10.0, 300.0
LONG_HEADER = "city,country,assessed_on,index_version,area,score,sample_avg\n"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx(sheet_rows, strings=(), dimension="A1:E2", strings_xml: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
                                            'officeDocument/2006/relationships"><sheets><sheet name="R" sheetId="1" '
                                            'r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                         'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/sharedStrings.xml", strings_xml or (f'<sst xmlns="{MAIN}">' + "".join(
            f"<si><t>{text}</t></si>" for text in strings) + "</sst>").encode())
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>'.encode())
            for chunk in sheet_rows:
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


HEADER_ROW = '<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDE")) + "</row>"
WIDE = ["city", "assessed_on", "index_version", "Education", "Commitment"]


def many_shared_strings() -> bytes:
    """5.5 million shared strings: about 94 MB unpacked, under the 100 MB bound."""
    body = b"<si><t>x</t></si>" * 5_500_000
    return xlsx([HEADER_ROW], strings_xml=f'<sst xmlns="{MAIN}">'.encode() + body + b"</sst>")


def claimed_width() -> bytes:
    """Rows of five cells in a sheet whose <dimension> claims all 16,384 columns."""
    rows = (f'<row r="{n}"><c r="A{n}" t="s"><v>5</v></c><c r="B{n}" t="s"><v>6</v></c><c r="C{n}"><v>2019</v>'
            f'</c><c r="D{n}"><v>55</v></c></row>' for n in range(2, 60_000))
    return xlsx([HEADER_ROW, *rows], [*WIDE, "Oslo", "2024"], dimension="A1:XFD60000")


def many_rows() -> bytes:
    rows = (f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(2, 1_200_000))
    return xlsx([HEADER_ROW, *rows], WIDE)


def bad_areas_csv() -> bytes:
    return (LONG_HEADER + "oslo,,2024,2019,no such area,50,\n" * 99_000).encode()


def blank_lines_csv() -> bytes:
    return (LONG_HEADER + "\n" * (20 * 1024 * 1024 - 200)).encode()


def valid_rows_csv() -> bytes:
    """The largest honest round: 99,000 rows on existing cities and areas, each a new score (refused only
    because the same city, date and area repeat)."""
    areas = ["commitment", "education", "neighbourhoods", "public_services", "business", "cultural_social_life",
             "public_space", "mediation", "language", "media_communication", "international_outlook",
             "intelligence_competence", "welcoming", "leadership_citizenship", "anti_discrimination",
             "participation", "interaction"]
    lines = [f"oslo,,{2009 + (n // len(areas)) % 15}-{1 + (n // 255) % 12:02d},2019,{areas[n % len(areas)]},50,\n"
             for n in range(99_000)]
    return (LONG_HEADER + "".join(lines)).encode()


FILES = {
    "shared-strings-5.5M.xlsx": many_shared_strings,
    "dimension-16384-columns.xlsx": claimed_width,
    "rows-1.2M.xlsx": many_rows,
    "bad-area-99k.csv": bad_areas_csv,
    "blank-lines-20MB.csv": blank_lines_csv,
    "rows-99k.csv": valid_rows_csv,
}


def run_one(path: Path) -> dict:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "icc", "import", str(path), "--dry-run"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    first = (done.stdout.splitlines() or [""])[0]
    return {"file": path.name, "bytes": path.stat().st_size, "exit": done.returncode,
            "answer": "accepted" if done.returncode == 0 else ("refused" if done.returncode == 2 else "crashed"),
            "first_line": first[:160], "traceback": "Traceback" in done.stderr,
            "wall_s": round(seconds, 2), "cpu_s": round((after.ru_utime + after.ru_stime)
                                                        - (before.ru_utime + before.ru_stime), 2),
            "peak_mb": round(after.ru_maxrss / 1024, 1)}


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = []
    for name, make in FILES.items():
        path = WORK / name
        if not path.exists():
            path.write_bytes(make())
        # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure each file in a fresh interpreter.
        probe = subprocess.run([sys.executable, __file__, "--one", str(path)], capture_output=True, text=True,
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        result = json.loads(probe.stdout)
        results.append(result)
        within = result["cpu_s"] <= SECONDS_LIMIT and result["peak_mb"] <= MEGABYTES_LIMIT and not result["traceback"]
        print(f"{name:32} {result['bytes'] / 2**20:6.1f} MB  {result['answer']:8}  {result['cpu_s']:6.2f} s CPU  "
              f"{result['wall_s']:6.2f} s  {result['peak_mb']:6.0f} MB  {'ok' if within else 'OVER'}  "
              f"{result['first_line'][:70]}")
    out = RESULTS / f"import-files-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps({"limits": {"cpu_s": SECONDS_LIMIT, "peak_mb": MEGABYTES_LIMIT}, "files": results},
                              indent=1))
    print(f"written {out}")
    over = [r for r in results if r["cpu_s"] > SECONDS_LIMIT or r["peak_mb"] > MEGABYTES_LIMIT or r["traceback"]]
    return 1 if over else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(run_one(Path(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main())
