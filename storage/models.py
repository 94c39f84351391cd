"""SQLAlchemy models: the whole schema, mirrored by the Alembic migrations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    true,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from domain.text import search_text
from storage.db import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Member(Base):
    __tablename__ = "members"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)


# What search matches, folded (domain.text.fold); kept in step on every write, below.
ACTIVITY_SEARCHED = ("title", "place", "description", "kind")
PLAN_ITEM_SEARCHED = ("title", "body")


def _searched(*names: str) -> Callable[[DefaultExecutionContext], str]:
    """A column default folding the row's searched columns, for ORM and Core inserts alike."""

    def build(context: DefaultExecutionContext) -> str:
        values = context.get_current_parameters()  # type: ignore[no-untyped-call]
        return search_text(_as_text(values.get(name)) for name in names)

    return build


def _as_text(value: object) -> str | None:
    return value.replace("_", " ") if isinstance(value, str) else None


class MemberFact(Base):
    """What a member joined (ITAG, the GTAGA), when, and where the record says so."""

    __tablename__ = "member_facts"
    __table_args__ = (UniqueConstraint("member_code", "joined"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_code: Mapped[str] = mapped_column(ForeignKey("members.code"))
    joined: Mapped[str] = mapped_column(String(10))  # "ITAG" or "GTAGA"
    on_date: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(8), default="day")
    source: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Programme(Base):
    """A work programme: its title, period and the headed lists its items sit in."""

    __tablename__ = "programmes"

    period: Mapped[str] = mapped_column(String(20), primary_key=True)  # "2022-2024"
    title: Mapped[str] = mapped_column(Text)
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    background: Mapped[str | None] = mapped_column(Text)
    sections: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PlanItem(Base):
    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("plan", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(20))
    parent_ref: Mapped[str | None] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text)  # the item's bold lead-in as the text gives it, or ""
    body: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default=_searched(*PLAN_ITEM_SEARCHED), server_default="")
    section: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    numbered: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired_by: Mapped[str | None] = mapped_column(String(40))
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # "view:<id>" of a form


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (
        Index("ix_activities_start_date", "start_date"),
        Index("ix_activities_starts_at", "starts_at"),
        Index("ix_activities_kind_start", "kind", "start_date"),
        # Trigram index: serves LIKE '%word%' on PostgreSQL (migration 0006); SQLite scans.
        Index(
            "ix_activities_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        ).ddl_if(dialect="postgresql"),
        Index("ix_activities_series_key", "series_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    precision: Mapped[str] = mapped_column(String(8), default="day")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    place: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(1000))
    plan_ref: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default="active")
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    series_key: Mapped[str | None] = mapped_column(String(200))  # an imported series' occurrences share it
    source_version: Mapped[str | None] = mapped_column(String(60))  # the imported SEQUENCE|DTSTAMP
    created_by: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(40))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(40))
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by: Mapped[str | None] = mapped_column(String(40))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    search_text: Mapped[str] = mapped_column(Text, default=_searched(*ACTIVITY_SEARCHED), server_default="")

    hosts: Mapped[list[ActivityHost]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ActivityHost.member_code"
    )


@event.listens_for(Activity, "before_update")
@event.listens_for(PlanItem, "before_update")
def _refold(_mapper: object, _connection: object, target: Activity | PlanItem) -> None:
    """An edited row is searched by its new text."""
    names = ACTIVITY_SEARCHED if isinstance(target, Activity) else PLAN_ITEM_SEARCHED
    target.search_text = search_text(_as_text(getattr(target, name)) for name in names)


class ActivityHost(Base):
    __tablename__ = "activity_hosts"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    member_code: Mapped[str] = mapped_column(ForeignKey("members.code"), primary_key=True)


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON, default=dict)


class RecordAudit(Base):
    """A change to a programme, a plan item or a member: who, when, what from what."""

    __tablename__ = "record_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(80), index=True)  # "programme:2025-2027", "member:CO"
    actor: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON, default=dict)
    source_key: Mapped[str | None] = mapped_column(String(200), unique=True)  # the form submission


class ReminderRule(Base):
    __tablename__ = "reminder_rules"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    leads: Mapped[str] = mapped_column(String(200), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)


class AppSetting(Base):
    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Subscription(Base):
    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "target"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(60))  # "kind:<slug>" or "activity:<id>"
    workspace: Mapped[str | None] = mapped_column(String(32))  # whose bot token DMs the subscriber
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Delivery(Base):
    """The ledger: a row is claimed before a post, so a reminder is sent at most once."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("activity_id", "lead", "recipient", "occurrence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(Integer, index=True)
    lead: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(40))
    occurrence: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(12), default="claimed")
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(40))
    message_ts: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)


class DigestRun(Base):
    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("period", "recipient"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12), default="claimed")
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_ts: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)


class HomeReader(Base):
    """Who opened the Home tab and when: they get it refreshed when activities change."""

    __tablename__ = "home_readers"

    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    team_id: Mapped[str | None] = mapped_column(String(20))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class UserLanguage(Base):
    """A user's language: their own choice (/itag language) over their Slack locale, cached."""

    __tablename__ = "user_languages"

    user_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    chosen: Mapped[str | None] = mapped_column(String(8))
    slack_locale: Mapped[str | None] = mapped_column(String(16))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ChannelLanguage(Base):
    """The language reminders and digests are posted in, per channel."""

    __tablename__ = "channel_languages"

    channel: Mapped[str] = mapped_column(String(100), primary_key=True)
    language: Mapped[str] = mapped_column(String(8))


# slack_sdk's OAuth installation and state stores keep their rows on our database. Their tables
# are the library's own definitions (so the stores read what the migrations created), migrated
# by Alembic with everything else.
SLACK_INSTALLATIONS = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, "slack_installations"
)
SLACK_BOTS = SQLAlchemyInstallationStore.build_bots_table(Base.metadata, "slack_bots")
SLACK_OAUTH_STATES = SQLAlchemyOAuthStateStore.build_oauth_states_table(Base.metadata, "slack_oauth_states")
