"""The reminder settings as a form: channel, leads per kind and the digest's day and hour."""

from __future__ import annotations

from typing import Any

from domain.dates import weekday_name
from domain.i18n import N_, _
from domain.kinds import KINDS, kind_label
from domain.reminders import WEEKDAYS, parse_leads
from handlers import ids
from handlers.context import Block, Context, OpenModal
from storage.digests import digest_schedule, set_digest_schedule
from storage.reminders import reminder_channel, reminder_rules, set_reminder_channel, set_rule

ACTION = "value"
# Translated where shown.
EDITORS_ONLY = N_("Only ITAG editors can change reminders; nothing was changed.")


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:75]}


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": _plain(label), "value": value}


def _input(block_id: str, label: str, element: dict[str, Any], hint: str | None = None) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "optional": True,
        "element": {**element, "action_id": ACTION},
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def settings_form(ctx: Context) -> OpenModal:
    """The modal, filled with the settings as they are."""
    channel = reminder_channel(ctx.session, default=ctx.reminder_channel, workspace=ctx.workspace)
    schedule = digest_schedule(ctx.session, zone=ctx.tz)
    picker: dict[str, Any] = {"type": "conversations_select", "filter": {"include": ["public", "private"]}}
    if channel and channel[:1] in ("C", "G"):
        picker["initial_conversation"] = channel
    days = [_option(weekday_name(index), day) for index, day in enumerate(WEEKDAYS)]
    hours = [_option(f"{hour:02d}:00", str(hour)) for hour in range(24)]
    blocks = [
        _input(ids.SETTINGS_CHANNEL, _("Reminder channel"), picker),
        _input(
            ids.SETTINGS_DIGEST_DAY,
            _("Weekly digest day"),
            {"type": "static_select", "options": days, "initial_option": days[schedule.weekday]},
        ),
        _input(
            ids.SETTINGS_DIGEST_HOUR,
            _("Digest hour ({zone})").format(zone=schedule.zone),
            {"type": "static_select", "options": hours, "initial_option": hours[schedule.hour]},
        ),
    ]
    for rule in reminder_rules(ctx.session).values():
        leads = ",".join(rule.leads) if rule.enabled else ""
        element = {"type": "plain_text_input", "max_length": 100, "initial_value": leads}
        blocks.append(
            _input(
                ids.SETTINGS_KIND_PREFIX + rule.kind,
                kind_label(rule.kind),
                element,
                _("Leads before it starts, like 30d,7d,1d or 2h; empty for none"),
            )
        )
    return OpenModal(
        {
            "type": "modal",
            "callback_id": ids.REMINDER_SETTINGS_FORM,
            "title": _plain(_("Reminder settings")),
            "submit": _plain(_("Save")),
            "close": _plain(_("Cancel")),
            "blocks": blocks,
        }
    )


def _value(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    found = values.get(block_id, {})
    found = found.get(ACTION) if isinstance(found, dict) else None
    return found if isinstance(found, dict) else {}


def _selected(values: dict[str, Any], block_id: str) -> str | None:
    option = _value(values, block_id).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) else None


def save_settings(ctx: Context, values: dict[str, Any]) -> dict[str, str]:
    """Store the submitted settings; errors keyed by input block (nothing stored when any)."""
    if not ctx.is_editor:
        return {ids.SETTINGS_CHANNEL: _(EDITORS_ONLY)}
    errors, leads = {}, {}
    for kind in KINDS:
        raw = _value(values, ids.SETTINGS_KIND_PREFIX + kind).get("value")
        text = raw.strip() if isinstance(raw, str) else ""
        parsed = parse_leads(text) if text else ()
        if parsed is None:
            errors[ids.SETTINGS_KIND_PREFIX + kind] = _(
                "Write leads like 30d,7d,1d or 2h, or leave it empty."
            )
        leads[kind] = parsed or ()
    day, hour = _selected(values, ids.SETTINGS_DIGEST_DAY), _selected(values, ids.SETTINGS_DIGEST_HOUR)
    if day not in WEEKDAYS or hour is None or not hour.isdigit() or int(hour) > 23:
        errors[ids.SETTINGS_DIGEST_DAY] = _("Choose the digest's day and hour.")
    if errors:
        return errors
    _store(ctx, values, leads, WEEKDAYS.index(str(day)), int(str(hour)))
    return {}


def _store(
    ctx: Context, values: dict[str, Any], leads: dict[str, tuple[str, ...]], day: int, hour: int
) -> None:
    channel = _value(values, ids.SETTINGS_CHANNEL).get("selected_conversation")
    if isinstance(channel, str) and channel[:1] in ("C", "G"):
        set_reminder_channel(ctx.session, channel=channel, workspace=ctx.workspace)
    rules = reminder_rules(ctx.session)
    for kind, kind_leads in leads.items():
        rule = rules[kind]
        if kind_leads:
            set_rule(ctx.session, kind=kind, leads=kind_leads, enabled=True)
        elif rule.leads and rule.enabled:
            set_rule(ctx.session, kind=kind, leads=rule.leads, enabled=False)
    set_digest_schedule(ctx.session, weekday=day, hour=hour)
