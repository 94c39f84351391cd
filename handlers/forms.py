"""The activity form: a modal built from a draft, and the draft read back from its state.

Pure: no session, no Slack client. Every field of `domain.fields.FIELDS` is one input block
whose id is in `ids.FIELD_BLOCKS`, so a validation error is shown under the field it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any, TypeVar

from domain.dates import Precision
from domain.fields import FIELDS, PRECISIONS, Draft, Field
from domain.i18n import _
from domain.kinds import KINDS
from handlers import ids
from handlers.blocks import (
    date_picker,
    input_block,
    modal,
    multi_select,
    option,
    select,
    text_input,
    time_picker,
    url_input,
)
from handlers.context import Block

T = TypeVar("T")


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
    blocks = [_input(field, draft, choices) for field in FIELDS]
    return modal(ids.ACTIVITY_FORM, title, blocks, submit=_("Save"), close=_("Close"), metadata=metadata)


def _input(field: Field, draft: Draft, choices: Choices) -> Block:
    hint = _(field.hint) if field.hint else None
    if field.name == "zone":
        hint = _("Leave empty to use the place's zone (Geneva: Europe/Zurich), else {zone}.").format(
            zone=choices.default_zone
        )
    element = _element(field, getattr(draft, field.name), choices)
    return input_block(
        ids.FIELD_BLOCKS[field.name], _(field.label), element, optional=not field.required, hint=hint
    )


def _element(field: Field, value: Any, choices: Choices) -> Block:
    kind = field.value
    if kind in ("text", "long_text"):
        return text_input(value or None, field.limit or 3000, multiline=kind == "long_text")
    if kind == "link":
        return url_input(value)
    if kind == "date":
        return date_picker(value.isoformat() if value else None)
    if kind == "time":
        return time_picker(value.strftime("%H:%M") if value else None)
    if kind == "members":
        return multi_select(_options(choices.members), value)
    pairs = {
        "precision": [(slug, _(label)) for slug, label in PRECISIONS.items()],
        "kind": [(slug, _(label)) for slug, label in KINDS.items()],
        "zone": [(z, z) for z in choices.zones],
        "plan_item": choices.plan_items,
    }
    return select(_options(pairs[kind]), value)


def _options(pairs: list[tuple[str, str]]) -> list[Block]:
    return [option(label, value) for value, label in pairs]


def read_state(values: dict[str, Any]) -> Draft:
    """The draft a submitted form holds (`view.state.values`); malformed values are marked unreadable."""
    unreadable: list[str] = []
    read: dict[str, Any] = {}
    for field in FIELDS:
        raw = _element_state(values, field.name)
        value, ok = _READERS[field.value](raw)
        if not ok:
            unreadable.append(field.name)
        read[field.name] = value
    read["title"] = read["title"] or ""
    read["kind"] = read["kind"] or ""
    read["zone"] = read["zone"] or _element_state(values, "at").get("timezone") or None
    return Draft(**read, unreadable=tuple(unreadable))


def _element_state(values: dict[str, Any], name: str) -> dict[str, Any]:
    found = values.get(ids.FIELD_BLOCKS[name], {})
    found = found.get(ids.FIELD_ACTION) if isinstance(found, dict) else None
    return found if isinstance(found, dict) else {}


def _text(state: dict[str, Any]) -> tuple[str | None, bool]:
    raw = state.get("value")
    if raw is not None and not isinstance(raw, str):
        return None, False
    return raw or None, True


def _chosen(state: dict[str, Any]) -> tuple[str | None, bool]:
    option = state.get("selected_option")
    if option is not None and not (isinstance(option, dict) and isinstance(option.get("value"), str)):
        return None, False
    return (str(option["value"]) if option and option.get("value") else None), True


def _parsed(key: str, convert: Callable[[str], T]) -> Callable[[dict[str, Any]], tuple[T | None, bool]]:
    def read(state: dict[str, Any]) -> tuple[T | None, bool]:
        raw = state.get(key)
        value = _parse(convert, raw)
        return value, not (raw and value is None)

    return read


def _chosen_many(state: dict[str, Any]) -> tuple[tuple[str, ...], bool]:
    chosen = state.get("selected_options") or []
    if not isinstance(chosen, list):
        return (), False
    return tuple(str(o["value"]) for o in chosen if isinstance(o, dict) and o.get("value")), True


_READERS: dict[str, Callable[[dict[str, Any]], tuple[Any, bool]]] = {
    "text": _text,
    "long_text": _text,
    "link": _text,
    "kind": _chosen,
    "zone": _chosen,
    "plan_item": _chosen,
    "date": _parsed("selected_date", date.fromisoformat),
    "time": _parsed("selected_time", time.fromisoformat),
    "members": _chosen_many,
    "precision": lambda state: (_precision(_chosen(state)[0]), True),
}


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
