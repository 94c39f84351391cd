"""/itag subscribe and unsubscribe: the same reminders, by DM, for one kind or one activity."""

from __future__ import annotations

from domain.i18n import _
from domain.kinds import kind_label, parse_kind
from domain.mrkdwn import escape, truncate
from handlers.blocks import section
from handlers.context import Answer, Context
from handlers.help import help_answer
from storage.activities import activity_by_id
from storage.reminders import reminder_rules
from storage.subscriptions import activity_target, kind_target, subscribe, subscriptions_of, unsubscribe


def _note(text: str) -> Answer:
    return Answer(text=text, blocks=[section(text)], shareable=False)


def _target(ctx: Context, args: list[str]) -> tuple[str, str] | str:
    """(target key, label) for `KIND` or `ID`, or a message saying what is wrong."""
    words = " ".join(args).strip()
    raw = words.lstrip("#")
    if raw.isdigit():
        activity = activity_by_id(ctx.session, activity_id=int(raw))
        if activity is None:
            return _("There is no activity #{number}.").format(number=raw)
        return activity_target(activity.id), f"#{activity.id} {escape(truncate(activity.title, 100))}"
    kind = parse_kind(words)
    if kind is None:
        unreadable = _("I can't read “{words}” as a kind (like `ministerial`) or an activity number.")
        return unreadable.format(words=truncate(words, 60))
    return kind_target(kind), escape(kind_label(kind))


def _chosen(ctx: Context, args: list[str]) -> tuple[str, str] | Answer:
    """The target named by `args`; with none, the user's list; a hint when unreadable."""
    if not args:
        return _listing(ctx)
    found = _target(ctx, args)
    return help_answer(found) if isinstance(found, str) else found


def subscribe_answer(ctx: Context, args: list[str]) -> Answer:
    """Subscribe the asking user to reminders by DM (or list what they follow)."""
    found = _chosen(ctx, args)
    if isinstance(found, Answer):
        return found
    target, label = found
    added = subscribe(ctx.session, user_id=ctx.user_id, target=target, now=ctx.now, workspace=ctx.workspace)
    note = _rule_note(ctx, target)
    if not added:
        return _note(_("You already get reminders for {label} by DM.").format(label=label) + note)
    done = _("You will get reminders for {label} by DM. `/itag unsubscribe` stops them.").format(label=label)
    return _note(f":bell: {done}{note}")


def unsubscribe_answer(ctx: Context, args: list[str]) -> Answer:
    """Stop a user's DMs for a kind or an activity."""
    found = _chosen(ctx, args)
    if isinstance(found, Answer):
        return found
    target, label = found
    if unsubscribe(ctx.session, user_id=ctx.user_id, target=target):
        return _note(_("You will no longer get reminders for {label} by DM.").format(label=label))
    return _note(_("You were not subscribed to {label}.").format(label=label))


def _rule_note(ctx: Context, target: str) -> str:
    if not target.startswith("kind:"):
        return ""
    rule = reminder_rules(ctx.session).get(target.removeprefix("kind:"))
    if rule is None or (rule.enabled and rule.leads):
        return ""
    return " (" + _("Reminders for that kind are switched off at the moment.") + ")"


def _listing(ctx: Context) -> Answer:
    targets = subscriptions_of(ctx.session, user_id=ctx.user_id)
    if not targets:
        return _note(_("You get no reminders by DM. `/itag subscribe ministerial` or `/itag subscribe 12`."))
    lines = "\n".join(f"• {escape(t)}" for t in targets)
    return _note(_("You get reminders by DM for:") + f"\n{lines}")
