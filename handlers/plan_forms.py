"""Editors keep the programmes from Slack: `/itag plan new`, `/itag plan add PERIOD`,
`/itag plan edit PERIOD ITEM` — modals, checked before anything is stored, every change audited."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)

from domain.i18n import _, ngettext
from domain.mrkdwn import is_user_id, md, md_join, mention, truncate
from domain.outline import LIMITS, Outline, OutlineError, read_outline
from domain.programme import find_item, parse_period, shorten
from domain.records import PlanItem
from handlers import ids
from handlers.blocks import context, section
from handlers.context import Answer, Block, Context, OpenModal, Reply
from handlers.help import help_answer
from handlers.plan import plan_answer
from storage.programme import find_programme, plan_items
from storage.programme_writes import ItemFields, import_outline, item_refs, save_item, source_key_used

REF = re.compile(r"^[0-9A-Za-z]{1,6}(\.[0-9A-Za-z]{1,6}){0,3}$")
MAX_SPAN = 10


def plan_command(ctx: Context, args: list[str]) -> Reply:
    """`/itag plan …`: the reading answers, or for editors the forms that change a programme."""
    verb = args[0].lower() if args else ""
    if verb not in ("new", "add", "edit"):
        return plan_answer(ctx, args)
    if not ctx.is_editor:
        return not_an_editor(ctx)
    if verb == "new":
        return OpenModal(programme_form())
    period = args[1] if len(args) > 1 else ""
    programme = find_programme(ctx.session, period=period) if parse_period(period) else None
    if programme is None:
        return help_answer(
            _(
                "`/itag plan {verb}` takes a recorded programme's period, e.g. `/itag plan {verb} 2022-2024`."
            ).format(verb=verb)
        )
    if verb == "add":
        return OpenModal(item_form(period, None))
    item = (
        find_item(plan_items(ctx.session, plan=period, retired=True), " ".join(args[2:]))
        if args[2:]
        else None
    )
    if item is None:
        return help_answer(
            _("Name the item to edit, e.g. `/itag plan edit {period} 2` (or its first words).").format(
                period=period
            )
        )
    return OpenModal(item_form(period, item))


def not_an_editor(ctx: Context) -> Answer:
    """Who may change programmes and members, for someone who may not."""
    people = [e.split(":")[-1] for e in sorted(ctx.editors)]
    named = md_join(", ", [mention(p) for p in people if is_user_id(p)]) or _("none are set (ITAG_EDITORS)")
    text = md(
        _("Only ITAG editors can add or change programmes and members. Editors: {}. Nothing was changed."),
        named,
    )
    return Answer(text=text, blocks=[context(md(":no_entry: {}", text))], shareable=False)


# ------------------------------------------------------------------ the forms


def _input(block: str, label: str, element: Any, *, optional: bool = False, hint: str | None = None) -> Block:
    return InputBlock(
        block_id=block,
        label=label,
        element=element,
        optional=optional,
        hint=PlainTextObject(text=hint) if hint else None,
    ).to_dict()


def _text(
    initial: str | None, limit: int, *, multiline: bool = False, placeholder: str | None = None
) -> PlainTextInputElement:
    return PlainTextInputElement(
        action_id=ids.PLAN_ACTION,
        initial_value=truncate(initial, limit) if initial else None,
        max_length=limit,
        multiline=multiline,
        placeholder=placeholder,
    )


def _modal(callback_id: str, title: str, metadata: dict[str, Any], blocks: list[Block]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": truncate(title, 24)},
        "submit": {"type": "plain_text", "text": truncate(_("Save"), 24)},
        "close": {"type": "plain_text", "text": truncate(_("Close"), 24)},
        "private_metadata": json.dumps(metadata, separators=(",", ":")),
        "blocks": blocks,
    }


def programme_form() -> dict[str, Any]:
    """The modal that adds a programme: title, period, and its items as an outline."""
    b = ids.PROGRAMME_BLOCKS
    blocks = [
        _input(
            b["title"],
            _("Title"),
            _text(None, LIMITS["title"], placeholder=_("ITAG Work Programme 2025-2027")),
        ),
        _input(b["start"], _("First year"), _text(None, 4, placeholder="2025")),
        _input(b["end"], _("Last year"), _text(None, 4, placeholder="2027")),
        _input(
            b["outline"],
            _("Items (an outline)"),
            _text(
                None,
                3000,
                multiline=True,
                placeholder="## Points of engagement\n1. **Lead-in:** text\n   a. sub-item",
            ),
            optional=True,
            hint=_(
                "`## Heading` starts a list; `1.` numbers an item, `-` an unnumbered point; indent sub-items."
            ),
        ),
    ]
    return _modal(ids.PROGRAMME_FORM, _("New work programme"), {}, blocks)


def item_form(period: str, item: PlanItem | None) -> dict[str, Any]:
    """The modal that adds an item to `period`, or edits, renumbers or retires `item`."""
    b = ids.PLAN_ITEM_BLOCKS
    ref = item.ref if item and item.numbered else None
    blocks = [
        section(
            _("Programme *{period}*").format(period=period)
            + (f" · {shorten(item.wording, 120)}" if item else "")
        ),
        _input(
            b["ref"],
            _("Number (as the text numbers it)"),
            _text(ref, LIMITS["ref"], placeholder="2.iii"),
            optional=True,
            hint=_("Empty for an unnumbered point. A sub-item's number starts with its item's: 2.iii."),
        ),
        _input(
            b["under"],
            _("Under item (unnumbered points only)"),
            _text(item.parent_ref if item else None, LIMITS["ref"]),
            optional=True,
        ),
        _input(
            b["lead"],
            _("Lead-in (optional)"),
            _text(item.title if item else None, LIMITS["lead"]),
            optional=True,
        ),
        _input(
            b["body"],
            _("Wording"),
            _text(item.body if item else None, LIMITS["body"], multiline=True),
            optional=True,
        ),
    ]
    if item is not None:
        options = [
            Option(value="active", text=_("In the programme")),
            Option(value="retired", text=_("Retired")),
        ]
        chosen = options[1] if item.retired else options[0]
        blocks.append(
            _input(
                b["status"],
                _("Status"),
                StaticSelectElement(action_id=ids.PLAN_ACTION, options=options, initial_option=chosen),
            )
        )
    title = (
        _("Edit item {period}").format(period=period)
        if item
        else _("Add item to {period}").format(period=period)
    )
    return _modal(ids.PLAN_ITEM_FORM, title, {"p": period, "r": item.ref if item else None}, blocks)


# ------------------------------------------------------------------ reading and saving submissions


def _value(values: dict[str, Any], block: str) -> str:
    element = (values.get(block) or {}).get(ids.PLAN_ACTION) or {}
    if not isinstance(element, dict):
        return ""
    raw = element.get("value")
    if raw is None and isinstance(element.get("selected_option"), dict):
        raw = element["selected_option"].get("value")
    return raw.strip() if isinstance(raw, str) else ""


@dataclass(frozen=True)
class Saved:
    """Errors keep the modal open under their fields; otherwise a note for the editor."""

    errors: dict[str, str]
    note: Answer | None = None


def save_programme(ctx: Context, values: dict[str, Any], *, view_id: str) -> Saved:
    """Store a new programme from the form; a repeated submission of the same form changes nothing."""
    b = ids.PROGRAMME_BLOCKS
    if not ctx.is_editor:
        return Saved({b["title"]: not_an_editor(ctx).text})
    key = f"view:{view_id}"
    if source_key_used(ctx.session, key=key):
        return Saved({})
    outline, errors = _programme_outline(ctx, values)
    if errors or outline is None:
        return Saved(errors)
    report = import_outline(
        ctx.session, outline=outline, actor=ctx.user_id, now=ctx.now, apply=True, source_key=key
    )
    items = sum(1 for line in report.lines if line.startswith("add item"))
    text = ngettext(
        "Programme {period} added with {count} item. `/itag plan {period}` shows it.",
        "Programme {period} added with {count} items. `/itag plan {period}` shows it.",
        items,
    ).format(period=outline.period, count=items)
    return Saved({}, Answer(text=text, blocks=[section(text)], shareable=False))


def _programme_outline(ctx: Context, values: dict[str, Any]) -> tuple[Outline | None, dict[str, str]]:
    b = ids.PROGRAMME_BLOCKS
    errors: dict[str, str] = {}
    title, start, end = (_value(values, b[n]) for n in ("title", "start", "end"))
    if not title:
        errors[b["title"]] = _("Give the programme its title.")
    for name, year in (("start", start), ("end", end)):
        if not (year.isdigit() and len(year) == 4 and 2018 <= int(year) <= 2100):
            errors[b[name]] = _("A year like 2025.")
    if not errors and int(end) < int(start):
        errors[b["end"]] = _("The last year is before the first.")
    elif not errors and int(end) - int(start) > MAX_SPAN:
        errors[b["end"]] = _("A programme spans at most {count} years.").format(count=MAX_SPAN)
    elif not errors and find_programme(ctx.session, period=f"{start}-{end}") is not None:
        errors[b["start"]] = _(
            "A {start}-{end} programme is recorded already; `/itag plan edit {start}-{end} N` changes it."
        ).format(start=start, end=end)
    try:
        outline = read_outline(_value(values, b["outline"]), require_title=False)
    except OutlineError as problem:
        errors[b["outline"]] = truncate("; ".join(problem.problems[:4]), 300)
        return None, errors
    if errors:
        return None, errors
    outline.title, outline.start_year, outline.end_year = title, int(start), int(end)
    return outline, {}


def save_plan_item(ctx: Context, values: dict[str, Any], meta: dict[str, Any], *, view_id: str) -> Saved:
    """Add, edit, renumber or retire an item; a repeated submission changes nothing more."""
    b = ids.PLAN_ITEM_BLOCKS
    if not ctx.is_editor:
        return Saved({b["body"]: not_an_editor(ctx).text})
    period, old_ref = str(meta.get("p") or ""), meta.get("r")
    if find_programme(ctx.session, period=period) is None:
        return Saved({b["body"]: _("This programme no longer exists; close the form.")})
    key = f"view:{view_id}"
    if source_key_used(ctx.session, key=key):
        return Saved({})
    fields, errors = _item_fields(ctx, values, period, old_ref, view_id)
    if errors or fields is None:
        return Saved(errors)
    changes = save_item(
        ctx.session,
        period=period,
        old_ref=old_ref,
        fields=fields,
        actor=ctx.user_id,
        now=ctx.now,
        source_key=key,
    )
    if changes is None:
        return Saved({b["body"]: _("This item no longer exists; close the form.")})
    name = fields.ref if fields.numbered else shorten(fields.lead or fields.body, 60)
    if changes.get("retired") == [False, True]:
        done = _("Item {period} {name} retired. `/itag history {period}` lists every change.")
    elif old_ref is None:
        done = _("Item {period} {name} added. `/itag history {period}` lists every change.")
    else:
        done = _("Item {period} {name} saved. `/itag history {period}` lists every change.")
    text = done.format(period=period, name=name)
    return Saved({}, Answer(text=text, blocks=[section(text)], shareable=False) if changes else None)


def _item_fields(
    ctx: Context, values: dict[str, Any], period: str, old_ref: str | None, view_id: str
) -> tuple[ItemFields | None, dict[str, str]]:
    b = ids.PLAN_ITEM_BLOCKS
    ref, under, lead, body = (_value(values, b[n]) for n in ("ref", "under", "lead", "body"))
    retired = _value(values, b["status"]) == "retired"
    refs = item_refs(ctx.session, period=period)  # ref -> numbered
    errors: dict[str, str] = {}
    if not (lead or body):
        errors[b["body"]] = _("Give the item its wording (or at least a lead-in).")
    parent = under or None
    if ref:
        if not REF.match(ref):
            errors[b["ref"]] = _("A number like 5, 2.iii or 1.b.")
        elif ref != old_ref and ref in refs:
            errors[b["ref"]] = _("{period} already has an item {ref}.").format(period=period, ref=ref)
        parent = ref.rsplit(".", 1)[0] if "." in ref else None
    if parent and parent not in refs:
        errors[b["ref" if ref else "under"]] = _("{period} has no item {parent} to sit under.").format(
            period=period, parent=parent
        )
    if errors:
        return None, errors
    if not ref:  # an unnumbered point keeps its address; a new one takes the form's (never shown)
        keep = old_ref if old_ref and not refs[old_ref] else None
        ref = keep or (f"{parent}.{view_id}" if parent else view_id)[: LIMITS["ref"]]
    return ItemFields(ref, lead, body, bool(_value(values, b["ref"])), parent, retired), {}
