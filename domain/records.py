"""Plain records the handlers work with; storage fills them, nothing here does I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from domain.dates import DateSpec


@dataclass(frozen=True)
class Activity:
    """One ITAG activity as readers see it."""

    id: int
    title: str
    kind: str
    when: DateSpec
    timezone: str = "UTC"
    start_time: time | None = None
    end_time: time | None = None  # on the last day, in the same zone as the start
    starts_at: datetime | None = None
    place: str | None = None
    hosts: tuple[str, ...] = ()
    plan_ref: str | None = None
    description: str | None = None
    link: str | None = None
    cancelled: bool = False
    created_by: str | None = None

    @property
    def start(self) -> date | None:
        return self.when.start

    @property
    def start_date(self) -> date | None:
        return self.when.start

    @property
    def end_date(self) -> date | None:
        return self.when.end


@dataclass(frozen=True)
class Member:
    """A member economy and when it joined ITAG and the GTAGA."""

    code: str
    name: str
    itag_joined: str | None
    gtaga_joined: str | None
    notes: str | None = None


@dataclass(frozen=True)
class PlanItem:
    """A numbered item of a work plan, with its sub-actions."""

    plan: str
    ref: str
    title: str
    body: str = ""
    children: tuple[PlanItem, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AuditRecord:
    """One change to an activity: who, when, what, and each field's old and new value."""

    activity_id: int
    actor: str
    at: datetime
    action: str
    changes: dict[str, list[object]]
