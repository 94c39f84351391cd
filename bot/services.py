"""The composition root: builds the engine, sessions, clock and contexts from settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.installations import MemberInstallationStore
from bot.languages import LanguageResolver, slack_locale_lookup
from bot.settings import Settings, SettingsError
from bot.slack_token import TokenCheck
from domain.calendar_links import CalendarLinks
from domain.i18n import DEFAULT_LANGUAGE, speaking
from handlers.context import Context
from storage.db import make_engine, make_session_factory
from storage.migrate import is_current, upgrade
from storage.models import Member
from storage.seed import SeedReport, seed
from storage.versions import track_writes

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """What every entry point shares: settings, database and the clock."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    clock: Clock = system_clock
    token_check: TokenCheck | None = None  # single-token mode: is SLACK_BOT_TOKEN good?
    # Called after every commit that changed what answers show (the Home tab refresher listens).
    change_listeners: list[Callable[[], None]] = field(default_factory=list)
    on_close: list[Callable[[], None]] = field(default_factory=list)  # stop background work
    languages: LanguageResolver = field(default_factory=LanguageResolver)
    installations: MemberInstallationStore | None = None  # OAuth mode: the members' installations

    @contextmanager
    def context(
        self,
        *,
        user_id: str = "cli",
        team_id: str | None = None,
        channel_id: str | None = None,
        language: str | None = None,
        workspace: str | None = None,
    ) -> Iterator[Context]:
        """A handler context inside one transaction, in the user's language (or `language`)."""
        with self.session_factory.begin() as session:
            now = self.clock()
            language = language or self.languages.for_user(session, user_id=user_id, now=now)
            with speaking(language) as spoken:
                context = self._context(session, now, user_id, team_id, channel_id, spoken)
                # OAuth mode: which installation asks (its own reminder channel, its DMs).
                yield replace(context, workspace=workspace) if self.settings.oauth else context

    def language_of(self, user_id: str | None) -> str:
        """A user's language outside a handler (generic replies), resolved as handlers get it;
        English for a request without a user, the last known language when the database fails."""
        if not user_id:
            return DEFAULT_LANGUAGE
        try:
            with self.session_factory.begin() as session:
                return self.languages.for_user(session, user_id=user_id, now=self.clock())
        except SQLAlchemyError:
            return self.languages.last_known(user_id)

    def _context(
        self,
        session: Session,
        now: datetime,
        user_id: str,
        team_id: str | None,
        channel_id: str | None,
        language: str,
    ) -> Context:
        return Context(
            session=session,
            now=now,
            tz=self.settings.timezone,
            user_id=user_id,
            team_id=team_id,
            channel_id=channel_id,
            editors=self.settings.editors,
            reminder_channel=self.settings.reminder_channel,
            calendar=self.calendar_links(),
            language=language,
        )

    def calendar_links(self) -> CalendarLinks:
        """Builds and checks calendar URLs (ITAG_PUBLIC_URL, signed with the app's secret)."""
        return CalendarLinks(self.settings.public_url, self.settings.signing_secret)

    def close(self) -> None:
        """Stop background work (pending Home tab refreshes), then close the connection pool."""
        for stop in self.on_close:
            stop()
        self.change_listeners.clear()
        self.engine.dispose()

    def database_ok(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True


def create_services(settings: Settings, *, clock: Clock = system_clock) -> Services:
    """Build the services; nothing connects until first used."""
    try:
        engine = make_engine(settings.database_url)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise SettingsError(f"DATABASE_URL is not a usable database URL: {error}") from error
    except ImportError as error:  # a dialect SQLAlchemy knows whose driver is not installed
        raise SettingsError(f"DATABASE_URL: its database driver is not installed ({error})") from error
    factory = make_session_factory(engine)
    listeners: list[Callable[[], None]] = []

    def changed() -> None:
        for listener in list(listeners):
            listener()

    track_writes(factory, on_change=changed)
    if settings.oauth:
        assert settings.client_id  # noqa: S101 (oauth implies it)
        store = MemberInstallationStore(settings.client_id, engine, settings.workspaces)
        languages = LanguageResolver(store.locale_lookup(settings.api_url))
        return Services(
            settings, engine, factory, clock, None, listeners, languages=languages, installations=store
        )
    check = TokenCheck(settings.bot_token, settings.api_url) if settings.bot_token else None
    lookup = slack_locale_lookup(settings.bot_token, settings.api_url) if settings.bot_token else None
    return Services(settings, engine, factory, clock, check, listeners, languages=LanguageResolver(lookup))


def migrate(services: Services) -> None:
    """Bring the schema to the latest revision."""
    upgrade(services.engine)


def seed_programme(services: Services) -> SeedReport:
    """Load whatever part of the work programme is missing."""
    with services.session_factory.begin() as session:
        return seed(session, now=services.clock(), default_zone=services.settings.timezone)


def prepare_database(services: Services) -> None:
    """First-run convenience: an embedded database is migrated and seeded by itself."""
    embedded = services.engine.dialect.name == "sqlite"
    if not is_current(services.engine):
        if not embedded:
            raise SettingsError("DATABASE_URL: the schema is not up to date; run `itag-bot migrate`")
        migrate(services)
    if embedded:
        with services.session_factory() as session:
            empty = session.scalars(select(Member.code).limit(1)).first() is None
        if empty:
            seed_programme(services)
