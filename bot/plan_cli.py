"""`itag-bot plan import FILE [--dry-run]`: a work programme from a Markdown outline."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.cli import _services, command
from bot.services import Services
from bot.settings import Settings
from domain.outline import OutlineError, read_outline
from domain.review import to_csv, to_markdown
from handlers.review import find_reviewed, review_of
from storage.programme import member_names
from storage.programme_writes import ImportReport, import_outline

IMPORT_ACTOR = "cli:plan-import"


@contextmanager
def closing_engine(services: Services) -> Iterator[None]:
    """Close the pool when the command is done (tests call these in one long process)."""
    try:
        yield
    finally:
        services.engine.dispose()


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["import"], help="import: read a programme from an outline file")
    parser.add_argument("file", type=Path, help="a Markdown outline: “# Title 2025-2027”, headings, items")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be added or changed; store nothing"
    )


@command("plan", "work programmes: `plan import FILE [--dry-run]` reads a Markdown outline", _arguments)
def _plan(args: argparse.Namespace, settings: Settings) -> int:
    path: Path = args.file
    try:
        outline = read_outline(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        print(f"itag-bot: {path}: {error.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"itag-bot: {path}: not UTF-8 text", file=sys.stderr)
        return 1
    except OutlineError as error:
        for problem in error.problems:
            print(f"{path.name}: {problem}", file=sys.stderr)
        print("nothing imported", file=sys.stderr)
        return 1
    services = _services(settings)
    with closing_engine(services), services.context(user_id=IMPORT_ACTOR) as ctx:
        report = import_outline(
            ctx.session, outline=outline, actor=IMPORT_ACTOR, now=ctx.now, apply=not args.dry_run
        )
    _print(path, report, dry_run=args.dry_run)
    return 0


def _print(path: Path, report: ImportReport, *, dry_run: bool) -> None:
    for line in report.lines:
        print(("would " if dry_run else "") + line)
    for ref in report.kept:
        print(f"item {ref} is on record but not in {path.name}: kept (retire it in Slack if it is gone)")
    if not report.changed:
        print(f"programme {report.period}: nothing to change")
    elif dry_run:
        print(f"dry run: {len(report.lines)} change(s) to programme {report.period}, nothing stored")
    else:
        print(f"programme {report.period}: {len(report.lines)} change(s) stored")


def _review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("period", help="the programme's period, e.g. 2022-2024")
    parser.add_argument("--format", choices=["md", "csv"], default="md", help="Markdown (default) or CSV")
    parser.add_argument("--output", type=Path, help="write to this file instead of the terminal")


@command(
    "review", "a programme's review per item, with totals: `review PERIOD --format md|csv`", _review_arguments
)
def _review(args: argparse.Namespace, settings: Settings) -> int:
    services = _services(settings)
    with closing_engine(services), services.context(user_id="cli") as ctx:
        found = find_reviewed(ctx, [args.period])
        if isinstance(found, str):
            print(f"itag-bot: {found.replace('`/itag review`', 'review')}", file=sys.stderr)
            return 2
        review, members = review_of(ctx, found), member_names(ctx.session)
    text = to_markdown(review, members) if args.format == "md" else to_csv(review, members)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    newline = "" if args.format == "csv" else None
    with args.output.open("w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)
    print(f"review of {found.period} written to {args.output}")
    return 0
