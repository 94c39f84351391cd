"""The Home tab: next activities (reader's time and host's), the programme's progress, the
undated plans, and buttons to log, subscribe and manage reminders. Built, never sent, here."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from domain.dates import format_day, local_today
from domain.i18n import _, ngettext
from domain.kinds import kind_label
from domain.mrkdwn import escape, truncate
from domain.programme import number_label, shorten
from domain.records import Activity
from handlers import ids
from handlers.blocks import actions, button, calendar_url, card_context, card_text, divider, header
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Block, Context
from storage.activities import undated_activities, upcoming_activities
from storage.home import ItemProgress, current_programme, programme_progress
from storage.programme import member_names, plan_item_names

UPCOMING_PAGE = 8  # two blocks a card
UNDATED_PAGE = 15
HOME_BLOCKS = 100
MODAL_BLOCKS = 100

# Home buttons and the `/itag` command each one runs (the action id decides; the value is unused).
HOME_COMMANDS = {
    ids.HOME_LOG: "add",
    ids.HOME_CALENDAR: "calendar",
    ids.HOME_REMINDERS: "reminders",
    ids.HOME_SUBSCRIPTIONS: "subscribe",
}


@dataclass(frozen=True)
class HomePage:
    """Where the reader has paged to in each list."""

    upcoming: int = 0
    undated: int = 0

    def dumps(self) -> str:
        return json.dumps({"u": self.upcoming, "n": self.undated})

    @classmethod
    def loads(cls, raw: str) -> HomePage:
        """A page from a button's value; anything malformed is the first page."""
        try:
            value = json.loads(raw)
            return cls(max(int(value["u"]), 0), max(int(value["n"]), 0))
        except (ValueError, KeyError, TypeError):
            return cls()


def home_view(ctx: Context, page: HomePage | None = None) -> dict[str, Any]:
    """The whole Home tab for the reader in `ctx`."""
    page = page or HomePage()
    blocks = [
        header(_("ITAG — Inclusive Trade Action Group")),
        context(_("Times show in your own time zone, with the host's local time beside them.")),
        _buttons(ctx),
        *_upcoming(ctx, page),
        *_programme(ctx),
        *_undated(ctx, page),
    ]
    return {"type": "home", "blocks": blocks[:HOME_BLOCKS]}


def _buttons(ctx: Context) -> Block:
    reminders = _("Manage reminders") if ctx.is_editor else _("Reminders")
    labels = [
        (ids.HOME_LOG, _("Log an activity")),
        (ids.HOME_CALENDAR, _("Subscribe a calendar")),
        (ids.HOME_REMINDERS, reminders),
        (ids.HOME_SUBSCRIPTIONS, _("My subscriptions")),
    ]
    elements = [button(label, action_id, HOME_COMMANDS[action_id]) for action_id, label in labels]
    elements[0]["style"] = "primary"
    return actions(elements)


def _card(ctx: Context, activity: Activity, members: dict[str, str]) -> list[Block]:
    """A card whose accessory is the one-click download (Home has no message to answer in)."""
    url = calendar_url(activity, ctx.calendar)
    accessory = None
    if url:
        accessory = button(_("Add to calendar"), ids.HOME_ADD_TO_CALENDAR, str(activity.id))
        accessory["url"] = url
    line = card_context(activity, members, plan_item_names(ctx.session))
    return [section(card_text(activity), accessory), context(line)]


def _upcoming(ctx: Context, page: HomePage) -> list[Block]:
    today = local_today(ctx.now, ctx.tz)
    found = upcoming_activities(ctx.session, start=today, end=None, limit=UPCOMING_PAGE, offset=page.upcoming)
    items = found.items
    total = page.upcoming + len(items) + found.more  # no count: enough for _paging to offer More
    blocks = [divider(), header(_("Next activities"))]
    if not items:
        return [*blocks, section(_("Nothing dated from today on. *Log an activity* records one."))]
    members = member_names(ctx.session)
    for activity in items:
        blocks.extend(_card(ctx, activity, members))
    first, last = page.upcoming + 1, page.upcoming + len(items)
    position = f"{first}–{last}" + (", " + _("more follow") if found.more else "")
    blocks.append(context(position + " · " + _("`/itag upcoming` lists them too")))
    paging = _paging(page, "upcoming", shown=len(items), total=total, size=UPCOMING_PAGE)
    return blocks + paging


def _paging(page: HomePage, which: str, *, shown: int, total: int, size: int) -> list[Block]:
    offset = page.upcoming if which == "upcoming" else page.undated
    elements = []
    if offset > 0:
        back = replace(page, **{which: max(offset - size, 0)})
        elements.append(button(_("Previous"), f"{ids.HOME_PAGE}_{which}_back", back.dumps()))
    if offset + shown < total:
        more = replace(page, **{which: offset + shown})
        label = (
            _("More…")
            if which == "upcoming"
            else _("More ({count} left)").format(count=total - offset - shown)
        )
        elements.append(button(label, f"{ids.HOME_PAGE}_{which}_more", more.dumps()))
    return [actions(elements)] if elements else []


def _programme(ctx: Context) -> list[Block]:
    plan = current_programme(ctx.session)
    if plan is None:
        return []
    progress = programme_progress(ctx.session, plan=plan, today=local_today(ctx.now, ctx.tz))
    lines = [_progress_line(p) for p in progress]
    blocks = [divider(), header(_("Work programme {period}").format(period=plan))]
    chunk: list[str] = []
    for line in lines:  # sections of at most ~2,900 characters each
        if sum(len(x) + 1 for x in chunk) + len(line) > 2900:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section("\n".join(chunk)))
    blocks.append(context(_("`/itag plan {period} N` shows item N in full.").format(period=plan)))
    return blocks


def _progress_line(progress: ItemProgress) -> str:
    title = escape(shorten(progress.item.wording, 160))  # the programme's own words
    if progress.served == 0:
        served = "_" + _("no activity yet") + "_"
    else:
        served = ngettext(
            "{count} activity, last on {day}", "{count} activities, last on {day}", progress.served
        ).format(count=progress.served, day=_day(progress.last))
    label = number_label(progress.item)
    return f"• *{escape(label)}* {title} — {served}" if label else f"• {title} — {served}"


def _day(day: date | None) -> str:
    return format_day(day) if day is not None else _("an unknown date")


def _undated(ctx: Context, page: HomePage) -> list[Block]:
    items = undated_activities(ctx.session)
    if not items:
        return []
    shown = items[page.undated : page.undated + UNDATED_PAGE]
    lines = [f"• #{a.id} {escape(truncate(a.title, 150))} _({escape(kind_label(a.kind))})_" for a in shown]
    blocks = [divider(), header(_("Planned, no date yet")), section("\n".join(lines))]
    return blocks + _paging(page, "undated", shown=len(shown), total=len(items), size=UNDATED_PAGE)


def answer_modal(answer: Answer, title: str) -> dict[str, Any]:
    """An answer shown in a modal (the Home tab has no message to reply in); its buttons, which
    answer through a message, are left out."""
    blocks = [b for b in answer.blocks if b.get("type") != "actions"][:MODAL_BLOCKS]
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": truncate(title, 24)},
        "close": {"type": "plain_text", "text": truncate(_("Close"), 24)},
        "blocks": blocks or [section(escape(truncate(answer.text, 3000)))],
    }
