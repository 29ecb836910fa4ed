"""Where a benchmark leaves its figures: bench/results/<name>-<time>.json (one file per run, kept)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write(name: str, report: dict) -> Path:
    out = ROOT / "bench" / "results" / f"{name}-{report['when'].replace(':', '')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return out
