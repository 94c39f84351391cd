"""The activity form: a modal built from a draft, and the draft read back from its state.

Pure: no session, no Slack client. Every input is an input block whose id is in
`ids.FIELD_BLOCKS`, so a validation error can be shown under the field it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any, TypeVar

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticMultiSelectElement,
    StaticSelectElement,
    TimePickerElement,
    UrlInputElement,
)
from slack_sdk.models.blocks.block_elements import InputInteractiveElement

from domain.dates import Precision
from domain.drafts import LIMITS, Draft
from domain.i18n import N_, _
from domain.kinds import KINDS
from domain.mrkdwn import truncate
from handlers import ids
from handlers.context import Block

T = TypeVar("T")
PRECISIONS = {
    "day": N_("Yes: the date is exact"),
    "month": N_("Not yet: only the month is known"),
    "year": N_("Not yet: only the year is known"),
}
OPTION_TEXT = 75  # Slack's limit for an option's label
MAX_OPTIONS = 100


@dataclass(frozen=True)
class Choices:
    """What the selects offer: (value, label) pairs and time-zone names."""

    members: list[tuple[str, str]]
    plan_items: list[tuple[str, str]]
    zones: list[str]
    default_zone: str


def activity_form(
    draft: Draft, choices: Choices, *, metadata: str, activity_id: int | None
) -> dict[str, Any]:
    """The modal that logs a new activity (or edits `activity_id`), pre-filled from `draft`."""
    title = (
        _("Edit activity #{number}").format(number=activity_id) if activity_id else _("Log an ITAG activity")
    )
    zone_hint = _("Leave empty to use the place's zone (Geneva: Europe/Zurich), else {zone}.").format(
        zone=choices.default_zone
    )
    kinds = [(slug, _(label)) for slug, label in KINDS.items()]
    blocks = [
        _input("title", _("Title"), _text(draft.title, LIMITS["title"]), optional=False),
        _input("kind", _("Kind"), _select(kinds, draft.kind), optional=False),
        _input("start", _("Start date"), _date_picker(draft.start)),
        _input("end", _("End date (events over several days)"), _date_picker(draft.end)),
        _input(
            "precision",
            _("Is the day known?"),
            _select([(key, _(label)) for key, label in PRECISIONS.items()], draft.precision),
            optional=False,
            hint=_(
                "Not yet: pick any day of the month (or year) as the start date; the card shows the month."
            ),
        ),
        _input("at", _("Start time (empty for an all-day event)"), _time_picker(draft.at)),
        _input(
            "zone",
            _("Time zone of the start time"),
            _select([(z, z) for z in choices.zones], draft.zone),
            hint=zone_hint,
        ),
        _input("place", _("Place"), _text(draft.place, LIMITS["place"])),
        _input("hosts", _("Host or co-host members"), _multi_select(choices.members, draft.hosts)),
        _input("plan_ref", _("Work-plan item it serves"), _select(choices.plan_items, draft.plan_ref)),
        _input(
            "description", _("Description"), _text(draft.description, LIMITS["description"], multiline=True)
        ),
        _input(
            "link", _("Link"), UrlInputElement(action_id=ids.FIELD_ACTION, initial_value=draft.link or None)
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.ACTIVITY_FORM,
        "title": {"type": "plain_text", "text": truncate(title, 24)},
        "submit": {"type": "plain_text", "text": truncate(_("Save"), 24)},
        "close": {"type": "plain_text", "text": truncate(_("Close"), 24)},
        "private_metadata": metadata,
        "blocks": blocks,
    }


def _input(
    name: str, label: str, element: InputInteractiveElement, *, optional: bool = True, hint: str | None = None
) -> Block:
    block = InputBlock(
        block_id=ids.FIELD_BLOCKS[name],
        label=label,
        element=element,
        optional=optional,
        hint=PlainTextObject(text=hint) if hint else None,
    )
    return block.to_dict()


def _text(value: str | None, limit: int, *, multiline: bool = False) -> PlainTextInputElement:
    initial = truncate(value, limit) if value else None
    return PlainTextInputElement(
        action_id=ids.FIELD_ACTION, initial_value=initial, max_length=limit, multiline=multiline
    )


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date_picker(day: date | None) -> DatePickerElement:
    return DatePickerElement(action_id=ids.FIELD_ACTION, initial_date=_day(day))


def _time_picker(at: time | None) -> TimePickerElement:
    return TimePickerElement(action_id=ids.FIELD_ACTION, initial_time=at.strftime("%H:%M") if at else None)


def _options(pairs: list[tuple[str, str]]) -> list[Option]:
    return [Option(value=value, text=truncate(label, OPTION_TEXT)) for value, label in pairs[:MAX_OPTIONS]]


def _select(pairs: list[tuple[str, str]], chosen: str | None) -> StaticSelectElement:
    options = _options(pairs)
    initial = next((o for o in options if o.value == chosen), None)
    return StaticSelectElement(action_id=ids.FIELD_ACTION, options=options, initial_option=initial)


def _multi_select(pairs: list[tuple[str, str]], chosen: tuple[str, ...]) -> StaticMultiSelectElement:
    options = _options(pairs)
    initial = [o for o in options if o.value in chosen] or None
    return StaticMultiSelectElement(action_id=ids.FIELD_ACTION, options=options, initial_options=initial)


def read_state(values: dict[str, Any]) -> Draft:
    """The draft a submitted form holds (`view.state.values`); malformed values are marked unreadable."""
    unreadable: list[str] = []

    def field(name: str) -> dict[str, Any]:
        found = values.get(ids.FIELD_BLOCKS[name], {})
        found = found.get(ids.FIELD_ACTION) if isinstance(found, dict) else None
        return found if isinstance(found, dict) else {}

    def text(name: str) -> str | None:
        raw = field(name).get("value")
        if raw is not None and not isinstance(raw, str):
            unreadable.append(name)
            return None
        return raw or None

    def chosen(name: str) -> str | None:
        option = field(name).get("selected_option")
        if option is not None and not (isinstance(option, dict) and isinstance(option.get("value"), str)):
            unreadable.append(name)
            return None
        return str(option["value"]) if option and option.get("value") else None

    def parsed(name: str, key: str, convert: Callable[[str], T]) -> T | None:
        raw = field(name).get(key)
        value = _parse(convert, raw)
        if raw and value is None:
            unreadable.append(name)
        return value

    hosts = field("hosts").get("selected_options") or []
    if not isinstance(hosts, list):
        unreadable.append("hosts")
        hosts = []
    return Draft(
        title=text("title") or "",
        kind=chosen("kind") or "",
        start=parsed("start", "selected_date", date.fromisoformat),
        end=parsed("end", "selected_date", date.fromisoformat),
        precision=_precision(chosen("precision")),
        at=parsed("at", "selected_time", time.fromisoformat),
        zone=chosen("zone") or field("at").get("timezone") or None,
        place=text("place"),
        hosts=tuple(str(o["value"]) for o in hosts if isinstance(o, dict) and o.get("value")),
        plan_ref=chosen("plan_ref"),
        description=text("description"),
        link=text("link"),
        unreadable=tuple(unreadable),
    )


def _precision(chosen: str | None) -> Precision:
    """The chosen precision; a missing or unknown value (an old form) is an exact day."""
    return "month" if chosen == "month" else "year" if chosen == "year" else "day"


def _parse(convert: Callable[[str], T], raw: object) -> T | None:
    if not isinstance(raw, str) or not raw:
        return None
    try:
        return convert(raw)
    except ValueError:
        return None


def errors_by_block(errors: dict[str, str]) -> dict[str, str]:
    """Validation messages keyed by the input blocks Slack shows them under."""
    return {ids.FIELD_BLOCKS[name]: message for name, message in errors.items()}
