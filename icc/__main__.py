"""Command line: python -m icc build | demo."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from icc import build, validate
from icc.paths import DATA, DEMO_DB, PUBLISHED_DB


def command_build(args: argparse.Namespace) -> int:
    if args.if_stale and not build.is_stale(args.data, args.out):
        print(f"{args.out} is up to date")
        return 0
    try:
        counts = build.build(args.data, args.out)
    except validate.ValidationError as error:
        print(f"Build stopped, {args.out} unchanged.\n{error}", file=sys.stderr)
        return 1
    print(f"built {args.out}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    return 0


def command_demo(args: argparse.Namespace) -> int:
    from icc import demo

    counts = demo.write_demo(args.out, cities=args.cities, years=args.years, seed=args.seed)
    print(f"built {args.out} (fictional demo network): " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m icc", description="ICC Index Explorer data tools")
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="validate data/ and write data/icc.duckdb")
    build_parser.add_argument("--data", type=Path, default=DATA)
    build_parser.add_argument("--out", type=Path, default=PUBLISHED_DB)
    build_parser.add_argument("--if-stale", action="store_true", help="only when a data file changed")
    build_parser.set_defaults(handler=command_build)
    demo_parser = commands.add_parser("demo", help="generate the fictional demo network")
    demo_parser.add_argument("--cities", type=int, default=150)
    demo_parser.add_argument("--years", type=int, default=15)
    demo_parser.add_argument("--seed", type=int, default=7)
    demo_parser.add_argument("--out", type=Path, default=DEMO_DB)
    demo_parser.set_defaults(handler=command_demo)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
