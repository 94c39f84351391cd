"""What every handler receives and returns; nothing here knows about Slack's wire."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from domain.calendar_links import CalendarLinks
from domain.drafts import is_editor

Block = dict[str, Any]


@dataclass(frozen=True)
class Context:
    """Who is asking, when, in which zone, with which database session."""

    session: Session
    now: datetime
    tz: str
    user_id: str = "cli"
    team_id: str | None = None
    channel_id: str | None = None
    workspace: str | None = None  # OAuth mode: the installation asking (team, or org when org-wide)
    editors: frozenset[str] = frozenset()
    reminder_channel: str | None = None  # ITAG_REMINDER_CHANNEL, the default until set in Slack
    calendar: CalendarLinks = field(default_factory=lambda: CalendarLinks(None))  # needs ITAG_PUBLIC_URL
    language: str = "en"  # what answers are written in; in force (domain.i18n) while it is built

    @property
    def is_editor(self) -> bool:
        return is_editor(self.user_id, self.team_id, self.editors)


@dataclass(frozen=True)
class Answer:
    """A reply: Block Kit blocks and the plain-text fallback that goes with them."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    shareable: bool = True


@dataclass(frozen=True)
class OpenModal:
    """A reply that is a modal to open rather than a message."""

    view: dict[str, Any]


Reply = Answer | OpenModal
