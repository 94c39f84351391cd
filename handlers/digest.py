"""The weekly digest: this week, the next 30 days, and planned items with no date yet."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from domain.calendar_links import CalendarLinks
from domain.i18n import _
from domain.mrkdwn import escape, truncate
from domain.records import Activity
from handlers.blocks import activity_card, activity_summary, header
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Block
from storage.activities import undated_activities, upcoming_activities
from storage.programme import member_names

MAX_CARDS = 20  # two blocks each keeps a digest well inside Slack's 50 blocks
MAX_UNDATED = 15


def digest_answer(session: Session, *, today: date, links: CalendarLinks | None = None) -> Answer | None:
    """The digest for the week of `today`; None when nothing is dated in the next 30 days."""
    found = upcoming_activities(session, start=today, end=today + timedelta(days=30), limit=MAX_CARDS)
    dated = found.items
    if not dated:
        return None
    sunday = today + timedelta(days=6 - today.weekday())
    this_week = [a for a in dated if a.start is not None and a.start <= sunday]
    later = [a for a in dated if a not in this_week]
    members = member_names(session)
    title = _("ITAG: this week and the next 30 days")
    blocks = [header(title)]
    blocks += _part(_("This week"), this_week, members, links) + _part(
        _("Next 30 days"), later, members, links
    )
    if found.more:
        blocks.append(context(_("…and more. `/itag upcoming 30d` lists them all.")))
    undated = undated_activities(session)
    blocks += _undated(undated)
    no_date = _("(no date yet)")
    lines = [activity_summary(a) for a in dated] + [f"{no_date} {a.title}" for a in undated]
    return Answer(text=title + "\n" + "\n".join(lines), blocks=blocks)


def _part(
    title: str, items: list[Activity], members: dict[str, str], links: CalendarLinks | None
) -> list[Block]:
    if not items:
        return []
    blocks = [section(f"*{title}*")]
    for activity in items:
        blocks.extend(activity_card(activity, members, links=links))
    return blocks


def _undated(items: list[Activity]) -> list[Block]:
    if not items:
        return []
    lines = [f"• #{a.id} {escape(truncate(a.title, 150))}" for a in items[:MAX_UNDATED]]
    if len(items) > MAX_UNDATED:
        lines.append(_("…and {count} more").format(count=len(items) - MAX_UNDATED))
    return [section("*" + _("Planned, no date yet") + "*\n" + "\n".join(lines))]
