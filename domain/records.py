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


@dataclass(frozen=True)
class MemberFact:
    """What a member joined ("ITAG" or "GTAGA"), when (with its precision), and the source."""

    joined: str
    when: DateSpec
    source: str


@dataclass(frozen=True)
class Member:
    """A member economy and the facts the record holds about its joining."""

    code: str
    name: str
    facts: tuple[MemberFact, ...] = ()
    notes: str | None = None

    def fact(self, joined: str) -> MemberFact | None:
        """The recorded fact about joining `joined`, if any."""
        return next((f for f in self.facts if f.joined == joined), None)


@dataclass(frozen=True)
class Section:
    """One headed list of a programme: its heading and the sentence that introduces it."""

    heading: str
    intro: str = ""


@dataclass(frozen=True)
class Programme:
    """A work programme: title, period (start and end year), its lists, and its background."""

    period: str
    title: str
    start_year: int
    end_year: int
    sections: tuple[Section, ...] = ()
    background: str | None = None


@dataclass(frozen=True)
class PlanItem:
    """An item of a programme (numbered as the text numbers it, or an unnumbered point).

    `title` is the item's lead-in as the text gives it ("ITAG expansion"), or "" when the
    text has none; `body` is the rest of its wording. `ref` addresses it; it is shown only
    when `numbered`.
    """

    plan: str
    ref: str
    title: str
    body: str = ""
    children: tuple[PlanItem, ...] = field(default_factory=tuple)
    numbered: bool = True
    section: int = 0
    parent_ref: str | None = None
    retired: bool = False

    @property
    def wording(self) -> str:
        """The item's full wording: lead-in and text, as the programme gives them."""
        if self.title and self.body:
            return f"{self.title}: {self.body}"
        return self.title or self.body


@dataclass(frozen=True)
class AuditRecord:
    """One change to an activity: who, when, what, and each field's old and new value."""

    activity_id: int
    actor: str
    at: datetime
    action: str
    changes: dict[str, list[object]]
