"""Command line: python -m icc build | demo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from icc import build, validate
from icc.paths import DATA, DEMO_DB, IMPORT_STORE, PUBLISHED_DB


def command_build(args: argparse.Namespace) -> int:
    if args.if_stale and not build.is_stale(args.data, args.out, args.store):
        print(f"{args.out} is up to date")
        return 0
    try:
        counts = build.build(args.data, args.out, args.store)
    except validate.ValidationError as error:
        print(f"Build stopped, {args.out} unchanged.\n{error}", file=sys.stderr)
        return 1
    print(f"built {args.out}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    return 0


def command_import(args: argparse.Namespace) -> int:
    from icc import db, importer

    raw = args.file.read_bytes()
    with db.connect(args.out) as con:
        parsed = importer.parse_import(raw, args.file.name, importer.reference_from(con))
        stored = importer.existing_scores(con, parsed) if parsed.valid else None
    if not parsed.valid:
        print(f"{args.file}: {len(parsed.problems)} problem(s); nothing was imported.")
        print(parsed.report().fillna("").to_string(index=False))
        return 2
    changes = importer.preview(parsed, stored)["change"].value_counts().to_dict()
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(changes.items()))
    print(f"{args.file}: valid: {len(parsed.assessments)} assessment(s), {len(parsed.scores)} score(s) ({summary}).")
    if args.dry_run:
        print("dry run: nothing was written.")
        return 0
    batch_id = importer.commit(parsed, args.by, args.data, args.out, args.store)
    print(f"imported as batch {batch_id}; {args.out} rebuilt.")
    return 0


def command_batches(args: argparse.Namespace) -> int:
    from icc import imports

    listing = imports.batches(args.store)
    print("no imported batches" if listing.empty else listing.to_string(index=False))
    return 0


def command_rollback(args: argparse.Namespace) -> int:
    from icc import importer

    if not importer.rollback(args.batch, args.data, args.out, args.store):
        print(f"no batch '{args.batch}'", file=sys.stderr)
        return 2
    print(f"batch {args.batch} rolled back; {args.out} rebuilt.")
    return 0


def command_pack(args: argparse.Namespace) -> int:
    from icc import db, pack, visit
    from icc.i18n import set_language, t

    set_language(args.lang)
    target = DEMO_DB if args.dataset == "demo" else PUBLISHED_DB
    with db.connect(target) as con:
        session = visit.QuerySession(con, args.lang, args.dataset)
        print("building slides...", flush=True)
        slides = visit.build_slides(session, args.host, args.visitor)
        names = [slide.title for slide in slides[1:3]]
    title = t("visit.slide_title", host=names[0], visitor=names[1])
    args.out.write_text(pack.pack_html(slides, title, args.lang), encoding="utf-8")
    print(f"wrote {args.out} ({len(slides)} slides, {args.out.stat().st_size / 1e6:.1f} MB, self-contained)")
    if args.pdf:
        pack.write_pdf(args.out, args.pdf)
        print(f"wrote {args.pdf}")
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
    build_parser.add_argument("--store", type=Path, default=IMPORT_STORE)
    build_parser.set_defaults(handler=command_build)
    import_parser = commands.add_parser("import", help="validate and import an Index round (CSV or XLSX)")
    import_parser.add_argument("file", type=Path)
    import_parser.add_argument("--dry-run", action="store_true", help="check and report only")
    import_parser.add_argument("--by", default=os.environ.get("USER", "cli"), help="who imports (recorded)")
    batches_parser = commands.add_parser("batches", help="list imported batches")
    rollback_parser = commands.add_parser("rollback", help="remove an imported batch and rebuild")
    rollback_parser.add_argument("batch")
    for sub, handler in ((import_parser, command_import), (batches_parser, command_batches),
                         (rollback_parser, command_rollback)):
        sub.add_argument("--data", type=Path, default=DATA)
        sub.add_argument("--out", type=Path, default=PUBLISHED_DB)
        sub.add_argument("--store", type=Path, default=IMPORT_STORE)
        sub.set_defaults(handler=handler)
    pack_parser = commands.add_parser("pack", help="write a study visit as an offline HTML pack (and PDF)")
    pack_parser.add_argument("--host", required=True)
    pack_parser.add_argument("--visitor", required=True)
    pack_parser.add_argument("--out", type=Path, default=Path("visit.html"))
    pack_parser.add_argument("--pdf", type=Path)
    pack_parser.add_argument("--lang", choices=["en", "fr"], default="en")
    pack_parser.add_argument("--dataset", choices=["published", "demo"], default="published")
    pack_parser.set_defaults(handler=command_pack)
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
