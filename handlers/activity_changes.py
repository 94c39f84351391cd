"""Cancelling and deleting activities (each after a confirmation), the card menu, and history."""

from __future__ import annotations

from domain.dates import format_utc_moment
from domain.drafts import may_change
from domain.fields import AUDIT_LABELS
from domain.i18n import N_, _
from domain.mrkdwn import escape, is_user_id, truncate
from domain.records import Activity, AuditRecord
from handlers import ids
from handlers.activities import activity_answer, activity_number
from handlers.activity_forms import edit_form, refusal
from handlers.blocks import actions, activity_summary, button, header
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Context, Reply
from handlers.help import help_answer
from storage.activities import activity_by_id
from storage.activity_writes import audit_trail, cancel_activity, delete_activity

HISTORY_LIMIT = 45  # entries shown; a message holds at most 50 blocks
CONFIRMS = {
    "cancel": (N_("Cancel activity"), ids.CONFIRM_CANCEL, N_("It stays on record, marked cancelled.")),
    "delete": (
        N_("Delete activity"),
        ids.CONFIRM_DELETE,
        N_("It disappears from every listing (for mistakes)."),
    ),
}


def _target(ctx: Context, args: list[str], verb: str) -> Activity | Answer:
    number = activity_number(args)
    if number is None:
        return help_answer(
            _("`/itag {verb}` takes an activity number, e.g. `/itag {verb} 12`.").format(verb=verb)
        )
    activity = activity_by_id(ctx.session, activity_id=number)
    if activity is None:
        return help_answer(
            _("There is no activity #{number}. `/itag search` can find it.").format(number=number)
        )
    return activity


def confirm_command(ctx: Context, args: list[str], verb: str) -> Answer:
    """`/itag cancel ID` and `/itag delete ID`: ask before doing it."""
    found = _target(ctx, args, verb)
    return found if isinstance(found, Answer) else confirm_prompt(ctx, found, verb)


def confirm_prompt(ctx: Context, activity: Activity, verb: str) -> Answer:
    """'Cancel #12 …? [Cancel activity] [Keep it]' — or a refusal for someone who may not."""
    if not may_change(ctx.user_id, activity.created_by, ctx.editors, ctx.team_id):
        return refusal(activity)
    if verb == "cancel" and activity.cancelled:
        return _note(_("Activity #{number} is already cancelled.").format(number=activity.id))
    label, action_id, effect = CONFIRMS[verb]
    label, effect = _(label), _(effect)
    question = f"{label} #{activity.id} *{escape(truncate(activity.title, 300))}*? {effect}"
    buttons = actions(
        [
            {**button(label, action_id, str(activity.id)), "style": "danger"},
            button(_("Keep it"), ids.DISMISS, str(activity.id)),
        ]
    )
    text = f"{label} #{activity.id} {activity_summary(activity)}? {effect}"
    return Answer(text=text, blocks=[section(question), buttons], shareable=False)


def confirmed(ctx: Context, activity_id: int, verb: str) -> Answer:
    """Do the confirmed cancel or delete, checking again who is asking."""
    activity = activity_by_id(ctx.session, activity_id=activity_id)
    if activity is None:
        return _note(_("Activity #{number} no longer exists.").format(number=activity_id))
    if not may_change(ctx.user_id, activity.created_by, ctx.editors, ctx.team_id):
        return refusal(activity)
    change = cancel_activity if verb == "cancel" else delete_activity
    done = change(ctx.session, activity_id=activity_id, actor=ctx.user_id, now=ctx.now)
    if not done:
        again = (
            _("Activity #{number} was already cancelled.")
            if verb == "cancel"
            else _("Activity #{number} was already deleted.")
        )
        return _note(again.format(number=activity_id))
    now = (
        _("Activity #{number} {summary} is now cancelled.")
        if verb == "cancel"
        else _("Activity #{number} {summary} is now deleted.")
    )
    return _note(now.format(number=activity_id, summary=activity_summary(activity)))


def _note(text: str) -> Answer:
    return Answer(text=text, blocks=[section(escape(text))], shareable=False)


def menu_choice(ctx: Context, value: str) -> Reply:
    """A choice from a card's overflow menu: 'show:12', 'edit:12', 'cancel:12' or 'delete:12'."""
    verb, _sep, raw = value.partition(":")
    if verb not in ("show", "edit", "cancel", "delete") or not raw.isdigit():
        return help_answer(_("That menu is out of date; run the command again."))
    activity = activity_by_id(ctx.session, activity_id=int(raw))
    if activity is None:
        return help_answer(_("Activity #{number} no longer exists.").format(number=raw))
    if verb == "show":
        return activity_answer(ctx, activity)
    if verb == "edit":
        return edit_form(ctx, activity.id)
    return confirm_prompt(ctx, activity, verb)


def history_command(ctx: Context, args: list[str]) -> Answer:
    """`/itag history ID`: every change, who made it and when."""
    number = activity_number(args)
    if number is None:
        return help_answer(_("`/itag history` takes an activity number, e.g. `/itag history 12`."))
    entries = audit_trail(ctx.session, activity_id=number)
    activity = activity_by_id(ctx.session, activity_id=number)
    if not entries and activity is None:
        return help_answer(_("There is no activity #{number}.").format(number=number))
    title = _("History of #{number}").format(number=number)
    title += f" {activity.title}" if activity else " (" + _("deleted") + ")"
    blocks = [header(title)]
    if not entries:
        blocks.append(section(_("No changes recorded since it was loaded with the work programme.")))
    shown = entries[-HISTORY_LIMIT:]
    if len(entries) > len(shown):
        latest = _("Showing the latest {shown} of {count} changes.")
        blocks.append(context(latest.format(shown=len(shown), count=len(entries))))
    blocks.extend(section(_entry_text(entry)) for entry in shown)
    lines = [f"{e.at:%Y-%m-%d %H:%M} UTC {e.actor} {e.action}" for e in shown]
    return Answer(text="\n".join([title, *lines]), blocks=blocks)


def _entry_text(entry: AuditRecord) -> str:
    who = f"<@{entry.actor}>" if is_user_id(entry.actor) else escape(entry.actor)
    lines = [f"*{format_utc_moment(entry.at)}* · {who} · {entry.action}"]
    for name, pair in list(entry.changes.items())[:14]:
        old, new = [*pair, None, None][:2]
        label = _(AUDIT_LABELS[name]) if name in AUDIT_LABELS else name
        lines.append(f"• {escape(label)}: {_value(old)} → {_value(new)}")
    return "\n".join(lines)


def _value(value: object) -> str:
    if value is None or value == "":
        return "_(empty)_"
    return "“" + escape(truncate(str(value), 150)) + "”"
