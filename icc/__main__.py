"""Command line: python -m icc build | demo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from icc import settings
from icc.paths import DATA, DEMO_DB, IMPORT_STORE, PUBLISHED_DB
from icc.store import import_batches, publishing, source_files


def paths_of(args: argparse.Namespace) -> publishing.Paths:
    return publishing.Paths(args.data, args.out, args.store)


def say_repairs(repaired: list[str]) -> None:
    for sentence in repaired:
        print(f"repaired: {sentence}", file=sys.stderr)


def waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def command_build(args: argparse.Namespace) -> int:
    try:
        counts, repaired = publishing.rebuild(paths_of(args), if_stale=args.if_stale, on_wait=waiting)
    except source_files.ValidationError as error:
        print(f"Build stopped, {args.out} unchanged.\n{error}", file=sys.stderr)
        return 1
    say_repairs(repaired)
    if counts is None:
        print(f"{args.out} is up to date")
    else:
        print(f"built {args.out}: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
    return 0


PREVIEW_LINES = 8


def command_import(args: argparse.Namespace) -> int:
    from icc.imports import any_round, round_file
    from icc.store import db

    try:
        raw = round_file.read_upload(args.file)
    except OSError as error:
        print(f"{args.file}: cannot be read ({error.strerror or error}); nothing was imported.", file=sys.stderr)
        return 2
    with db.connect(args.out) as con:
        parsed = any_round.parse_round(raw, args.file.name, any_round.references_from(con))
        stored = round_file.existing_scores(con, parsed) if parsed.valid and parsed.kind == "index" else None
    if not parsed.valid:
        print(f"{args.file}: {round_file.problem_count_text(parsed)}; nothing was imported.")
        print(parsed.report().fillna("").to_string(index=False))
        return 2
    if parsed.kind == "membership":
        return commit_membership(args, parsed)
    changes = round_file.preview(parsed, stored, replace=args.replace)
    print(f"{args.file}: {round_file.change_summary(parsed, changes)}")
    # A few values beside their cells as written: a rescaled column would show here before anything is stored.
    print(changes.head(PREVIEW_LINES).fillna("").to_string(index=False))
    if len(changes) > PREVIEW_LINES:
        print(f"... and {len(changes) - PREVIEW_LINES:,} more")
    if round_file.changes_nothing(changes):
        print(f"{args.file}: nothing changes: every score in the file is stored already, as it is; "
              "nothing was imported.")
        return 0
    if args.dry_run:
        print("dry run: nothing was written.")
        return 0
    try:
        batch_id = publishing.commit(parsed, args.by, paths_of(args), replace=args.replace, on_wait=waiting)
    except publishing.AlreadyImported as already:
        print(f"{args.file}: {already}", file=sys.stderr)
        return 2
    print(f"imported as batch {batch_id}; {args.out} rebuilt.")
    return 0


def commit_membership(args: argparse.Namespace, parsed) -> int:
    """A membership round: the changes it makes (new cities with where they are placed, status changes, leavers,
    updated figures), then the commit unless it is a dry run."""
    from icc.imports import membership_file

    print(f"{args.file}: {membership_file.summary(parsed)}")
    print(parsed.changes.fillna("").to_string(index=False))
    if membership_file.changes_nothing(parsed):
        print(f"{args.file}: nothing changes: every membership in the file is stored already; nothing was imported.")
        return 0
    if args.dry_run:
        print("dry run: nothing was written.")
        return 0
    try:
        batch_id = publishing.commit(parsed, args.by, paths_of(args), on_wait=waiting)
    except publishing.AlreadyImported as already:
        print(f"{args.file}: {already}", file=sys.stderr)
        return 2
    print(f"imported as batch {batch_id}; {args.out} rebuilt.")
    return 0


def command_batches(args: argparse.Namespace) -> int:
    from icc.store import import_batches

    with publishing.exclusive(paths_of(args), on_wait=waiting) as repaired:
        say_repairs(repaired)
        listing = import_batches.batches(args.store)
    print("no imported batches" if listing.empty else listing.to_string(index=False))
    return 0


def command_rollback(args: argparse.Namespace) -> int:
    if not publishing.rollback(args.batch, paths_of(args), on_wait=waiting):
        print(f"no batch '{args.batch}' (see `python -m icc batches`)", file=sys.stderr)
        return 2
    print(f"batch {args.batch} rolled back; {args.out} rebuilt.")
    return 0


def dataset_database(dataset: str) -> Path | None:
    """The database of `dataset`; None (and why, on stderr) when it has not been built."""
    target = DEMO_DB if dataset == "demo" else PUBLISHED_DB
    if target.exists():
        return target
    print(f"no {dataset} database at {target}: run `make demo`" if dataset == "demo" else
          f"no database at {target}: run `make build`", file=sys.stderr)
    return None


def document_options(parser: argparse.ArgumentParser, what: str) -> None:
    """--lang, --dataset and --force, as every command that writes a document takes them."""
    parser.add_argument("--lang", choices=["en", "fr"], default="en", help=f"the language of the {what}")
    parser.add_argument("--dataset", choices=["published", "demo"], default="published",
                        help="published data (default) or the fictional demo network")
    parser.add_argument("--force", action="store_true",
                        help="replace existing files even if this command did not write them")


def command_pack(args: argparse.Namespace) -> int:
    from icc.i18n import city_names, set_dataset, set_language, t
    from icc.outputs import browser, deck, pack, renderer, safe_paths
    from icc.store import db
    from icc.store.sessions import PlainSession
    from icc.views import visit_slides

    set_language(args.lang)
    set_dataset(args.dataset)
    try:
        for path in filter(None, (args.out, args.pdf, args.pptx)):
            safe_paths.check_target(path, force=args.force)
    except safe_paths.UnsafeOutput as unsafe:
        print(f"not written: {unsafe}", file=sys.stderr)
        return 2
    target = dataset_database(args.dataset)
    if target is None:
        return 2
    with db.connect(target) as con:
        session = PlainSession(con, args.lang, args.dataset)
        cities = session.query("cities")
        chosen = {}
        for role in ("host", "visitor"):
            city_id, nearest = city_names.find_city(cities, getattr(args, role))
            if city_id is None:
                hint = f"; did you mean {' / '.join(nearest)}?" if nearest else ""
                print(f"unknown {role} city '{getattr(args, role)}' in the {args.dataset} data{hint}", file=sys.stderr)
                return 2
            chosen[role] = city_id
        if chosen["host"] == chosen["visitor"]:
            print("the host and the visitor are the same city: name two different cities", file=sys.stderr)
            return 2
        print("building slides...", flush=True)
        slides = visit_slides.build_slides(session, chosen["host"], chosen["visitor"])
        names = [slide.title for slide in slides[1:3]]
    title = t("visit.slide_title", host=names[0], visitor=names[1])
    html_text = pack.pack_html(slides, title, args.lang)
    args.out.write_text(html_text, encoding="utf-8")
    print(f"wrote {args.out} ({len(slides)} slides, {args.out.stat().st_size / 1e6:.1f} MB, self-contained)")
    if args.pdf:
        args.pdf.write_bytes(renderer.html_to_pdf(html_text, browser.SLIDE))
        print(f"wrote {args.pdf}")
    if args.pptx:
        args.pptx.write_bytes(deck.visit_deck(slides, title, args.lang, names[0]))
        print(f"wrote {args.pptx} ({len(slides)} slides with native charts and speaker notes)")
    return 0


def progress_bar(step: str, done: int, total: int) -> None:
    """'printing [##########          ] 46/138' on one line of the terminal."""
    bar = "#" * (30 * done // max(total, 1))
    print(f"\r{step} [{bar:<30}] {done}/{total}", end="", file=sys.stderr, flush=True)


def command_report(args: argparse.Namespace) -> int:
    """One city's Index report, or every city's with results (--all), as A4 PDF and HTML in a folder."""
    import time

    from icc.i18n import city_names, set_dataset, set_language
    from icc.outputs import city_report, safe_paths
    from icc.outputs.context_line import context_line
    from icc.store import db
    from icc.store.sessions import PlainSession
    from icc.views import city_report_view

    set_language(args.lang)
    set_dataset(args.dataset)
    if bool(args.city) == bool(args.all):
        print("name one city, or --all for every city with Index results", file=sys.stderr)
        return 2
    target = dataset_database(args.dataset)
    if target is None:
        return 2
    started = time.monotonic()
    with db.connect(target) as con:
        session = PlainSession(con, args.lang, args.dataset, memo={})
        if args.all:
            city_ids = city_report_view.cities_with_results(session)
        else:
            city_id, nearest = city_names.find_city(session.query("cities"), args.city)
            if city_id is None:
                hint = f"; did you mean {' / '.join(nearest)}?" if nearest else ""
                print(f"unknown city '{args.city}' in the {args.dataset} data{hint}", file=sys.stderr)
                return 2
            city_ids = [city_id]
        try:
            safe_paths.check_folder(args.out, force=args.force) if args.all else None
            args.out.mkdir(parents=True, exist_ok=True)
            for city_id in city_ids:
                for suffix in (".pdf", ".html"):
                    safe_paths.check_target(args.out / f"{city_id}-{args.lang}{suffix}", force=args.force)
        except (safe_paths.UnsafeOutput, OSError) as unsafe:
            print(f"not written: {unsafe}", file=sys.stderr)
            return 2
        context = context_line(session)
        reports = []
        for done, city_id in enumerate(city_ids, start=1):
            report = city_report_view.city_report(session, city_id)
            if report is not None:
                reports.append(report)
            if args.all:
                progress_bar("reading ", done, len(city_ids))
    if args.all:
        print(file=sys.stderr)
    if not reports:
        print(f"{city_ids[0]} has no Index results in the {args.dataset} data: no report to write", file=sys.stderr)
        return 2
    written = []
    printed = city_report.reports_files(reports, args.lang, context,
                                        progress=lambda done, total: progress_bar("printing", done, total))
    print(file=sys.stderr)
    for report, (html_text, pdf) in zip(reports, printed):
        stem = args.out / f"{report.city['city_id']}-{args.lang}"
        stem.with_suffix(".html").write_text(html_text, encoding="utf-8")
        stem.with_suffix(".pdf").write_bytes(pdf)
        written.append((report, city_report.page_count(pdf)))
    if args.all:
        (args.out / "index.html").write_text(city_report.reports_index(written, args.lang), encoding="utf-8")
    pages = sum(count for _, count in written)
    print(f"wrote {len(written)} report{'s' if len(written) > 1 else ''} ({pages} A4 pages, PDF and HTML) to "
          f"{args.out} in {time.monotonic() - started:.0f} s")
    return 0


def command_round_report(args: argparse.Namespace) -> int:
    """The round report for coordinators, A4 PDF and the same as HTML beside it."""
    from icc.i18n import set_dataset, set_language
    from icc.outputs import round_report, safe_paths
    from icc.outputs.context_line import context_line
    from icc.store import db
    from icc.store.sessions import PlainSession
    from icc.views import round_view

    set_language(args.lang)
    set_dataset(args.dataset)
    html_path = args.out.with_suffix(".html")
    try:
        for path in (args.out, html_path):
            safe_paths.check_target(path, force=args.force)
    except safe_paths.UnsafeOutput as unsafe:
        print(f"not written: {unsafe}", file=sys.stderr)
        return 2
    target = dataset_database(args.dataset)
    if target is None:
        return 2
    with db.connect(target) as con:
        session = PlainSession(con, args.lang, args.dataset, memo={})
        data = round_view.round_data(session)
        html_text, pdf = round_report.round_files(data, args.lang, context_line(session))
    html_path.write_text(html_text, encoding="utf-8")
    args.out.write_bytes(pdf)
    print(f"wrote {args.out} and {html_path}: {data.counts['assessed']} of {data.counts['cities']} cities with "
          f"Index results, {data.counts['never']} never assessed")
    return 0


def command_gallery(args: argparse.Namespace) -> int:
    from icc.outputs import safe_paths
    from icc.web import gallery
    from icc.web.shell import DATASETS

    try:
        safe_paths.check_folder(args.out, force=args.force)
    except safe_paths.UnsafeOutput as unsafe:
        print(f"not written: {unsafe}", file=sys.stderr)
        return 2
    if not DATASETS[args.dataset].exists():
        print(f"no {args.dataset} database at {DATASETS[args.dataset]}: run `make build` and `make demo`",
              file=sys.stderr)
        return 2
    items = gallery.render(args.out, args.dataset, args.lang, say=lambda text: print(text, flush=True))
    unreadable = [item for item in items if item.problems]
    images = sum(1 for item in items for name in item.files if name.endswith(".png"))
    print(f"wrote {args.out / 'index.html'}: {images} charts as PNG and SVG, the factsheet and the visit pack; "
          + (f"{len(unreadable)} image(s) with labels that do not read (see index.html)" if unreadable else
             "every label inside its image and clear of the others"))
    return 1 if unreadable else 0


def command_serve(args: argparse.Namespace) -> int:
    from icc.serving import launcher

    return launcher.serve(args.workers, args.port, args.address)


def command_settings(args: argparse.Namespace) -> int:
    print(settings.readme_section())
    return 0


def command_demo(args: argparse.Namespace) -> int:
    from icc.store import demo_network

    counts = demo_network.write_demo(args.out, cities=args.cities, years=args.years, seed=args.seed)
    print(f"built {args.out} (fictional demo network): " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(argv)
    except (publishing.Busy, import_batches.StoreBusy) as busy:
        print(f"not done: {busy}", file=sys.stderr)
        return 3


def run(argv: list[str] | None = None) -> int:
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
    import_parser.add_argument("--replace", action="store_true",
                               help="replace the file's assessments: their scores not in the file are removed "
                                    "(without it, a file only adds and changes scores)")
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
    pack_parser = commands.add_parser("pack", help="write a study visit as an offline HTML pack (and PDF)",
                                      description="Write the slides of a study visit (host city vs visiting city) "
                                                  "as one self-contained HTML file that works offline, and "
                                                  "optionally as a PDF, one 16:9 slide per page.")
    pack_parser.add_argument("--host", required=True, help="the host city: its name or id, in any case (Oslo, oslo)")
    pack_parser.add_argument("--visitor", required=True, help="the visiting city: its name or id")
    pack_parser.add_argument("--out", type=Path, default=Path("visit.html"),
                             help="the HTML file to write (default visit.html); never inside data/")
    pack_parser.add_argument("--pdf", type=Path, help="also print the slides to this PDF file")
    pack_parser.add_argument("--pptx", type=Path, help="also write the slides as a PowerPoint deck (native, editable "
                                                       "charts and speaker notes) to this file")
    document_options(pack_parser, "slides")
    pack_parser.set_defaults(handler=command_pack)
    report_parser = commands.add_parser(
        "report", help="write a city's Index report (A4 PDF and HTML), or every city's",
        description="Write '<City>: results of the Intercultural Cities Index' from the data: the city's results "
                    "against the network, its ranks among all and among similar cities, what changed, and whom "
                    "to learn from. Files: OUT/<city_id>-<lang>.pdf and .html.")
    report_parser.add_argument("city", nargs="?", help="the city: its name or id, in any case")
    report_parser.add_argument("--all", action="store_true", help="every city with Index results (and an index.html)")
    report_parser.add_argument("--out", type=Path, default=Path("reports"), help="the folder to write into")
    document_options(report_parser, "report")
    report_parser.set_defaults(handler=command_report)
    round_parser = commands.add_parser(
        "round-report", help="write the round report for coordinators (A4 PDF and HTML)",
        description="Write the Index's coverage of the network (who has results, how old, who never answered), "
                    "the network at a glance, the largest movers, the newest members, and results by country and "
                    "national network, as FILE.pdf and FILE.html.")
    round_parser.add_argument("--out", type=Path, default=Path("round-report.pdf"), help="the PDF to write")
    document_options(round_parser, "report")
    round_parser.set_defaults(handler=command_round_report)
    gallery_parser = commands.add_parser(
        "gallery", help="render every chart, the factsheet and the visit pack, with a contact sheet",
        description="Render, without a server and offline, every chart the app shows (PNG and SVG, as users "
                    "download them), the city factsheet PDF and the visit pack HTML and PDF, and an index.html "
                    "contact sheet that checks every label lies inside its image and clear of the others.")
    gallery_parser.add_argument("--out", type=Path, default=Path("gallery"), help="the folder to fill")
    gallery_parser.add_argument("--dataset", choices=["published", "demo"], default="published")
    gallery_parser.add_argument("--lang", choices=["en", "fr"], default="en")
    gallery_parser.add_argument("--force", action="store_true", help="write into a folder with other files")
    gallery_parser.set_defaults(handler=command_gallery)
    demo_parser = commands.add_parser("demo", help="generate the fictional demo network")
    demo_parser.add_argument("--cities", type=int, default=150)
    demo_parser.add_argument("--years", type=int, default=15)
    demo_parser.add_argument("--seed", type=int, default=7)
    demo_parser.add_argument("--out", type=Path, default=DEMO_DB)
    demo_parser.set_defaults(handler=command_demo)
    settings_parser = commands.add_parser("settings", help="every setting as the README's table (icc/settings.py)")
    settings_parser.set_defaults(handler=command_settings)
    serve_parser = commands.add_parser("serve", help="serve several workers behind HAProxy (make serve)")
    serve_parser.add_argument("--workers", type=int, default=2)
    serve_parser.add_argument("--port", type=int, default=settings.value("port"), help="the proxy's port")
    serve_parser.add_argument("--address", default="0.0.0.0", help="the proxy's address (0.0.0.0: every interface)")
    serve_parser.set_defaults(handler=command_serve)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
