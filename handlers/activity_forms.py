"""/itag add and edit, the "Log as ITAG activity" shortcut, and saving the form."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from domain.dates import local_today
from domain.drafts import Draft, Known, check, may_change
from domain.fields import FIELDS
from domain.i18n import _
from domain.mrkdwn import is_user_id
from domain.places import PLACE_ZONES
from domain.prefill import read_message, read_text
from domain.records import Activity
from handlers import ids
from handlers.activities import activity_number
from handlers.blocks import activity_card, activity_summary
from handlers.blocks import escaped_context as context
from handlers.confirmations import stored_line, stored_plain
from handlers.context import Answer, Context, OpenModal, Reply
from handlers.forms import Choices, activity_form, errors_by_block
from handlers.help import help_answer
from storage.activities import activity_by_id
from storage.activity_writes import create_activity, update_activity
from storage.programme import list_members, member_names, plan_item_choices, plan_refs

CHANNEL_ID = re.compile(r"^[CDG][A-Z0-9]{2,30}$")


@dataclass(frozen=True)
class FormMeta:
    """What the form remembers between opening and saving (kept in `private_metadata`)."""

    activity_id: int | None = None
    channel_id: str | None = None

    def dumps(self) -> str:
        return json.dumps({"a": self.activity_id, "c": self.channel_id}, separators=(",", ":"))

    @classmethod
    def loads(cls, text: str) -> FormMeta | None:
        """The metadata, or None when it is not what this app wrote."""
        try:
            raw = json.loads(text)
            activity_id, channel = raw["a"], raw["c"]
        except (ValueError, KeyError, TypeError):
            return None
        if activity_id is not None and (type(activity_id) is not int or activity_id < 1):
            return None
        if channel is not None and not (isinstance(channel, str) and CHANNEL_ID.match(channel)):
            return None
        return cls(activity_id, channel)


@dataclass(frozen=True)
class Saved:
    """The outcome of a submission: errors keep the form open; an announcement is posted."""

    errors: dict[str, str] = field(default_factory=dict)
    announcement: Answer | None = None
    channel_id: str | None = None


def add_command(ctx: Context, args: list[str]) -> Reply:
    """`/itag add [TEXT]`: the form, pre-filled with what the text says."""
    return form(ctx, read_text(" ".join(args), today=local_today(ctx.now, ctx.tz)))


def shortcut_form(ctx: Context, message_text: str) -> Reply:
    """The message shortcut: the form, pre-filled from the message."""
    return form(ctx, read_message(message_text, today=local_today(ctx.now, ctx.tz)))


def form(ctx: Context, draft: Draft, *, activity_id: int | None = None) -> OpenModal:
    """The activity form for this draft, remembering the channel to answer in."""
    meta = FormMeta(
        activity_id, ctx.channel_id if ctx.channel_id and CHANNEL_ID.match(ctx.channel_id) else None
    )
    return OpenModal(
        activity_form(draft, _choices(ctx, draft), metadata=meta.dumps(), activity_id=activity_id)
    )


def _choices(ctx: Context, draft: Draft) -> Choices:
    members = [(m.code, m.name) for m in list_members(ctx.session)]
    items = plan_item_choices(ctx.session, today=local_today(ctx.now, ctx.tz), limit=99)
    if draft.plan_ref and draft.plan_ref not in dict(items):
        items.insert(0, (draft.plan_ref, draft.plan_ref))
    zones = sorted({*PLACE_ZONES.values(), "UTC", ctx.tz, *([draft.zone] if draft.zone else [])})
    return Choices(members=members, plan_items=items, zones=zones, default_zone=ctx.tz)


def edit_command(ctx: Context, args: list[str]) -> Reply:
    """`/itag edit ID`: the form filled with the activity's current values."""
    number = activity_number(args)
    if number is None:
        return help_answer(_("`/itag edit` takes an activity number, e.g. `/itag edit 12`."))
    return edit_form(ctx, number)


def edit_form(ctx: Context, activity_id: int) -> Reply:
    """The form for one activity, or why it cannot be edited."""
    activity = activity_by_id(ctx.session, activity_id=activity_id)
    if activity is None:
        missing = _("There is no activity #{number}. `/itag search` can find it.")
        return help_answer(missing.format(number=activity_id))
    if not may_change(ctx.user_id, activity.created_by, ctx.editors, ctx.team_id):
        return refusal(activity)
    return form(ctx, draft_of(activity), activity_id=activity.id)


def draft_of(activity: Activity) -> Draft:
    """The draft that reproduces a stored activity: every field of the field table."""
    return Draft(**{field.name: getattr(activity, field.stored) for field in FIELDS})


def refusal(activity: Activity) -> Answer:
    """Why this user may not change the activity."""
    text = _(
        "Only the person who logged activity #{number} or an ITAG editor can change it. Nothing was changed."
    ).format(number=activity.id)
    return Answer(text=text, blocks=[context(f":no_entry: {text}")], shareable=False)


def save_form(ctx: Context, draft: Draft, meta: FormMeta, *, view_id: str) -> Saved:
    """Check and store a submitted form; a repeat of a stored submission changes nothing."""
    known = Known(members=frozenset(member_names(ctx.session)), plan_refs=plan_refs(ctx.session))
    errors = check(draft, today=local_today(ctx.now, ctx.tz), known=known)
    if errors:
        return Saved(errors_by_block(errors))
    if meta.activity_id is None:
        key = f"view:{view_id}"
        new_id = create_activity(
            ctx.session,
            draft=draft,
            actor=ctx.user_id,
            now=ctx.now,
            default_zone=ctx.tz,
            source_key=key,
        )
        if new_id is None:
            return Saved()
        return Saved(announcement=announcement(ctx, new_id, "logged"), channel_id=meta.channel_id)
    return _save_edit(ctx, draft, meta)


def _save_edit(ctx: Context, draft: Draft, meta: FormMeta) -> Saved:
    title_block = ids.FIELD_BLOCKS["title"]
    activity = activity_by_id(ctx.session, activity_id=meta.activity_id or 0)
    if activity is None:
        return Saved({title_block: _("This activity has been deleted; close the form.")})
    if not may_change(ctx.user_id, activity.created_by, ctx.editors, ctx.team_id):
        return Saved({title_block: refusal(activity).text})
    changes = update_activity(
        ctx.session, activity_id=activity.id, draft=draft, actor=ctx.user_id, now=ctx.now, default_zone=ctx.tz
    )
    if not changes:
        return Saved()
    return Saved(announcement=announcement(ctx, activity.id, "updated"), channel_id=meta.channel_id)


def announcement(ctx: Context, activity_id: int, verb: str) -> Answer:
    """The card of a stored activity, saying who logged or changed it."""
    activity = activity_by_id(ctx.session, activity_id=activity_id)
    assert activity is not None  # noqa: S101 - stored in this same transaction
    who = f"<@{ctx.user_id}>" if is_user_id(ctx.user_id) else _("Someone")
    did = (
        _("{who} logged activity #{number}:") if verb == "logged" else _("{who} updated activity #{number}:")
    )
    blocks = [
        context(did.format(who=who, number=activity_id)),
        *activity_card(activity, member_names(ctx.session), links=ctx.calendar),
        context(stored_line(activity)),
    ]
    done = (
        _("Activity #{number} logged: {summary}.")
        if verb == "logged"
        else _("Activity #{number} updated: {summary}.")
    )
    text = done.format(number=activity_id, summary=activity_summary(activity))
    text += " " + _("Stored as {stored}.").format(stored=stored_plain(activity))
    return Answer(text=text, blocks=blocks)
