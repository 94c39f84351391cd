"""Editors keep the members from Slack: `/itag members add`, `/itag members edit CODE` (a modal):
what each joined (ITAG, the GTAGA), when — with the date's precision — and the source."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)

from domain.i18n import N_, _
from domain.mrkdwn import truncate
from domain.records import Member
from handlers import ids
from handlers.blocks import section
from handlers.context import Answer, Block, Context, OpenModal, Reply
from handlers.help import help_answer
from handlers.members import JOINABLE, members_answer
from handlers.plan_forms import Saved, not_an_editor
from storage.programme import list_members
from storage.programme_writes import FactFields, save_member, source_key_used

CODE = re.compile(r"^[A-Z]{2,8}$")
PRECISIONS = (("day", N_("the day")), ("month", N_("the month only")), ("year", N_("the year only")))


def members_command(ctx: Context, args: list[str]) -> Reply:
    """`/itag members` answers; `members add` and `members edit CODE` open the editors' form."""
    verb = args[0].lower() if args else ""
    if verb not in ("add", "edit"):
        return members_answer(ctx)
    if not ctx.is_editor:
        return not_an_editor(ctx)
    if verb == "add":
        return OpenModal(member_form(None))
    code = args[1].upper() if len(args) > 1 else ""
    member = next((m for m in list_members(ctx.session) if m.code == code), None)
    if member is None:
        codes = ", ".join(m.code for m in list_members(ctx.session))
        return help_answer(_("`/itag members edit CODE` takes a member's code: {codes}.").format(codes=codes))
    return OpenModal(member_form(member))


def _input(name: str, label: str, element: Any, *, optional: bool = True, hint: str | None = None) -> Block:
    hint_text = PlainTextObject(text=hint) if hint else None
    block = InputBlock(
        block_id=ids.MEMBER_BLOCKS[name], label=label, element=element, optional=optional, hint=hint_text
    )
    return block.to_dict()


def _text(initial: str | None, limit: int) -> PlainTextInputElement:
    return PlainTextInputElement(action_id=ids.PLAN_ACTION, initial_value=initial or None, max_length=limit)


def member_form(member: Member | None) -> dict[str, Any]:
    """The modal that adds a member (with its code) or edits one's name and joining facts."""
    blocks: list[Block] = []
    if member is None:
        blocks.append(_input("code", _("Code (2–8 capital letters)"), _text(None, 8), optional=False))
    else:
        blocks.append(section(_("Member code *{code}*").format(code=member.code)))
    blocks.append(_input("name", _("Name"), _text(member.name if member else None, 100), optional=False))
    options = [Option(value=value, text=_(label)) for value, label in PRECISIONS]
    for joined in JOINABLE:
        fact = member.fact(joined) if member else None
        day = fact.when.start.isoformat() if fact and fact.when.start else None
        chosen = next((o for o in options if fact and o.value == fact.when.precision), options[0])
        picker = DatePickerElement(action_id=ids.PLAN_ACTION, initial_date=day)
        blocks += [
            _input(
                f"{joined}_date",
                _("Joined {what} on").format(what=joined),
                picker,
                hint=_("Empty when the record does not say."),
            ),
            _input(
                f"{joined}_precision",
                _("The record gives"),
                StaticSelectElement(action_id=ids.PLAN_ACTION, options=options, initial_option=chosen),
            ),
            _input(
                f"{joined}_source",
                _("Source"),
                _text(fact.source if fact else None, 500),
                hint=_("e.g. welcoming ceremony, 15 May 2023"),
            ),
        ]
    metadata = json.dumps({"m": member.code if member else None}, separators=(",", ":"))
    title = _("Edit member {code}").format(code=member.code) if member else _("Add a member")
    return {
        "type": "modal",
        "callback_id": ids.MEMBER_FORM,
        "title": {"type": "plain_text", "text": truncate(title, 24)},
        "submit": {"type": "plain_text", "text": truncate(_("Save"), 24)},
        "close": {"type": "plain_text", "text": truncate(_("Close"), 24)},
        "private_metadata": metadata,
        "blocks": blocks,
    }


def _field(values: dict[str, Any], name: str) -> dict[str, Any]:
    found = (values.get(ids.MEMBER_BLOCKS[name]) or {}).get(ids.PLAN_ACTION)
    return found if isinstance(found, dict) else {}


def _read(values: dict[str, Any], name: str) -> str:
    element = _field(values, name)
    raw = element.get("value") or element.get("selected_date")
    if raw is None and isinstance(element.get("selected_option"), dict):
        raw = element["selected_option"].get("value")
    return raw.strip() if isinstance(raw, str) else ""


def save_member_form(ctx: Context, values: dict[str, Any], meta: dict[str, Any], *, view_id: str) -> Saved:
    """Check and store a member form; a repeat of the same submission changes nothing."""
    b = ids.MEMBER_BLOCKS
    if not ctx.is_editor:
        return Saved({b["name"]: not_an_editor(ctx).text})
    key = f"view:{view_id}"
    if source_key_used(ctx.session, key=key):
        return Saved({})
    members = {m.code: m for m in list_members(ctx.session)}
    code = str(meta.get("m") or _read(values, "code").upper())
    name = _read(values, "name")
    errors: dict[str, str] = {}
    if meta.get("m") is None:
        if not CODE.match(code):
            errors[b["code"]] = _("2–8 capital letters, like CR.")
        elif code in members:
            errors[b["code"]] = _("{code} is {name} already; `/itag members edit {code}` changes it.").format(
                code=code, name=members[code].name
            )
    elif code not in members:
        return Saved({b["name"]: _("This member no longer exists; close the form.")})
    if not name:
        errors[b["name"]] = _("Give the member's name.")
    elif any(m.name.lower() == name.lower() and m.code != code for m in members.values()):
        errors[b["name"]] = _("{name} is on record already.").format(name=name)
    facts = [_fact(values, joined, errors, ctx) for joined in JOINABLE]
    if errors:
        return Saved(errors)
    changes = save_member(
        ctx.session, code=code, name=name, facts=facts, actor=ctx.user_id, now=ctx.now, source_key=key
    )
    text = _(
        "Member {code} saved. `/itag members` shows it; `/itag history members` lists every change."
    ).format(code=code)
    return Saved({}, Answer(text=text, blocks=[section(text)], shareable=False) if changes else None)


def _fact(values: dict[str, Any], joined: str, errors: dict[str, str], ctx: Context) -> FactFields:
    b = ids.MEMBER_BLOCKS
    raw, precision, source = (_read(values, f"{joined}_{n}") for n in ("date", "precision", "source"))
    precision = precision if precision in dict(PRECISIONS) else "day"
    day = None
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        errors[b[f"{joined}_date"]] = _("This date could not be read; pick it again.")
    if day is not None and day > ctx.now.date():
        errors[b[f"{joined}_date"]] = _("A joining date can't be in the future.")
    if day is not None and not source:
        errors[b[f"{joined}_source"]] = _("Say where the record says so (e.g. the ceremony and its date).")
    if day is not None and precision == "month":
        day = day.replace(day=1)
    elif day is not None and precision == "year":
        day = day.replace(month=1, day=1)
    return FactFields(joined, day, precision, truncate(source, 500))
