"""The `itag-bot` command line: serve, socket, migrate, seed and ask."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from bot.logs import configure_logging
from bot.render import to_terminal
from bot.services import Services, create_services, migrate, prepare_database, seed_programme
from bot.settings import Settings, SettingsError
from handlers.router import answer_text

Command = Callable[[argparse.Namespace, Settings], int]
Arguments = Callable[[argparse.ArgumentParser], object]


@dataclass(frozen=True)
class Subcommand:
    """One `itag-bot` subcommand: what it does, the function that runs it, its arguments.

    `run` is "module:function", imported only when that command runs (so `ask` stays fast).
    """

    about: str
    run: str
    arguments: Arguments = lambda parser: None

    def function(self) -> Command:
        module, _, name = self.run.partition(":")
        found: Command = getattr(importlib.import_module(module), name)
        return found


def _import_arguments(parser: argparse.ArgumentParser) -> None:
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


def _preview_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["preview"])
    parser.add_argument("--days", type=int, default=14, help="how far ahead to look (default 14)")


def _plan_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["import"], help="import: read a programme from an outline file")
    parser.add_argument("file", type=Path, help="a Markdown outline: “# Title 2025-2027”, headings, items")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be added or changed; store nothing"
    )


def _review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("period", help="the programme's period, e.g. 2022-2024")
    parser.add_argument("--format", choices=["md", "csv"], default="md", help="Markdown (default) or CSV")
    parser.add_argument("--output", type=Path, help="write to this file instead of the terminal")


def _clock_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="one pass, then exit")


def _ask_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="*")


# The one table of subcommands: name, what it does, "module:function" that runs it, its arguments.
COMMANDS: dict[str, Subcommand] = {
    "ask": Subcommand("answer `/itag TEXT` in the terminal", "bot.cli:ask_command", _ask_arguments),
    "migrate": Subcommand("bring the database schema to the latest revision", "bot.cli:migrate_command"),
    "seed": Subcommand(
        "load the ITAG work programme (running it twice changes nothing)", "bot.cli:seed_command"
    ),
    "serve": Subcommand("run the HTTP server (gunicorn) on $PORT", "bot.cli:serve_command"),
    "socket": Subcommand("run over Socket Mode (no public URL needed)", "bot.cli:socket_command"),
    "clock": Subcommand(
        "run the reminder clock (never inside web workers)", "bot.clock:clock_command", _clock_arguments
    ),
    "reminders": Subcommand(
        "what the clock will send: `reminders preview [--days N]`",
        "bot.clock:reminders_command",
        _preview_arguments,
    ),
    "import": Subcommand(
        "add or update activities from a CSV or iCalendar (.ics) file",
        "bot.import_cli:import_command",
        _import_arguments,
    ),
    "plan": Subcommand(
        "work programmes: `plan import FILE [--dry-run]` reads a Markdown outline",
        "bot.plan_cli:plan_command",
        _plan_arguments,
    ),
    "review": Subcommand(
        "a programme's review per item, with totals: `review PERIOD --format md|csv`",
        "bot.plan_cli:review_command",
        _review_arguments,
    ),
}


def services_for(settings: Settings, *, prepare: bool = True) -> Services:
    """The services for a command; an embedded database is migrated and seeded first."""
    services = create_services(settings)
    if prepare:
        prepare_database(services)
    return services


def ask_command(args: argparse.Namespace, settings: Settings) -> int:
    services = services_for(settings)
    with services.context() as ctx:
        print(to_terminal(answer_text(ctx, " ".join(args.text))), end="")
    return 0


def migrate_command(args: argparse.Namespace, settings: Settings) -> int:
    migrate(services_for(settings, prepare=False))
    print("database schema is up to date")
    return 0


def seed_command(args: argparse.Namespace, settings: Settings) -> int:
    services = services_for(settings, prepare=False)
    if services.engine.dialect.name == "sqlite":
        migrate(services)
    report = seed_programme(services)
    added = f"{report.members} members, {report.plan_items} plan items, {report.activities} activities"
    print(f"seeded: {added} added")
    return 0


def serve_command(args: argparse.Namespace, settings: Settings) -> int:
    from bot.server import serve

    settings.require("SLACK_SIGNING_SECRET" if settings.oauth else "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    prepare_database(create_services(settings))
    serve(settings)
    return 0


def socket_command(args: argparse.Namespace, settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack_app import create_bolt_app

    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    services = services_for(settings)
    SocketModeHandler(create_bolt_app(services), settings.app_token).start()  # type: ignore[no-untyped-call]
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="itag-bot", description="ITAG work-programme bot for Slack")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, subcommand in COMMANDS.items():
        subcommand.arguments(sub.add_parser(name, help=subcommand.about, description=subcommand.about))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: exit 2 with one line on a configuration problem, never a traceback."""
    configure_logging()
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command].function()(args, settings)
    except SettingsError as error:
        print(f"itag-bot: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        reason = str(error.orig if hasattr(error, "orig") and error.orig else error).splitlines()[0]
        print(f"itag-bot: DATABASE_URL: the database cannot be used: {reason}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
