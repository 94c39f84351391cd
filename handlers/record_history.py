"""`/itag history PERIOD [ITEM]` and `/itag history members`: who changed the programmes and members."""

from __future__ import annotations

from domain.dates import format_utc_moment
from domain.i18n import N_, _
from domain.mrkdwn import escape, is_user_id, truncate
from domain.programme import find_item, parse_period
from domain.records import AuditRecord
from handlers.activity_changes import history_command
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.blocks import header
from handlers.context import Answer, Context
from handlers.help import help_answer
from storage.programme import find_programme, plan_items
from storage.programme_writes import record_history

HISTORY_LIMIT = 45
LABELS = {
    "title": N_("Title / lead-in"),
    "body": N_("Wording"),
    "ref": N_("Number"),
    "parent_ref": N_("Under item"),
}


def history_answer(ctx: Context, args: list[str]) -> Answer:
    """Programme, item or member history; an activity number goes to the activity's history."""
    if args and args[0].lower() in ("members", "member"):
        code = args[1].upper() if len(args) > 1 else None
        prefixes = [f"member:{code}"] if code else ["member:"]
        return _answer(ctx, _("History of the members") + (f": {code}" if code else ""), prefixes)
    if not args or not parse_period(args[0]):
        return history_command(ctx, args)
    period = args[0]
    if find_programme(ctx.session, period=period) is None:
        return help_answer(_("No {period} programme is recorded.").format(period=period))
    if len(args) == 1:
        title = _("History of the {period} programme").format(period=period)
        return _answer(ctx, title, [f"programme:{period}", f"item:{period}/"])
    item = find_item(plan_items(ctx.session, plan=period, retired=True), " ".join(args[1:]))
    if item is None:
        missing = _("The {period} programme has no item “{words}”.")
        return help_answer(missing.format(period=period, words=truncate(" ".join(args[1:]), 60)))
    title = _("History of {period} {item}").format(period=period, item=item.ref)
    return _answer(ctx, title, [f"item:{period}/{item.ref}"])


def _answer(ctx: Context, title: str, prefixes: list[str]) -> Answer:
    entries = record_history(ctx.session, prefixes=prefixes)
    blocks = [header(title)]
    if not entries:
        blocks.append(section(_("No changes recorded since it was loaded with the work programme.")))
    shown = entries[-HISTORY_LIMIT:]
    if len(entries) > len(shown):
        latest = _("Showing the latest {shown} of {count} changes.")
        blocks.append(context(latest.format(shown=len(shown), count=len(entries))))
    blocks.extend(section(_entry_text(subject, entry)) for subject, entry in shown)
    lines = [f"{e.at:%Y-%m-%d %H:%M} UTC {e.actor} {e.action} {s}" for s, e in shown]
    return Answer(text="\n".join([title, *lines]), blocks=blocks)


def _entry_text(subject: str, entry: AuditRecord) -> str:
    who = f"<@{entry.actor}>" if is_user_id(entry.actor) else escape(entry.actor)
    what = escape(subject.split(":", 1)[-1])
    lines = [f"*{format_utc_moment(entry.at)}* · {who} · {entry.action} · {what}"]
    for name, pair in list(entry.changes.items())[:12]:
        old, new = [*pair, None, None][:2]
        label = escape(_(LABELS[name]) if name in LABELS else name.replace("_", " ").capitalize())
        lines.append(f"• {label}: {_value(old)} → {_value(new)}")
    return "\n".join(lines)


def _value(value: object) -> str:
    if value is None or value == "":
        return "_(empty)_"
    return "“" + escape(truncate(str(value), 150)) + "”"
