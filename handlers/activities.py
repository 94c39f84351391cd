"""/itag upcoming, past, search and show: reading the record of activities."""

from __future__ import annotations

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from domain.dates import format_day, local_today, parse_window
from domain.i18n import _, ngettext
from domain.kinds import kind_label, parse_kind
from domain.mrkdwn import escape, truncate
from domain.programme import has_ended, shorten
from domain.records import Activity, PlanItem
from domain.text import fold
from handlers.blocks import PAGE_SIZE, activity_card, activity_summary, divider, header, paging_actions
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Block, Context
from handlers.help import help_answer
from storage.activities import (
    activity_by_id,
    past_activities,
    search_activities,
    undated_activities,
    upcoming_activities,
)
from storage.programme import list_programmes, member_names, plan_item_names, search_plan_items


@dataclass(frozen=True)
class Page:
    """One page of a listing and where it sits in the whole."""

    query: str
    title: str
    items: list[Activity]
    more: bool  # more follow this page (no total: counting them costs more than the page)
    offset: int


def list_answer(ctx: Context, page: Page, *, footer: list[Block] | None = None) -> Answer:
    """A header, one card per activity, and paging controls."""
    members, plans = member_names(ctx.session), plan_item_names(ctx.session)
    start, end = page.offset + 1, page.offset + len(page.items)
    position = f"{start}–{end}" + (", " + _("more follow") if page.more else "")
    blocks = [header(page.title), context(position)]
    for activity in page.items:
        blocks.extend(activity_card(activity, members, links=ctx.calendar, plan_names=plans))
    blocks.extend(footer or [])
    blocks.append(paging_actions(page.query, offset=page.offset, shown=len(page.items), more=page.more))
    lines = [f"#{a.id} {activity_summary(a)}" for a in page.items]
    return Answer(text=f"{page.title} ({position})\n" + "\n".join(lines), blocks=blocks)


def upcoming_answer(ctx: Context, args: list[str], *, offset: int = 0) -> Answer:
    """Dated activities from today on, soonest first, optionally in a window and of one kind."""
    window, kind, problem = _window_and_kind(args)
    if problem:
        return help_answer(problem)
    today = local_today(ctx.now, ctx.tz)
    end = today + window if window else None
    found = upcoming_activities(ctx.session, start=today, end=end, kind=kind, limit=PAGE_SIZE, offset=offset)
    items, total = found.items, found.more
    what = _("Upcoming: {kind}").format(kind=kind_label(kind)) if kind else _("Upcoming activities")
    if end:
        what = _("{what} until {day}").format(what=what, day=format_day(end))
    if not items and offset == 0:
        nothing = _("Nothing dated from today until {day}") if end else _("Nothing dated from today")
        return _nothing_upcoming(ctx, nothing.format(day=format_day(end) if end else ""), kind)
    query = " ".join(["upcoming", *args])
    return list_answer(ctx, Page(query, what, items, total, offset))


def _window_and_kind(args: list[str]) -> tuple[relativedelta | None, str | None, str | None]:
    window = None
    rest = list(args)
    for size in (2, 1):
        if len(rest) >= size and (found := parse_window(" ".join(rest[:size]))):
            window, rest = found, rest[size:]
            break
    if not rest:
        return window, None, None
    kind = parse_kind(" ".join(rest))
    if kind is None:
        return (
            None,
            None,
            (
                _(
                    "I can't read “{words}” as a time window (like `90d`, "
                    "`6 months`) or a kind (like `ministerial`, `webinar`, `forum`)."
                ).format(words=" ".join(rest))
            ),
        )
    return window, kind, None


def _nothing_upcoming(ctx: Context, title: str, kind: str | None) -> Answer:
    """No dated activity ahead: the undated ones still planned, and what the ended programmes left."""
    today = local_today(ctx.now, ctx.tz)
    ended = {p.period: p for p in list_programmes(ctx.session) if has_ended(p, today)}
    undated = undated_activities(ctx.session, kind=kind)
    left = [a for a in undated if _programme_of(a) in ended]
    planned = [a for a in undated if a not in left]
    blocks = [header(title)]
    lines = [f"{title}."]
    if planned:
        blocks.append(section(_("Planned, with no date yet ({count}):").format(count=len(planned))))
        for activity in planned[:PAGE_SIZE]:
            names = plan_item_names(ctx.session)
            blocks.extend(
                activity_card(activity, member_names(ctx.session), links=ctx.calendar, plan_names=names)
            )
        if len(planned) > PAGE_SIZE:
            more = _("…and {count} more. `/itag search` finds them.")
            blocks.append(context(more.format(count=len(planned) - PAGE_SIZE)))
        lines += [_("Planned, with no date yet:"), *(f"#{a.id} {activity_summary(a)}" for a in planned)]
    for period in sorted({p for a in left if (p := _programme_of(a))}):
        count = sum(1 for a in left if _programme_of(a) == period)
        note = ngettext(
            "The {period} programme ended in December {year} with {count} undated item "
            "that never got a date; `/itag plan {period}` shows it.",
            "The {period} programme ended in December {year} with {count} undated items "
            "that never got a date; `/itag plan {period}` shows it.",
            count,
        ).format(period=period, year=ended[period].end_year, count=count)
        blocks.append(context(escape(note)))
        lines.append(note)
    if not planned:
        blocks.insert(1, section(_("Nothing is planned with a date. `/itag add` records an activity.")))
    return Answer(text="\n".join(lines), blocks=blocks)


def _programme_of(activity: Activity) -> str | None:
    return activity.plan_ref.split("/", 1)[0] if activity.plan_ref else None


def past_answer(ctx: Context, args: list[str], *, offset: int = 0) -> Answer:
    """What was done, newest first, optionally for one year and/or one kind."""
    year = next((int(a) for a in args if a.isdigit() and len(a) == 4), None)
    rest = [a for a in args if not (a.isdigit() and len(a) == 4)]
    kind = parse_kind(" ".join(rest)) if rest else None
    if rest and kind is None:
        return help_answer(
            _(
                "I can't read “{words}” as a year (like `2019`) or a kind (like `webinar`, `ministerial`)."
            ).format(words=" ".join(rest))
        )
    today = local_today(ctx.now, ctx.tz)
    found = past_activities(ctx.session, before=today, year=year, kind=kind, limit=PAGE_SIZE, offset=offset)
    items, total = found.items, found.more
    what = _("Past: {kind}").format(kind=kind_label(kind)) if kind else _("Past activities")
    title = _("{what} in {year}").format(what=what, year=year) if year else what
    if not items:
        none = _("None recorded.")
        return Answer(text=f"{title}: {none}", blocks=[header(title), section(none)])
    return list_answer(ctx, Page(" ".join(["past", *args]), title, items, total, offset))


def search_answer(ctx: Context, args: list[str], *, offset: int = 0) -> Answer:
    """Activities (paged) and plan items whose text holds every word."""
    words = [w for w in args if fold(w).strip()][:10]
    if not words:
        return help_answer(_("Tell me what to look for, e.g. `/itag search indigenous`."))
    found = search_activities(ctx.session, words=words, limit=PAGE_SIZE, offset=offset)
    items, total = found.items, found.more
    plan_hits = search_plan_items(ctx.session, words=words) if offset == 0 else []
    shown = escape(truncate(" ".join(words), 100))
    footer = _plan_hits_blocks(plan_hits)
    if not items and not plan_hits:
        return Answer(
            text=_("Nothing matches “{words}”.").format(words=truncate(" ".join(words), 100)),
            blocks=[section(_("Nothing matches “{words}”. Try fewer or shorter words.").format(words=shown))],
        )
    if not items:
        blocks = [header(_("Search results")), *footer]
        return Answer(text=_plan_hits_text(plan_hits), blocks=blocks)
    title = truncate(_("Search: {words}").format(words=" ".join(words)), 150)
    answer = list_answer(ctx, Page(" ".join(["search", *args]), title, items, total, offset), footer=footer)
    return Answer(text=answer.text + _plan_hits_text(plan_hits), blocks=answer.blocks)


def _hit_name(hit: PlanItem) -> str:
    return f"{hit.plan} {hit.ref}" if hit.numbered else hit.plan


def _plan_hits_blocks(hits: list[PlanItem]) -> list[Block]:
    if not hits:
        return []
    lines = [f"• *{escape(_hit_name(h))}* {escape(shorten(h.wording, 200))}" for h in hits[:8]]
    return [divider(), section("*" + _("Work plan items") + "*\n" + "\n".join(lines))]


def _plan_hits_text(hits: list[PlanItem]) -> str:
    if not hits:
        return ""
    return (
        "\n"
        + _("Work plan items")
        + ":\n"
        + "\n".join(f"{_hit_name(h)} {shorten(h.wording, 200)}" for h in hits[:8])
    )


def show_answer(ctx: Context, args: list[str]) -> Answer:
    """One activity in full."""
    number = activity_number(args)
    if number is None:
        return help_answer(_("`/itag show` takes an activity number, e.g. `/itag show 12`."))
    activity = activity_by_id(ctx.session, activity_id=number)
    if activity is None:
        return help_answer(
            _("There is no activity #{number}. `/itag search` can find it.").format(number=number)
        )
    return activity_answer(ctx, activity)


def activity_number(args: list[str]) -> int | None:
    """The activity a command names ('12' or '#12'), else None."""
    raw = args[0].lstrip("#") if len(args) == 1 else ""
    return int(raw) if raw.isdigit() else None


def activity_answer(ctx: Context, activity: Activity) -> Answer:
    """The full card of one activity."""
    blocks = [
        header(truncate(activity.title, 150)),
        *activity_card(
            activity,
            member_names(ctx.session),
            detail=True,
            links=ctx.calendar,
            plan_names=plan_item_names(ctx.session),
        ),
    ]
    text = f"#{activity.id} {activity_summary(activity)}"
    if activity.description:
        text += f"\n{activity.description}"
    return Answer(text=text, blocks=blocks)
