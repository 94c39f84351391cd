"""`itag-bot import FILE [--skip-bad]`: bring a spreadsheet (CSV) or a calendar (.ics) over."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli import _services, command
from bot.settings import Settings
from domain.dates import local_today
from domain.imports import FileProblem, Row, read_csv, read_ics
from handlers.imports import IMPORT_ACTOR, ImportReport, import_rows
from storage.programme import current_period, member_names


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a .csv file with a header row, or an .ics calendar")
    parser.add_argument("--skip-bad", action="store_true", help="import the good rows even if some are bad")


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@command("import", "add activities from a CSV or iCalendar (.ics) file", _arguments)
def _import(args: argparse.Namespace, settings: Settings) -> int:
    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"itag-bot: {path}: {error.strerror}", file=sys.stderr)
        return 2
    services = _services(settings)
    with services.context(user_id=IMPORT_ACTOR) as ctx:
        try:
            plan = current_period(ctx.session, today=local_today(ctx.now, ctx.tz)) or ""
            rows = _read(path, data, member_names(ctx.session), plan)
        except (FileProblem, UnicodeDecodeError) as error:
            print(f"itag-bot: {path}: {error}", file=sys.stderr)
            return 1
        report = import_rows(ctx, rows, skip_bad=args.skip_bad, progress=_progress)
    _print_report(path, report)
    return 0 if report.stored else 1


def _read(path: Path, data: bytes, members: dict[str, str], plan: str) -> list[Row]:
    if path.suffix.lower() in (".ics", ".ical", ".ifb"):
        return read_ics(data)
    return read_csv(data.decode("utf-8-sig"), members=members, plan=plan)


def _print_report(path: Path, report: ImportReport) -> None:
    for line, reason in report.bad:
        print(f"{path.name}: line {line}: {reason}")
    if not report.stored:
        good = report.rows - report.bad_rows
        print(
            f"{report.bad_rows} bad row(s): nothing imported. "
            f"Fix them, or use --skip-bad to import the {good} good one(s)."
        )
        return
    present = report.rows - report.bad_rows - report.added
    summary = f"imported {report.added} activities from {path.name}"
    if present:
        summary += f"; {present} already present"
    if report.bad:
        summary += f"; skipped {report.bad_rows} bad row(s)"
    print(summary)
