"""`/itag history PERIOD [ITEM]` and `/itag history members`: who changed the programmes and members."""

from __future__ import annotations

from domain.mrkdwn import escape, is_user_id, truncate
from domain.programme import find_item, parse_period
from domain.records import AuditRecord
from handlers.activity_changes import history_command
from handlers.blocks import context, header, section
from handlers.context import Answer, Context
from handlers.help import help_answer
from storage.programme import find_programme, plan_items
from storage.programme_writes import record_history

HISTORY_LIMIT = 45
LABELS = {"title": "Title / lead-in", "body": "Wording", "ref": "Number", "parent_ref": "Under item"}


def history_answer(ctx: Context, args: list[str]) -> Answer:
    """Programme, item or member history; an activity number goes to the activity's history."""
    if args and args[0].lower() in ("members", "member"):
        code = args[1].upper() if len(args) > 1 else None
        prefixes = [f"member:{code}"] if code else ["member:"]
        return _answer(ctx, "History of the members" + (f": {code}" if code else ""), prefixes)
    if not args or not parse_period(args[0]):
        return history_command(ctx, args)
    period = args[0]
    if find_programme(ctx.session, period=period) is None:
        return help_answer(f"No {period} programme is recorded.")
    if len(args) == 1:
        return _answer(ctx, f"History of the {period} programme", [f"programme:{period}", f"item:{period}/"])
    item = find_item(plan_items(ctx.session, plan=period, retired=True), " ".join(args[1:]))
    if item is None:
        return help_answer(f"The {period} programme has no item “{truncate(' '.join(args[1:]), 60)}”.")
    return _answer(ctx, f"History of {period} {item.ref}", [f"item:{period}/{item.ref}"])


def _answer(ctx: Context, title: str, prefixes: list[str]) -> Answer:
    entries = record_history(ctx.session, prefixes=prefixes)
    blocks = [header(title)]
    if not entries:
        blocks.append(section("No changes recorded since it was loaded with the work programme."))
    shown = entries[-HISTORY_LIMIT:]
    if len(entries) > len(shown):
        blocks.append(context(f"Showing the latest {len(shown)} of {len(entries)} changes."))
    blocks.extend(section(_entry_text(subject, entry)) for subject, entry in shown)
    lines = [f"{e.at:%Y-%m-%d %H:%M} UTC {e.actor} {e.action} {s}" for s, e in shown]
    return Answer(text="\n".join([title, *lines]), blocks=blocks)


def _entry_text(subject: str, entry: AuditRecord) -> str:
    who = f"<@{entry.actor}>" if is_user_id(entry.actor) else escape(entry.actor)
    what = escape(subject.split(":", 1)[-1])
    lines = [f"*{entry.at:%-d %b %Y %H:%M} UTC* · {who} · {entry.action} · {what}"]
    for name, pair in list(entry.changes.items())[:12]:
        old, new = [*pair, None, None][:2]
        label = escape(LABELS.get(name, name.replace("_", " ").capitalize()))
        lines.append(f"• {label}: {_value(old)} → {_value(new)}")
    return "\n".join(lines)


def _value(value: object) -> str:
    if value is None or value == "":
        return "_(empty)_"
    return "“" + escape(truncate(str(value), 150)) + "”"
