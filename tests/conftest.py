"""Shared fixtures: a database per test (SQLite always, PostgreSQL when configured),
a fake Slack Web API on loopback, and the real app served over HTTP."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.services import Services, create_services, migrate, seed_programme
from bot.settings import Settings
from bot.slack_app import create_bolt_app
from bot.wsgi import create_wsgi_app
from storage.db import normalise_url
from storage.models import Base
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, SlackSender
from tests.wsgi_server import serving

FIXED_NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
EDITOR = "U0EDITOR"
REMINDER_CHANNEL = "C0REMIND"
PUBLIC_URL = "https://itag.example.org"

PG_URL = os.environ.get("ITAG_TEST_DATABASE_URL")

# ITAG_TEST_MODE=oauth runs the whole suite in OAuth mode: the app authorizes every request
# from slack_sdk's installation store, where the `services` fixture installs workspace T1.
OAUTH_MODE = os.environ.get("ITAG_TEST_MODE", "token").strip().lower() == "oauth"
MEMBERS = frozenset({"T1", "T2", "T3", "E1"})  # ITAG_WORKSPACES in OAuth mode
OAUTH_SECRETS = {"client_id": "C1TEST", "client_secret": "client-secret", "state_secret": "state-secret"}

# Rows that fault tests report; printed as a table at the end of the run.
FAULT_REPORT: list[dict[str, object]] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FAULT_REPORT:
        return
    terminalreporter.section("fault tests: summary")
    columns = list(dict.fromkeys(key for row in FAULT_REPORT for key in row))
    terminalreporter.write_line("| " + " | ".join(columns) + " |")
    terminalreporter.write_line("|" + "|".join("---" for _ in columns) + "|")
    for row in FAULT_REPORT:
        terminalreporter.write_line("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str | None]:
    """A private PostgreSQL database for this test run, migrated once, dropped at the end."""
    if not PG_URL:
        yield None
        return
    admin_url = normalise_url(PG_URL)
    name = f"itag_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)  # survives restarts
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path, postgres_url) -> str:  # type: ignore[no-untyped-def]
    """An empty, migrated database: a fresh SQLite file, or the run's PostgreSQL emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'itag.db'}"
    if postgres_url is None:
        pytest.skip("ITAG_TEST_DATABASE_URL is not set")
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        exists = connection.execute(text("SELECT to_regclass('activities')")).scalar()
        if exists:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return postgres_url


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def pytest_report_header() -> str:
    return f"itag-bot Slack mode: {'OAuth (ITAG_TEST_MODE=oauth)' if OAUTH_MODE else 'bot token'}"


@pytest.fixture
def settings(database_url: str, fake_slack: FakeSlack) -> Settings:
    base = Settings(
        database_url=database_url,
        bot_token="xoxb-test-token",
        signing_secret=SIGNING_SECRET,
        api_url=fake_slack.api_url,
        timezone="UTC",
        reminder_channel=REMINDER_CHANNEL,
        editors=frozenset({EDITOR}),
        public_url=PUBLIC_URL,
    )
    return oauth_settings(base) if OAUTH_MODE else base


def oauth_settings(base: Settings) -> Settings:
    """The same settings in OAuth mode: no bot token, the app's secrets and the members' ids."""
    return replace(base, bot_token=None, workspaces=MEMBERS, **OAUTH_SECRETS)


def install(
    services: Services,
    team: str | None,
    token: str,
    *,
    enterprise: str | None = None,
    org_wide: bool = False,
    refresh_token: str | None = None,
    expires_at: int | None = None,
) -> None:
    """Store an installation the way the OAuth flow does (OAuth mode only)."""
    assert services.installations is not None
    services.installations.save(
        Installation(
            app_id="A1",
            enterprise_id=enterprise,
            team_id=None if org_wide else team,
            bot_token=token,
            bot_id=f"B{token[-6:]}",
            bot_user_id="UBOT",
            bot_scopes="commands,chat:write",
            bot_refresh_token=refresh_token,
            bot_token_expires_at=expires_at,
            user_id="U0ADMIN",
            is_enterprise_install=org_wide,
            token_type="bot",
        )
    )


def install_in_oauth_mode(services: Services, team: str, token: str) -> None:
    """Another member workspace for a test that sends from several; nothing to do with one token."""
    if services.installations is not None:
        install(services, team, token)


@pytest.fixture
def clock() -> list[datetime]:
    """The app's clock; tests move time by assigning `clock[0]`."""
    return [FIXED_NOW]


@pytest.fixture
def services(settings: Settings, clock: list[datetime]) -> Iterator[Services]:
    """Migrated and seeded services whose clock reads `clock[0]`."""
    built = create_services(settings, clock=lambda: clock[0])
    migrate(built)
    seed_programme(built)
    if built.installations is not None:
        install(built, "T1", "xoxb-test-token")
    yield built
    built.close()


@contextmanager
def serve_wsgi(services: Services) -> Iterator[str]:
    """The real Bolt app behind the real WSGI app, served over HTTP on loopback."""
    with serving(create_wsgi_app(services, create_bolt_app(services))) as url:
        yield url


@pytest.fixture
def app_url(services: Services) -> Iterator[str]:
    with serve_wsgi(services) as url:
        yield url


@pytest.fixture
def slack(app_url: str, fake_slack: FakeSlack) -> SlackSender:
    """Sends signed slash commands and payloads to the app."""
    return SlackSender(app_url, fake_slack.response_url())
