"""Small Block Kit builders; every piece of user or stored text is escaped here."""

from __future__ import annotations

import json
from datetime import UTC, time

from domain.calendar_feed import in_feed
from domain.calendar_links import CalendarLinks
from domain.dates import format_day, format_spec
from domain.i18n import _
from domain.kinds import kind_label
from domain.mrkdwn import escape, truncate
from domain.places import host_time
from domain.records import Activity
from handlers import ids
from handlers.context import Block

SECTION_LIMIT = 3000
PAGE_SIZE = 10
ADD_TO_CALENDAR = "ics"  # the menu value of the URL option; acknowledged, nothing else
QUERY_LIMIT = 900  # keeps a button's value (JSON, ≤ 2000 chars) inside Slack's limit


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": truncate(text, SECTION_LIMIT)}


def _plain(text: str, limit: int = 75) -> Block:
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def button(label: str, action_id: str, value: str) -> Block:
    """A button; Slack caps its label at 75 and its value at 2000 characters."""
    return {"type": "button", "text": _plain(label), "action_id": action_id, "value": value[:2000]}


def header(text: str) -> Block:
    return {"type": "header", "text": _plain(text, 150)}


def section(mrkdwn: str, accessory: Block | None = None) -> Block:
    block: Block = {"type": "section", "text": _mrkdwn(mrkdwn)}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(mrkdwn)]}


def divider() -> Block:
    return {"type": "divider"}


def actions(elements: list[Block]) -> Block:
    return {"type": "actions", "elements": elements[:25]}


def when_text(activity: Activity) -> str:
    """The activity's date with its precision; a timed start twice: in the reader's own zone
    (Slack renders the date token for each reader) and at the host's ("09:00 in Geneva")."""
    plain = format_spec(activity.when)
    if activity.starts_at is None or activity.start_time is None:
        return plain
    host = _host_time(activity)
    stamp = int(activity.starts_at.timestamp())
    # The fallback (old clients, terminals) gives the instant in UTC; the host's time follows.
    utc = activity.starts_at.astimezone(UTC)
    fallback = f"{format_day(utc.date())} {utc:%H:%M} UTC"
    token = _("{date} at {time}").format(date="{date_long_pretty}", time="{time}")
    reader = f"<!date^{stamp}^{token}|{escape(fallback)}>"
    return f"{reader} ({escape(host)})"


def when_plain(activity: Activity) -> str:
    """The activity's date as plain text, for fallbacks and terminals."""
    plain = format_spec(activity.when)
    if activity.start_time is None:
        return plain
    return f"{plain}, {_host_time(activity)}"


def _host_time(activity: Activity) -> str:
    assert activity.start_time is not None  # noqa: S101 - callers check
    return host_time(_hhmm(activity.start_time), activity.place, activity.timezone)


def _hhmm(at: time) -> str:
    return at.strftime("%H:%M")


def activity_summary(activity: Activity) -> str:
    """One plain line: title, kind, date and place."""
    parts = [activity.title, kind_label(activity.kind), when_plain(activity)]
    if activity.place:
        parts.append(activity.place)
    prefix = "[" + _("cancelled") + "] " if activity.cancelled else ""
    return prefix + " · ".join(parts)


def activity_card(
    activity: Activity,
    members: dict[str, str],
    *,
    detail: bool = False,
    links: CalendarLinks | None = None,
    plan_names: dict[str, str] | None = None,
) -> list[Block]:
    """A section (with its overflow menu) and a context line for one activity."""
    text = card_text(activity, detail=detail)
    menu = activity_menu(activity, detail=detail, calendar_url=calendar_url(activity, links))
    return [section(text, menu), context(card_context(activity, members, plan_names))]


def card_text(activity: Activity, *, detail: bool = False) -> str:
    """A card's mrkdwn: title, kind, when (twice when timed), place and description."""
    title = escape(truncate(activity.title, 300))
    cancelled = _("cancelled")
    title_line = f"~{title}~ _({cancelled})_" if activity.cancelled else f"*{title}*"
    facts = [escape(kind_label(activity.kind)), when_text(activity)]
    if activity.place:
        facts.append(escape(activity.place))
    text = f"{title_line}\n{' · '.join(facts)}"
    if activity.description:
        limit = SECTION_LIMIT - len(text) - 10 if detail else 280
        text += "\n" + escape(truncate(activity.description, max(limit, 0)))
    return text


def calendar_url(activity: Activity, links: CalendarLinks | None) -> str | None:
    """The signed one-event download, for activities a calendar can show (see domain/calendar_feed)."""
    if links is None or not in_feed(activity):
        return None
    return links.event_url(activity.id)


def activity_menu(activity: Activity, *, detail: bool = False, calendar_url: str | None = None) -> Block:
    """Details / Add to calendar / Edit / Cancel / Delete; who may do what is checked when chosen.

    "Add to calendar" is a URL option: Slack opens the signed .ics link in the browser (and still
    sends the choice, which the listener only acknowledges). A menu option rather than a button
    keeps every card at two blocks, so lists and digests stay inside Slack's 50.
    """
    choices = [] if detail else [(_("Details"), "show")]
    choices.append((_("Edit"), "edit"))
    if not activity.cancelled:
        choices.append((_("Cancel activity"), "cancel"))
    choices.append((_("Delete"), "delete"))
    options = [{"text": _plain(label), "value": f"{verb}:{activity.id}"} for label, verb in choices]
    if calendar_url:
        add = {
            "text": _plain(_("Add to calendar")),
            "value": f"{ADD_TO_CALENDAR}:{activity.id}",
            "url": calendar_url,
        }
        options.insert(0 if detail else 1, add)
    return {"type": "overflow", "action_id": ids.ACTIVITY_MENU, "options": options}


def card_context(
    activity: Activity, members: dict[str, str], plan_names: dict[str, str] | None = None
) -> str:
    """A card's second line: number, members, plan item (named as its programme shows it) and link."""
    plan_names = plan_names or {}
    parts = [f"#{activity.id}"]
    if activity.hosts:
        names = ", ".join(members.get(code, code) for code in activity.hosts)
        parts.append(_("Members: {names}").format(names=escape(names)))
    if activity.plan_ref:
        item = escape(plan_names.get(activity.plan_ref, activity.plan_ref))
        parts.append(_("Plan item {item}").format(item=item))
    if activity.link:
        label = escape(_("Link"))
        parts.append(f"<{escape(activity.link)}|{label}>")
    return " · ".join(parts)


def paging_actions(query: str, *, offset: int, shown: int, total: int) -> Block:
    """'More' (when more remain) and 'Share in channel' buttons for a paged answer."""
    query = truncate(query, QUERY_LIMIT)
    elements = []
    if offset + shown < total:
        more = json.dumps({"q": query, "o": offset + shown})
        label = _("More ({count} left)").format(count=total - offset - shown)
        elements.append(button(label, ids.MORE_RESULTS, more))
    share = json.dumps({"q": query, "o": offset})
    elements.append(button(_("Share in channel"), ids.SHARE_ANSWER, share))
    return actions(elements)
