"""The `itag-bot` command line: serve, socket, migrate, seed and ask."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from bot.logs import configure_logging
from bot.render import to_terminal
from bot.services import Services, create_services, migrate, prepare_database, seed_programme
from bot.settings import Settings, SettingsError
from handlers.router import answer_text

Command = Callable[[argparse.Namespace, Settings], int]
COMMANDS: dict[str, tuple[str, Command, Callable[[argparse.ArgumentParser], object]]] = {}


def command(
    name: str, about: str, arguments: Callable[[argparse.ArgumentParser], object] = lambda p: None
) -> Callable[[Command], Command]:
    """Register a subcommand (feature modules add theirs the same way)."""

    def wrap(func: Command) -> Command:
        COMMANDS[name] = (about, func, arguments)
        return func

    return wrap


def _services(settings: Settings, *, prepare: bool = True) -> Services:
    services = create_services(settings)
    if prepare:
        prepare_database(services)
    return services


@command("ask", "answer `/itag TEXT` in the terminal", lambda p: p.add_argument("text", nargs="*"))
def _ask(args: argparse.Namespace, settings: Settings) -> int:
    services = _services(settings)
    with services.context() as ctx:
        print(to_terminal(answer_text(ctx, " ".join(args.text))), end="")
    return 0


@command("migrate", "bring the database schema to the latest revision")
def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    migrate(_services(settings, prepare=False))
    print("database schema is up to date")
    return 0


@command("seed", "load the ITAG work programme (running it twice changes nothing)")
def _seed(args: argparse.Namespace, settings: Settings) -> int:
    services = _services(settings, prepare=False)
    if services.engine.dialect.name == "sqlite":
        migrate(services)
    report = seed_programme(services)
    added = f"{report.members} members, {report.plan_items} plan items, {report.activities} activities"
    print(f"seeded: {added} added")
    return 0


@command("serve", "run the HTTP server (gunicorn) on $PORT")
def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.server import serve

    settings.require("SLACK_SIGNING_SECRET" if settings.oauth else "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    prepare_database(create_services(settings))
    serve(settings)
    return 0


@command("socket", "run over Socket Mode (no public URL needed)")
def _socket(args: argparse.Namespace, settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.slack_app import create_bolt_app

    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    services = _services(settings)
    SocketModeHandler(create_bolt_app(services), settings.app_token).start()  # type: ignore[no-untyped-call]
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="itag-bot", description="ITAG work-programme bot for Slack")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (about, _func, arguments) in COMMANDS.items():
        arguments(sub.add_parser(name, help=about, description=about))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: exit 2 with one line on a configuration problem, never a traceback."""
    configure_logging()
    _load_feature_commands()
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command][1](args, settings)
    except SettingsError as error:
        print(f"itag-bot: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        reason = str(error.orig if hasattr(error, "orig") and error.orig else error).splitlines()[0]
        print(f"itag-bot: DATABASE_URL: the database cannot be used: {reason}", file=sys.stderr)
        return 2


def _load_feature_commands() -> None:
    """Import feature modules that add subcommands (kept lazy so `ask` stays fast)."""
    for module in FEATURE_MODULES:
        __import__(module)


FEATURE_MODULES: list[str] = ["bot.clock", "bot.import_cli", "bot.plan_cli"]

if __name__ == "__main__":
    # Run the imported module's main, so feature modules register into the same COMMANDS.
    from bot import cli

    sys.exit(cli.main())
