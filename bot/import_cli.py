"""`itag-bot import FILE`: bring a spreadsheet (CSV) or a calendar (.ics) over, or show what would change."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dateutil.relativedelta import relativedelta

from bot.cli import _services, command
from bot.settings import Settings
from domain.cells import is_zone
from domain.dates import local_today, parse_window
from domain.ics import IcsOptions, read_ics
from domain.imports import FileProblem, ImportFile, file_scope_name
from domain.spreadsheet import SheetOptions, read_csv
from handlers.context import Context
from handlers.import_plan import describe
from handlers.imports import IMPORT_ACTOR, Edits, ImportOptions, ImportReport, import_file
from storage.programme import current_period, member_names

_ICS = (".ics", ".ical", ".ifb", ".icalendar")
_SHOWN = (
    ("add", "add"),
    ("update", "update"),
    ("cancel", "cancel"),
    ("unchanged", "leave unchanged"),
    ("ignore", "ignore"),
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a .csv file with a header row, or an .ics calendar")
    parser.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")
    parser.add_argument("--dry-run", action="store_true", help="print what would change and store nothing")
    edits = parser.add_mutually_exclusive_group()
    edits.add_argument(
        "--update", action="store_true", help="rows that look like edits update the stored one"
    )
    edits.add_argument("--add", action="store_true", help="rows that look like edits are added as new")
    parser.add_argument(
        "--date-order", choices=("dmy", "mdy", "ymd"), help="how to read numeric dates like 6/5/2027"
    )
    parser.add_argument("--calendar", help="the name this file's events are known by (default: its own)")
    parser.add_argument("--window", default="2y", help="how far ahead to expand recurring events (2y)")
    parser.add_argument("--timezone", help="the zone of .ics times that give none (default ITAG_TIMEZONE)")


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@command("import", "add or update activities from a CSV or iCalendar (.ics) file", _arguments)
def _import(args: argparse.Namespace, settings: Settings) -> int:
    path: Path = args.file
    window = parse_window(args.window)
    if window is None:
        print(f"itag-bot: --window {args.window}: give a span like 2y, 18m or 90d", file=sys.stderr)
        return 2
    if args.timezone and not is_zone(args.timezone):
        print(
            f"itag-bot: --timezone {args.timezone}: not a time zone name (like Europe/Zurich)",
            file=sys.stderr,
        )
        return 2
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"itag-bot: {path}: {error.strerror}", file=sys.stderr)
        return 2
    services = _services(settings)
    with services.context(user_id=IMPORT_ACTOR) as ctx:
        try:
            file = _read(args, path, data, ctx, window)
        except FileProblem as error:
            print(f"itag-bot: {path}: {error}", file=sys.stderr)
            return 1
        edits: Edits = "update" if args.update else "add" if args.add else "ask"
        options = ImportOptions(skip_bad=args.skip_bad, dry_run=args.dry_run, edits=edits)
        report = import_file(ctx, file, options, progress=_progress)
    _print_report(path, report, ctx.tz, dry_run=args.dry_run)
    return 1 if report.stopped else 0


def _read(
    args: argparse.Namespace, path: Path, data: bytes, ctx: Context, window: relativedelta
) -> ImportFile:
    stem = file_scope_name(path.stem)
    today = local_today(ctx.now, ctx.tz)
    if path.suffix.lower() in _ICS or data.lstrip(b"\xef\xbb\xbf \r\n").startswith(b"BEGIN:VCALENDAR"):
        zone = args.timezone or ctx.tz
        return read_ics(data, IcsOptions(args.calendar, stem, today, today + window, zone))
    members = member_names(ctx.session)
    plan = current_period(ctx.session, today=today) or ""
    sheet = SheetOptions(members, plan, args.date_order, args.calendar or stem)
    return read_csv(data, sheet)


def _print_report(path: Path, report: ImportReport, zone: str, *, dry_run: bool) -> None:
    for action in report.plan.of("refuse"):
        for reason in action.reasons:
            print(f"{path.name}: {_where(action.row.line, action.row.label)}: {reason}")
    for note in report.notes:
        print(f"note: {note}")
    if dry_run or report.stopped == "edits":
        _print_plan(report, zone, dry_run=dry_run)
    print(_summary(path, report, dry_run=dry_run))
    if report.stopped == "bad":
        good = report.rows - report.count("refuse")
        print(
            f"{report.count('refuse')} bad row(s): nothing imported. "
            f"Fix them, or use --skip-bad to import the {good} good one(s)."
        )
    elif report.stopped == "edits":
        print(
            f"{report.count('edit?')} row(s) look like edits of stored activities "
            "(same title, other values): "
            "nothing imported. Run again with --update to change those activities, "
            "or with --add to add these rows as new ones."
        )


def _where(line: int, label: str) -> str:
    where = f"line {line}" if line else ""
    return f"{where} ({label})" if where and label else where or label


def _print_plan(report: ImportReport, zone: str, *, dry_run: bool) -> None:
    verb = "would " if dry_run else ""
    for action in report.plan.of("edit?"):
        print(f"looks like an edit: {describe(action, zone)}")
    shown = _SHOWN if dry_run else ()
    for kind, words in shown:
        for action in report.plan.of(kind):
            print(f"{verb}{words}: {describe(action, zone)}")


def _summary(path: Path, report: ImportReport, *, dry_run: bool) -> str:
    counts = ", ".join(
        f"{label} {report.count(kind)}"
        for kind, label in (
            ("add", "added"),
            ("update", "updated"),
            ("cancel", "cancelled"),
            ("unchanged", "unchanged"),
            ("refuse", "refused"),
        )
    )
    ignored = report.count("ignore")
    tail = f"; {ignored} cancelled event(s) never stored, ignored" if ignored else ""
    if dry_run:
        return f"{path.name}: dry run, nothing stored; would be: {counts}{tail}"
    if report.stored:
        return f"{path.name}: {counts}{tail}"
    return f"{path.name}: nothing stored; as read: {counts}{tail}"
