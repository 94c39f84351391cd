"""/itag review [PERIOD]: per item what was held and what is planned, items with nothing done,
totals per kind and per year — paged within Slack's 50 blocks, shareable in the channel."""

from __future__ import annotations

from datetime import date

from domain.dates import local_today
from domain.i18n import _
from domain.kinds import kind_label
from domain.mrkdwn import escape, truncate
from domain.programme import current_programme, parse_period, shorten, status_line
from domain.records import Programme
from domain.review import Review, activity_line, build_review, item_heading
from handlers.blocks import divider, header, paging_actions
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Block, Context
from handlers.help import help_answer
from storage.activities import activities_of_programme, unlinked_held
from storage.programme import find_programme, list_programmes, member_names, plan_items

ITEMS_PER_PAGE = 20  # one section each: with header, totals and buttons, well inside 50 blocks
LINES_PER_ITEM = 8


def review_of(ctx: Context, programme: Programme) -> Review:
    """The review of one programme as of today (also used by `itag-bot review`)."""
    today = local_today(ctx.now, ctx.tz)
    last = min(date(programme.end_year, 12, 31), today)
    unlinked = unlinked_held(
        ctx.session, period=programme.period, first=date(programme.start_year, 1, 1), last=last
    )
    items = plan_items(ctx.session, plan=programme.period)
    activities = activities_of_programme(ctx.session, period=programme.period)
    return build_review(programme, items, activities, today=today, unlinked=unlinked)


def find_reviewed(ctx: Context, args: list[str]) -> Programme | str:
    """The programme named (or the current one), or why there is none."""
    if args and not parse_period(args[0]):
        return _("`/itag review` takes a programme's period, e.g. `/itag review 2022-2024`.")
    if args:
        found = find_programme(ctx.session, period=args[0])
        return found or _("No {period} programme is recorded.").format(period=args[0])
    chosen = current_programme(list_programmes(ctx.session), local_today(ctx.now, ctx.tz))
    return chosen.programme if chosen else _("No work programme is recorded yet.")


def review_answer(ctx: Context, args: list[str], *, offset: int = 0) -> Answer:
    """One page of the review; the last page carries the totals."""
    found = find_reviewed(ctx, args[:1])
    if isinstance(found, str):
        return help_answer(found)
    review = review_of(ctx, found)
    members = member_names(ctx.session)
    page = review.items[offset : offset + ITEMS_PER_PAGE]
    span = _("Items {start}–{end} of {total}.").format(
        start=offset + 1, end=offset + len(page), total=len(review.items)
    )
    blocks: list[Block] = [
        header(truncate(_("Review: {title}").format(title=found.title), 150)),
        context(escape(f"{status_line(found, review.today)} {span}")),
    ]
    for item in page:
        lines = [f"*{escape(shorten(item_heading(item), 280))}*"]
        lines += [f"✓ {escape(activity_line(a, members))}" for a in item.held[:LINES_PER_ITEM]]
        lines += [
            (_("Planned: {activity}") if a.start else _("Undated: {activity}")).format(
                activity=escape(activity_line(a, members))
            )
            for a in item.planned[: LINES_PER_ITEM // 2]
        ]
        hidden = len(item.held) + len(item.planned) - len(lines) + 1
        if hidden > 0:
            lines.append("_" + _("and {count} more").format(count=hidden) + "_")
        if not item.held:
            lines.append("_" + _("Nothing held yet.") + "_")
        blocks.append(section("\n".join(lines)))
    if offset + len(page) >= len(review.items):
        blocks += [divider(), section(_totals(review))]
    query = " ".join(["review", found.period])
    blocks.append(
        paging_actions(query, offset=offset, shown=len(page), more=offset + len(page) < len(review.items))
    )
    return Answer(text=_plain(review, members), blocks=blocks)


def _totals(review: Review) -> str:
    kinds = ", ".join(f"{kind_label(k)} {n}" for k, n in review.per_kind()) or _("none")
    years = ", ".join(f"{y}: {n}" for y, n in review.per_year()) or _("none")
    nothing = len(review.nothing_done)
    lines = [
        "*" + _("Totals of activities held") + "*",
        _("Per kind: {kinds}").format(kinds=escape(kinds)),
        _("Per year: {years}").format(years=escape(years)),
        _("Items with nothing held: {count} of {total}").format(count=nothing, total=len(review.items)),
    ]
    if review.unlinked:
        unclaimed = _("Activities held in the period that no item claims: {count}")
        lines.append(unclaimed.format(count=review.unlinked))
    lines.append(_("`itag-bot review PERIOD --format md` writes the whole review for a report."))
    return "\n".join(lines)


def _plain(review: Review, members: dict[str, str]) -> str:
    p = review.programme
    held = sum(len(r.held) for r in review.items)
    return _(
        "Review of {title}: {held} activities held across {items} items; {nothing} items with nothing held."
    ).format(title=p.title, held=held, items=len(review.items), nothing=len(review.nothing_done))
