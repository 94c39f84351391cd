"""The reminder settings as a form: channel, leads per kind and the digest's day and hour."""

from __future__ import annotations

from typing import Any

from domain.kinds import KINDS, kind_label
from domain.mrkdwn import is_channel_id
from domain.reminders import WEEKDAYS, parse_leads
from handlers import ids
from handlers.blocks import conversation_select, input_block, modal, option, select, text_input
from handlers.context import Context, OpenModal
from storage.reminders import (
    digest_schedule,
    reminder_channel,
    reminder_rules,
    set_digest_schedule,
    set_reminder_channel,
    set_rule,
)

EDITORS_ONLY = "Only ITAG editors can change reminders; nothing was changed."


def settings_form(ctx: Context) -> OpenModal:
    """The modal, filled with the settings as they are."""
    channel = reminder_channel(ctx.session, default=ctx.reminder_channel)
    schedule = digest_schedule(ctx.session, zone=ctx.tz)
    picker = conversation_select(channel if channel and is_channel_id(channel) else None)
    days = [option(day.capitalize(), day) for day in WEEKDAYS]
    hours = [option(f"{hour:02d}:00", str(hour)) for hour in range(24)]
    blocks = [
        input_block(ids.SETTINGS_CHANNEL, "Reminder channel", picker),
        input_block(ids.SETTINGS_DIGEST_DAY, "Weekly digest day", select(days, WEEKDAYS[schedule.weekday])),
        input_block(
            ids.SETTINGS_DIGEST_HOUR, f"Digest hour ({schedule.zone})", select(hours, str(schedule.hour))
        ),
    ]
    for rule in reminder_rules(ctx.session).values():
        leads = ",".join(rule.leads) if rule.enabled else ""
        blocks.append(
            input_block(
                ids.SETTINGS_KIND_PREFIX + rule.kind,
                kind_label(rule.kind),
                text_input(leads, 100),
                hint="Leads before it starts, like 30d,7d,1d or 2h; empty for none",
            )
        )
    view = modal(ids.REMINDER_SETTINGS_FORM, "Reminder settings", blocks, submit="Save", close="Cancel")
    return OpenModal(view)


def _value(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    found = values.get(block_id, {})
    found = found.get(ids.FIELD_ACTION) if isinstance(found, dict) else None
    return found if isinstance(found, dict) else {}


def _selected(values: dict[str, Any], block_id: str) -> str | None:
    option = _value(values, block_id).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def save_settings(ctx: Context, values: dict[str, Any]) -> dict[str, str]:
    """Store the submitted settings; errors keyed by input block (nothing stored when any)."""
    if not ctx.is_editor:
        return {ids.SETTINGS_CHANNEL: EDITORS_ONLY}
    errors, leads = {}, {}
    for kind in KINDS:
        raw = _value(values, ids.SETTINGS_KIND_PREFIX + kind).get("value")
        text = raw.strip() if isinstance(raw, str) else ""
        parsed = parse_leads(text) if text else ()
        if parsed is None:
            errors[ids.SETTINGS_KIND_PREFIX + kind] = "Write leads like 30d,7d,1d or 2h, or leave it empty."
        leads[kind] = parsed or ()
    day, hour = _selected(values, ids.SETTINGS_DIGEST_DAY), _selected(values, ids.SETTINGS_DIGEST_HOUR)
    if day not in WEEKDAYS or hour is None or not hour.isdigit() or int(hour) > 23:
        errors[ids.SETTINGS_DIGEST_DAY] = "Choose the digest's day and hour."
    if errors:
        return errors
    _store(ctx, values, leads, WEEKDAYS.index(str(day)), int(str(hour)))
    return {}


def _store(
    ctx: Context, values: dict[str, Any], leads: dict[str, tuple[str, ...]], day: int, hour: int
) -> None:
    channel = _value(values, ids.SETTINGS_CHANNEL).get("selected_conversation")
    if isinstance(channel, str) and is_channel_id(channel):
        set_reminder_channel(ctx.session, channel=channel)
    rules = reminder_rules(ctx.session)
    for kind, kind_leads in leads.items():
        rule = rules[kind]
        if kind_leads:
            set_rule(ctx.session, kind=kind, leads=kind_leads, enabled=True)
        elif rule.leads and rule.enabled:
            set_rule(ctx.session, kind=kind, leads=rule.leads, enabled=False)
    set_digest_schedule(ctx.session, weekday=day, hour=hour)
