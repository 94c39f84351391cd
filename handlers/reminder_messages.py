"""The messages the clock posts: a reminder, a cancellation notice. Built, never sent, here."""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, ButtonElement

from domain.calendar_links import CalendarLinks
from domain.i18n import N_, _
from domain.kinds import kind_label
from domain.mrkdwn import escape, truncate
from domain.records import Activity
from domain.reminders import MONTH_NOTICE, lead_phrase
from handlers import ids
from handlers.blocks import activity_card, when_plain, when_text
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Block

DAY_NOT_SET = N_(
    "The exact day is not set yet: this is the only reminder until it is; set the day to get the usual ones."
)


def reminder_message(
    activity: Activity, lead: str, members: dict[str, str], links: CalendarLinks | None = None
) -> Answer:
    """A reminder: when (in each reader's zone), where, plan item, link and buttons to open it."""
    soon = lead_phrase(lead)
    title = escape(truncate(activity.title, 200))
    blocks = [
        section(
            ":bell: *"
            + _("Reminder — {kind} {soon}:").format(kind=escape(kind_label(activity.kind)), soon=soon)
            + f"* {title}"
        ),
        *activity_card(activity, members, links=links),
        *_link_button(activity),
    ]
    text = _("Reminder — {soon}: {title}, {when}").format(
        soon=soon, title=activity.title, when=when_plain(activity)
    )
    if lead == MONTH_NOTICE:
        blocks.insert(1, context(_(DAY_NOT_SET)))
        text += f". {_(DAY_NOT_SET)}"
    if activity.place:
        text += f", {activity.place}"
    return Answer(text=truncate(text, 3000), blocks=blocks, shareable=False)


def _link_button(activity: Activity) -> list[Block]:
    if not activity.link or not activity.link.startswith(("https://", "http://")):
        return []
    button = ButtonElement(
        text=_("Open link"),
        action_id=ids.OPEN_ACTIVITY_LINK,
        url=activity.link[:3000],
        value=str(activity.id),
    )
    return [ActionsBlock(elements=[button]).to_dict()]


def cancellation_message(activity: Activity) -> Answer:
    """The short notice posted under the last reminder of an activity that was cancelled."""
    title = escape(truncate(activity.title, 300))
    line = ":no_entry: " + _("*Cancelled:* {title} ({when}) will not take place.").format(
        title=title, when=when_text(activity)
    )
    return Answer(
        text=_("Cancelled: {title} ({when}) will not take place.").format(
            title=activity.title, when=when_plain(activity)
        ),
        blocks=[section(line)],
        shareable=False,
    )
