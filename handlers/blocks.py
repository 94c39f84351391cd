"""Block Kit as plain dicts, built only here; every text is escaped here, so a handler cannot forget.

mrkdwn helpers (`section`, `context`) take plain text, which they escape, or `Mrkdwn` built
with `md()` from a literal template and escaped values. plain_text is shown as typed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

from domain.calendar_feed import in_feed
from domain.calendar_links import CalendarLinks
from domain.dates import format_day, format_spec, start_instant
from domain.i18n import _
from domain.kinds import kind_label
from domain.mrkdwn import Mrkdwn, escape, link, md, md_join, truncate
from domain.places import host_time
from domain.records import Activity
from handlers import ids
from handlers.context import Block

SECTION_LIMIT = 3000
PAGE_SIZE = 10
ADD_TO_CALENDAR = "ics"  # the menu value of the URL option; acknowledged, nothing else
QUERY_LIMIT = 900  # keeps a button's value (JSON, ≤ 2000 chars) inside Slack's limit


def _mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": truncate(escape(text), SECTION_LIMIT)}


def _plain(text: str, limit: int = 75) -> Block:
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def button(label: str, action_id: str, value: str) -> Block:
    """A button; Slack caps its label at 75 and its value at 2000 characters."""
    return {"type": "button", "text": _plain(label), "action_id": action_id, "value": value[:2000]}


def header(text: str) -> Block:
    return {"type": "header", "text": _plain(text, 150)}


def section(text: str, accessory: Block | None = None) -> Block:
    """A section; `text` is escaped unless it is `Mrkdwn`."""
    block: Block = {"type": "section", "text": _mrkdwn(text)}
    if accessory is not None:
        block["accessory"] = accessory
    return block


def escaped_section(mrkdwn: str, accessory: Block | None = None) -> Block:
    """A section from mrkdwn its caller escaped piece by piece (modules not yet using `md`)."""
    return section(Mrkdwn(mrkdwn), accessory)


def escaped_context(mrkdwn: str) -> Block:
    """A context line from mrkdwn its caller escaped piece by piece (modules not yet using `md`)."""
    return context(Mrkdwn(mrkdwn))


def context(text: str) -> Block:
    """A context line; `text` is escaped unless it is `Mrkdwn`."""
    return {"type": "context", "elements": [_mrkdwn(text)]}


def divider() -> Block:
    return {"type": "divider"}


def actions(elements: list[Block]) -> Block:
    return {"type": "actions", "elements": elements[:25]}


def link_button(label: str, action_id: str, url: str, value: str) -> Block:
    """A button that opens `url` (Slack still sends its action, to be acked)."""
    return {**button(label, action_id, value), "url": url[:3000]}


def plain(text: str, limit: int = 75) -> Block:
    """A plain_text object (Slack shows it as typed: no markup to escape)."""
    return _plain(text, limit)


def option(label: str, value: str) -> Block:
    """One choice of a select; Slack caps its label at 75 characters."""
    return {"text": _plain(label), "value": value}


def input_block(
    block_id: str, label: str, element: Block, *, optional: bool = True, hint: str | None = None
) -> Block:
    """A modal's input; the element's action id is always `ids.FIELD_ACTION`."""
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label, 2000),
        "optional": optional,
        "element": {**element, "action_id": ids.FIELD_ACTION},
    }
    if hint:
        block["hint"] = _plain(hint, 2000)
    return block


def text_input(initial: str | None, limit: int, *, multiline: bool = False) -> Block:
    element: Block = {"type": "plain_text_input", "max_length": limit, "multiline": multiline}
    if initial is not None:
        element["initial_value"] = truncate(initial, limit)
    return element


def url_input(initial: str | None) -> Block:
    return {"type": "url_text_input", **({"initial_value": initial} if initial else {})}


def date_picker(initial: str | None) -> Block:
    return {"type": "datepicker", **({"initial_date": initial} if initial else {})}


def time_picker(initial: str | None) -> Block:
    return {"type": "timepicker", **({"initial_time": initial} if initial else {})}


def select(options: list[Block], chosen: str | None) -> Block:
    """A single choice among `options`, `chosen` pre-selected when it is one of them."""
    element: Block = {"type": "static_select", "options": options[:100]}
    initial = next((o for o in options[:100] if o["value"] == chosen), None)
    if initial is not None:
        element["initial_option"] = initial
    return element


def conversation_select(initial: str | None) -> Block:
    """A picker of public and private channels."""
    element: Block = {"type": "conversations_select", "filter": {"include": ["public", "private"]}}
    if initial:
        element["initial_conversation"] = initial
    return element


def multi_select(options: list[Block], chosen: tuple[str, ...]) -> Block:
    element: Block = {"type": "multi_static_select", "options": options[:100]}
    initial = [o for o in options[:100] if o["value"] in chosen]
    if initial:
        element["initial_options"] = initial
    return element


def modal(
    callback_id: str, title: str, blocks: list[Block], *, submit: str, close: str, metadata: str = ""
) -> Block:
    """A modal view; Slack caps its title at 24 characters."""
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title, 24),
        "submit": _plain(submit, 24),
        "close": _plain(close, 24),
        "blocks": blocks,
    }
    if metadata:
        view["private_metadata"] = metadata
    return view


def when_text(activity: Activity) -> Mrkdwn:
    """The activity's date with its precision; a timed start (and end) twice: in the reader's own
    zone (Slack renders the date tokens for each reader) and at the host's ("09:00 in Geneva")."""
    plain = format_spec(activity.when)
    if activity.starts_at is None or activity.start_time is None:
        return escape(plain)
    host = _host_time(activity)
    stamp = int(activity.starts_at.timestamp())
    # The fallback (old clients, terminals) gives the instant in UTC; the host's time follows.
    utc = activity.starts_at.astimezone(UTC)
    fallback = f"{format_day(utc.date())} {utc:%H:%M} UTC"
    token = _("{date} at {time}").format(date="{date_long_pretty}", time="{time}")
    reader = md("<!date^{}^{}|{}>", stamp, token, fallback)
    ends = _ends_at(activity)
    if ends is not None:
        end_utc = ends.astimezone(UTC)
        reader = md("{}–<!date^{}^{{time}}|{} UTC>", reader, int(ends.timestamp()), f"{end_utc:%H:%M}")
    return md("{} ({})", reader, host)


def _ends_at(activity: Activity) -> datetime | None:
    last_day = activity.when.end or activity.when.start
    if activity.end_time is None or last_day is None:
        return None
    return start_instant(last_day, activity.end_time, activity.timezone)


def when_plain(activity: Activity) -> str:
    """The activity's date as plain text, for fallbacks and terminals."""
    plain = format_spec(activity.when)
    if activity.start_time is None:
        return plain
    return f"{plain}, {_host_time(activity)}"


def _host_time(activity: Activity) -> str:
    """'10:00 in Geneva', or '10:00–11:30 in Geneva' when the end time is known."""
    assert activity.start_time is not None  # noqa: S101 - callers check
    until = f"–{_hhmm(activity.end_time)}" if activity.end_time else ""
    return host_time(_hhmm(activity.start_time) + until, activity.place, activity.timezone)


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


def card_text(activity: Activity, *, detail: bool = False) -> Mrkdwn:
    """A card's mrkdwn: title, kind, when (twice when timed), place and description."""
    title = truncate(activity.title, 300)
    cancelled = _("cancelled")
    title_line = md("~{}~ _({})_", title, cancelled) if activity.cancelled else md("*{}*", title)
    facts = [kind_label(activity.kind), when_text(activity), *([activity.place] if activity.place else [])]
    text = md("{}\n{}", title_line, md_join(" · ", facts))
    if activity.description:
        limit = SECTION_LIMIT - len(text) - 10 if detail else 280
        text = md("{}\n{}", text, truncate(activity.description, max(limit, 0)))
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
) -> Mrkdwn:
    """A card's second line: number, members, plan item (named as its programme shows it) and link."""
    plan_names = plan_names or {}
    parts: list[str] = [f"#{activity.id}"]
    if activity.hosts:
        names = ", ".join(members.get(code, code) for code in activity.hosts)
        parts.append(_("Members: {names}").format(names=names))
    if activity.plan_ref:
        item = plan_names.get(activity.plan_ref, activity.plan_ref)
        parts.append(_("Plan item {item}").format(item=item))
    if activity.link:
        parts.append(link(activity.link, _("Link")))
    return md_join(" · ", parts)


def paging_actions(query: str, *, offset: int, shown: int, more: bool) -> Block:
    """'More…' (when more follow) and 'Share in channel' buttons for a paged answer."""
    query = truncate(query, QUERY_LIMIT)
    elements = []
    if more:
        following = json.dumps({"q": query, "o": offset + shown})
        elements.append(button(_("More…"), ids.MORE_RESULTS, following))
    share = json.dumps({"q": query, "o": offset})
    elements.append(button(_("Share in channel"), ids.SHARE_ANSWER, share))
    return actions(elements)
