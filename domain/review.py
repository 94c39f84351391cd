"""A programme's review (its "Three Year Review"): per item what was held and what is still
planned, items with nothing done, totals per kind and per year; as Markdown or CSV. No I/O."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date

from domain.dates import format_spec
from domain.kinds import kind_label
from domain.programme import number_label
from domain.records import Activity, PlanItem, Programme


@dataclass(frozen=True)
class ItemReview:
    """One item (top-level or sub-item) and its activities: held before today, and the rest."""

    item: PlanItem
    depth: int
    held: tuple[Activity, ...]
    planned: tuple[Activity, ...]


@dataclass(frozen=True)
class Review:
    """The whole review of one programme as of `today`."""

    programme: Programme
    today: date
    items: tuple[ItemReview, ...]
    unlinked: int  # activities held in the period that no item of this programme claims

    @property
    def nothing_done(self) -> list[ItemReview]:
        return [r for r in self.items if not r.held]

    def per_kind(self) -> list[tuple[str, int]]:
        counts = Counter(a.kind for r in self.items for a in r.held)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def per_year(self) -> list[tuple[int, int]]:
        counts = Counter(a.start.year for r in self.items for a in r.held if a.start)
        return sorted(counts.items())


def build_review(
    programme: Programme, items: list[PlanItem], activities: list[Activity], *, today: date, unlinked: int
) -> Review:
    """Sort each linked activity (not cancelled) under its item: held if it began before today."""
    by_ref: dict[str, list[Activity]] = {}
    for activity in activities:
        if activity.plan_ref and not activity.cancelled:
            by_ref.setdefault(activity.plan_ref.split("/", 1)[-1], []).append(activity)
    reviews = []
    for top in items:
        for depth, item in ((0, top), *((1, child) for child in top.children)):
            linked = by_ref.get(item.ref, [])
            held = tuple(a for a in linked if a.start is not None and a.start < today)
            reviews.append(ItemReview(item, depth, held, tuple(a for a in linked if a not in held)))
    return Review(programme, today, tuple(reviews), unlinked)


def item_heading(review: ItemReview) -> str:
    """'2.i Commit to work together…' in the programme's own words (no invented labels)."""
    label = number_label(review.item) or "•"
    full = f"{review.item.ref}" if review.item.numbered else label
    return f"{full} {review.item.wording}".strip()


def activity_line(activity: Activity, members: dict[str, str]) -> str:
    """'8–10 October 2019 — Title (Webinar) · Place · members: Canada, Chile'."""
    parts = [f"{format_spec(activity.when)} — {activity.title} ({kind_label(activity.kind)})"]
    if activity.place:
        parts.append(activity.place)
    if activity.hosts:
        parts.append("members: " + ", ".join(members.get(code, code) for code in activity.hosts))
    return " · ".join(parts)


def to_markdown(review: Review, members: dict[str, str]) -> str:
    """The review as a Markdown document for the ministers' report."""
    p = review.programme
    out = [
        f"# Review: {p.title}",
        "",
        f"Period {p.start_year}–{p.end_year}; as of {format_spec_day(review.today)}.",
        "",
    ]
    for r in review.items:
        out.append(f"{'##' if r.depth == 0 else '###'} {_md(item_heading(r))}")
        out.append("")
        out += [f"- Held: {_md(activity_line(a, members))}" for a in r.held]
        out += [f"- {_not_held(a)}: {_md(activity_line(a, members))}" for a in r.planned]
        if not r.held:
            out.append("- Nothing held yet.")
        out.append("")
    out += ["## Totals", "", "| kind | held |", "| --- | --- |"]
    out += [f"| {kind_label(kind)} | {count} |" for kind, count in review.per_kind()]
    out += ["", "| year | held |", "| --- | --- |"]
    out += [f"| {year} | {count} |" for year, count in review.per_year()]
    out += ["", f"Items with nothing held: {len(review.nothing_done)} of {len(review.items)}."]
    if review.unlinked:
        out.append(f"Activities held in the period that no item claims: {review.unlinked}.")
    return "\n".join(out) + "\n"


def _not_held(activity: Activity) -> str:
    """Not held (yet): dated ahead, or never given a date."""
    return "Planned" if activity.start is not None else "Undated"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_spec_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


CSV_HEADER = ["item", "item wording", "status", "date", "activity", "kind", "place", "members"]


def to_csv(review: Review, members: dict[str, str]) -> str:
    """One row per item and activity (status held / planned / nothing held), for a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for r in review.items:
        ref = r.item.ref if r.item.numbered else ""
        for held, activities in ((True, r.held), (False, r.planned)):
            for a in activities:
                status = "held" if held else _not_held(a).lower()
                names = ", ".join(members.get(code, code) for code in a.hosts)
                when = format_spec(a.when) if a.start else ""
                row = [ref, r.item.wording, status, when, a.title, kind_label(a.kind), a.place or "", names]
                writer.writerow([_cell(value) for value in row])
        if not r.held and not r.planned:
            writer.writerow([_cell(ref), _cell(r.item.wording), "nothing held", "", "", "", "", ""])
    return buffer.getvalue()


def _cell(value: str) -> str:
    """A spreadsheet must not read stored text as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
