"""/itag reminders: the channel, the rules per kind and what is due next; editors change them."""

from __future__ import annotations

import re
from datetime import timedelta

from domain.dates import weekday_name
from domain.i18n import LANGUAGES, _, parse_language
from domain.kinds import KINDS, kind_label, parse_kind
from domain.mrkdwn import escape, truncate
from domain.reminders import WEEKDAYS, lead_label, parse_leads
from domain.text import fold
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.blocks import header
from handlers.context import Answer, Context, Reply
from handlers.help import help_answer
from handlers.reminder_settings import EDITORS_ONLY, settings_form
from storage.activities import activity_by_id
from storage.digests import digest_schedule, set_digest_schedule
from storage.due import Planned, planned_reminders
from storage.languages import channel_language, set_channel_language
from storage.reminders import reminder_channel, reminder_rules, set_reminder_channel, set_rule

CHANNEL = re.compile(
    r"^(?:<#(?P<id>[CG][A-Z0-9]{2,})(?:\|[^>]*)?>|(?P<bare>[CG][A-Z0-9]{6,})|#(?P<name>[a-z0-9_-]{1,80}))$"
)
USAGE = (
    "`/itag reminders edit` (a form), `/itag reminders channel #channel`, "
    "`/itag reminders ministerial 30d,7d,1d`, "
    "`/itag reminders off webinar`, `/itag reminders on webinar`, `/itag reminders digest mon 9`"
)
LOOK_AHEAD = timedelta(days=120)


def reminders_answer(ctx: Context, args: list[str]) -> Reply:
    """Show the reminder settings, or change them (by command or form) when an editor asks."""
    if not args:
        return overview(ctx)
    if not ctx.is_editor:
        return _note(_(EDITORS_ONLY))
    word, rest = args[0].lower(), args[1:]
    if word in ("edit", "settings") and not rest:
        return settings_form(ctx)
    if word == "channel":
        return _set_channel(ctx, rest)
    if command_word_language(word):
        return _set_language(ctx, rest)
    if word == "digest":
        return _set_digest(ctx, rest)
    if word in ("off", "on"):
        return _switch(ctx, rest, on=word == "on")
    return _set_leads(ctx, args)


def overview(ctx: Context, note: str | None = None) -> Answer:
    """Channel, digest, rules per kind and the next ten reminders."""
    channel = reminder_channel(ctx.session, default=ctx.reminder_channel, workspace=ctx.workspace)
    schedule = digest_schedule(ctx.session, zone=ctx.tz)
    day = weekday_name(schedule.weekday)
    unset = "_" + _("not set") + "_ — `/itag reminders channel #channel`"
    posted_in = LANGUAGES[(channel_language(ctx.session, channel=channel) if channel else None) or "en"]
    lines = [
        "*" + _("Channel:") + f"* {_where(channel) if channel else unset}",
        "*" + _("Language of channel posts:") + f"* {posted_in} (`/itag reminders language es|fr|en`)",
        "*" + _("Weekly digest:") + f"* {day} {schedule.hour:02d}:00 ({escape(schedule.zone)})",
    ]
    rules = [_rule_line(rule.kind, rule.leads, rule.enabled) for rule in reminder_rules(ctx.session).values()]
    blocks = [header(_("ITAG reminders"))]
    if note:
        blocks.append(section(note))
    blocks += [section("\n".join(lines)), section("*" + _("Rules by kind") + "*\n" + "\n".join(rules))]
    blocks.append(section("*" + _("Next reminders") + "*\n" + _next_lines(ctx, channel)))
    blocks.append(context(_("Editors change these: {usage}.").format(usage=USAGE)))
    return Answer(text=_("ITAG reminders") + "\n" + "\n".join(lines + rules), blocks=blocks, shareable=False)


def _rule_line(kind: str, leads: tuple[str, ...], enabled: bool) -> str:
    state = ", ".join(leads) if enabled and leads else _("off") if leads else _("none")
    return f"• {escape(kind_label(kind))}: {state}"


def _next_lines(ctx: Context, channel: str | None) -> str:
    items = planned_reminders(
        ctx.session, now=ctx.now, until=ctx.now + LOOK_AHEAD, channels=[channel] if channel else [], limit=50
    )
    mine = [p for p in items if p.recipient in (channel, ctx.user_id)][:10]
    if not mine:
        return _("None in the next 120 days.")
    return "\n".join(_planned_line(ctx, item) for item in mine)


def _planned_line(ctx: Context, item: Planned) -> str:
    activity = activity_by_id(ctx.session, activity_id=item.activity_id)
    title = escape(truncate(activity.title, 80)) if activity else f"#{item.activity_id}"
    stamp = int(item.due_at.timestamp())
    when = (
        _("now (overdue)")
        if item.overdue
        else f"<!date^{stamp}^{{date_short_pretty}} {{time}}|{item.due_at:%Y-%m-%d %H:%M} UTC>"
    )
    return f"• {when} — {lead_label(item.lead)} *{title}* → {_where(item.recipient)}"


def _where(recipient: str) -> str:
    if recipient.startswith(("U", "W")):
        return f"<@{recipient}> (DM)"
    if recipient.startswith(("C", "G")):
        return f"<#{recipient}>"
    return escape(recipient)


def _note(text: str) -> Answer:
    return Answer(text=text, blocks=[section(escape(text))], shareable=False)


def _set_channel(ctx: Context, rest: list[str]) -> Answer:
    match = CHANNEL.match(rest[0]) if len(rest) == 1 else None
    if match is None:
        return _note("Name one channel, e.g. `/itag reminders channel #itag` or its ID `C0123ABCD`.")
    channel = match.group("id") or match.group("bare") or f"#{match.group('name')}"
    set_reminder_channel(ctx.session, channel=channel, workspace=ctx.workspace)
    return overview(ctx, f":white_check_mark: Reminders now go to {_where(channel)}.")


def command_word_language(word: str) -> bool:
    """`/itag reminders language es` (also `idioma`, `langue`)."""
    return fold(word) in ("language", "idioma", "langue")


def _set_language(ctx: Context, rest: list[str]) -> Answer:
    """The language reminders and digests are posted in, in the reminder channel."""
    channel = reminder_channel(ctx.session, default=ctx.reminder_channel, workspace=ctx.workspace)
    language = parse_language(" ".join(rest)) if rest else None
    if channel is None:
        return _note(_("Set the reminder channel first: `/itag reminders channel #channel`."))
    if language is None:
        return _note(_("Name a language: `/itag reminders language es`, `fr` or `en`."))
    set_channel_language(ctx.session, channel=channel, language=language)
    done = _("Reminders and digests in {channel} are now posted in {language}.")
    return overview(
        ctx, ":white_check_mark: " + done.format(channel=_where(channel), language=LANGUAGES[language])
    )


def _set_leads(ctx: Context, args: list[str]) -> Answer:
    kind = parse_kind(" ".join(args[:-1])) if len(args) > 1 else None
    leads = parse_leads(args[-1])
    if kind is None or not leads:
        return help_answer(_("I can't read that. Try {usage}.").format(usage=USAGE))
    set_rule(ctx.session, kind=kind, leads=leads)
    done = _("{kind}: {leads} before.").format(kind=escape(kind_label(kind)), leads=", ".join(leads))
    return overview(ctx, f":white_check_mark: {done}")


def _switch(ctx: Context, rest: list[str], *, on: bool) -> Answer:
    kind = parse_kind(" ".join(rest))
    if kind is None:
        return help_answer(_("Which kind? One of: {kinds}.").format(kinds=", ".join(KINDS)))
    rule = reminder_rules(ctx.session)[kind]
    if on and not rule.leads:
        return _note(
            _("{label} has no leads yet: `/itag reminders {kind} 7d,1d`.").format(
                label=kind_label(kind), kind=kind
            )
        )
    set_rule(ctx.session, kind=kind, leads=rule.leads, enabled=on)
    done = _("{kind} reminders on.") if on else _("{kind} reminders off.")
    return overview(ctx, ":white_check_mark: " + done.format(kind=escape(kind_label(kind))))


def _set_digest(ctx: Context, rest: list[str]) -> Answer:
    day = rest[0].lower()[:3] if rest else ""
    hour = rest[1] if len(rest) == 2 else ""
    if day not in WEEKDAYS or not hour.isdigit() or int(hour) > 23:
        return _note(_("Give a day and an hour, e.g. `/itag reminders digest mon 9`."))
    set_digest_schedule(ctx.session, weekday=WEEKDAYS.index(day), hour=int(hour))
    done = _("The digest now goes out {day} at {hour}.").format(
        day=weekday_name(WEEKDAYS.index(day)), hour=f"{int(hour):02d}:00"
    )
    return overview(ctx, f":white_check_mark: {done}")
