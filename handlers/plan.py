"""/itag plan: a work programme in the text's own lists and words, or one item in full."""

from __future__ import annotations

from datetime import date

from domain.dates import local_today
from domain.i18n import _
from domain.mrkdwn import escape, truncate
from domain.programme import (
    current_programme,
    find_item,
    has_ended,
    number_label,
    parse_period,
    shorten,
    status_line,
)
from domain.records import Activity, PlanItem, Programme, Section
from handlers.blocks import divider, header, when_plain
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Block, Context
from handlers.help import help_answer
from storage.activities import activities_for_plan_refs
from storage.programme import find_programme, list_programmes, plan_items

OVERVIEW_WORDS = 280  # characters of an item's wording in the overview, cut at a word with "…"
ACTIVITIES_SHOWN = 15


def plan_answer(ctx: Context, args: list[str]) -> Answer:
    """The programme named by its period (else the current or latest one), or one of its items."""
    today = local_today(ctx.now, ctx.tz)
    programmes = list_programmes(ctx.session)
    periods = ", ".join(p.period for p in programmes) or _("none yet")
    if args and parse_period(args[0]):
        programme = find_programme(ctx.session, period=args[0])
        if programme is None:
            missing = _("No {period} programme is recorded. Programmes: {periods}.")
            return help_answer(missing.format(period=args[0], periods=periods))
        return _programme_or_item(ctx, programme, args[1:], note=None)
    chosen = current_programme(programmes, today)
    if chosen is None:
        return _no_programme()
    note = None if chosen.current else _not_current_note(chosen.programme, today)
    return _programme_or_item(ctx, chosen.programme, args, note=note)


def _programme_or_item(ctx: Context, programme: Programme, args: list[str], *, note: str | None) -> Answer:
    items = plan_items(ctx.session, plan=programme.period)
    if not args:
        return programme_overview(ctx, programme, items, note=note)
    item = find_item(items, " ".join(args))
    if item is None:
        numbers = ", ".join(i.ref for i in items if i.numbered)
        return help_answer(
            _(
                "The {period} programme has no item “{words}”. "
                "Its numbered items are {numbers}; other points can be named by their first words."
            ).format(period=programme.period, words=truncate(" ".join(args), 80), numbers=numbers)
        )
    return item_answer(ctx, programme, item)


def _not_current_note(programme: Programme, today: date) -> str:
    if has_ended(programme, today):
        return _(
            "The {period} programme ended in December {year}; no newer "
            "programme is recorded — editors can add one with `/itag plan new`."
        ).format(period=programme.period, year=programme.end_year)
    latest = _("No programme covers {year}; the {period} programme is the latest recorded.")
    return latest.format(year=today.year, period=programme.period)


def _no_programme() -> Answer:
    text = _("No work programme is recorded yet — editors can add one with `/itag plan new`.")
    return Answer(text=text, blocks=[section(escape(text))])


def programme_overview(
    ctx: Context, programme: Programme, items: list[PlanItem], *, note: str | None
) -> Answer:
    """The programme's lists under the text's headings, each item in its own words."""
    today = local_today(ctx.now, ctx.tz)
    blocks: list[Block] = [header(programme.title), context(escape(status_line(programme, today)))]
    if note:
        blocks.append(section(f":information_source: {escape(note)}"))
    lines = [programme.title, status_line(programme, today), *([note] if note else [])]
    for index, heading in enumerate(_headings(programme, items)):
        members = [item for item in items if item.section == index]
        if not members:
            continue
        intro = f"*{escape(heading.heading)}*" + (f"\n{escape(heading.intro)}" if heading.intro else "")
        blocks.extend([divider(), section(intro)])
        blocks.extend(section(_overview_line(item)) for item in members)
        lines.extend([heading.heading, *(_plain_line(item) for item in members)])
    more = _("`/itag plan {period} N` shows an item in full, with its activities.")
    blocks.append(context(more.format(period=programme.period)))
    return Answer(text="\n".join(lines), blocks=blocks[:50])


def _headings(programme: Programme, items: list[PlanItem]) -> list[Section]:
    count = max([len(programme.sections), *(item.section + 1 for item in items)])
    return [programme.sections[i] if i < len(programme.sections) else Section("") for i in range(count)]


def _wording(item: PlanItem, limit: int) -> str:
    """Mrkdwn: the lead-in in bold, then the text, shortened with "…" (never reworded)."""
    if item.title and item.body:
        lead = shorten(item.title, limit)
        rest = shorten(item.body, max(limit - len(lead), 40))
        return f"*{escape(lead)}:* {escape(rest)}"
    return f"*{escape(shorten(item.title, limit))}*" if item.title else escape(shorten(item.body, limit))


def _overview_line(item: PlanItem) -> str:
    label = number_label(item)
    line = (
        f"*{escape(label)}* {_wording(item, OVERVIEW_WORDS)}"
        if label
        else f"• {_wording(item, OVERVIEW_WORDS)}"
    )
    for child in item.children:
        child_label = number_label(child) or "•"
        line += f"\n      {escape(child_label)} {_wording(child, OVERVIEW_WORDS)}"
    return line


def _plain_line(item: PlanItem) -> str:
    label = number_label(item) or "•"
    children = "".join(
        f"\n   {number_label(c) or '•'} {shorten(c.wording, OVERVIEW_WORDS)}" for c in item.children
    )
    return f"{label} {shorten(item.wording, OVERVIEW_WORDS)}{children}"


def item_answer(ctx: Context, programme: Programme, item: PlanItem) -> Answer:
    """One item in full, its sub-items, and the activities that served it (done and coming)."""
    title = f"{programme.period} · " + (f"{item.ref}" if item.numbered else shorten(item.wording, 60))
    blocks: list[Block] = [header(truncate(title, 150)), section(_full(item))]
    for child in item.children:
        blocks.append(section(f"{escape(number_label(child) or '•')} {_full(child)}"))
    refs = [f"{programme.period}/{i.ref}" for i in (item, *item.children)]
    served = activities_for_plan_refs(ctx.session, refs=refs)
    blocks.extend(_served_blocks(served, local_today(ctx.now, ctx.tz)))
    text = "\n".join([title, item.wording, *(c.wording for c in item.children), *_served_text(served)])
    return Answer(text=text, blocks=blocks[:50])


def _full(item: PlanItem) -> str:
    if item.title and item.body:
        return f"*{escape(item.title)}:* {escape(item.body)}"
    return f"*{escape(item.title)}*" if item.title else escape(item.body)


def _served_blocks(served: list[Activity], today: date) -> list[Block]:
    done = [a for a in served if a.start is not None and a.start < today and not a.cancelled]
    coming = [a for a in served if a not in done and not a.cancelled]
    if not served:
        return [divider(), section(_("No activity is linked to this item yet."))]
    blocks: list[Block] = [divider()]
    if done:
        last = done[-1]
        lines = [_activity_line(a) for a in done[-ACTIVITIES_SHOWN:]]
        blocks.append(
            section(
                _("*Done ({count})* — the last on {day}").format(
                    count=len(done), day=escape(when_plain(last))
                )
                + "\n"
                + "\n".join(lines)
            )
        )
    if coming:
        lines = [_activity_line(a) for a in coming[:ACTIVITIES_SHOWN]]
        coming_title = _("*Coming or not yet dated ({count})*").format(count=len(coming))
        blocks.append(section(coming_title + "\n" + "\n".join(lines)))
    return blocks


def _activity_line(activity: Activity) -> str:
    place = f" · {escape(activity.place)}" if activity.place else ""
    return (
        f"• {escape(when_plain(activity))} — {escape(truncate(activity.title, 200))}{place} (#{activity.id})"
    )


def _served_text(served: list[Activity]) -> list[str]:
    return [f"#{a.id} {when_plain(a)} {a.title}" for a in served]
