"""Work programmes without I/O: which one is current, how items are named and shortened."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.dates import DateSpec, format_spec
from domain.i18n import _
from domain.records import PlanItem, Programme

PERIOD = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def parse_period(text: str) -> tuple[int, int] | None:
    """'2025-2027' as (2025, 2027); None when it is not a period of years."""
    match = PERIOD.match(text.strip())
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class Chosen:
    """The programme `/itag plan` shows by default, and whether today falls in its period."""

    programme: Programme
    current: bool


def current_programme(programmes: Sequence[Programme], today: date) -> Chosen | None:
    """The programme whose period holds today (the newest if two overlap), else the latest."""
    if not programmes:
        return None
    by_start = sorted(programmes, key=lambda p: (p.start_year, p.end_year))
    running = [p for p in by_start if p.start_year <= today.year <= p.end_year]
    if running:
        return Chosen(running[-1], True)
    return Chosen(max(programmes, key=lambda p: (p.end_year, p.start_year)), False)


def has_ended(programme: Programme, today: date) -> bool:
    """True once the programme's last year is over."""
    return today.year > programme.end_year


def status_line(programme: Programme, today: date) -> str:
    """'Period 2022–2024; it ended in December 2024.' and the like, in the language in force
    (the month from CLDR: 'diciembre de 2024', 'décembre 2024')."""
    start, end = programme.start_year, programme.end_year
    if has_ended(programme, today):
        month = format_spec(DateSpec(date(end, 12, 1), precision="month"))
        return _("Period {start}–{end}; it ended in {month}.").format(start=start, end=end, month=month)
    if today.year < start:
        month = format_spec(DateSpec(date(start, 1, 1), precision="month"))
        return _("Period {start}–{end}; it starts in {month}.").format(start=start, end=end, month=month)
    return _("Period {start}–{end} (current).").format(start=start, end=end)


def number_label(item: PlanItem) -> str | None:
    """The number the text gives the item, as it shows under its parent ('2.' or 'i.'), or None."""
    if not item.numbered:
        return None
    own = item.ref.rsplit(".", 1)[-1] if item.parent_ref else item.ref
    return f"{own}."


def item_name(item: PlanItem, limit: int = 60) -> str:
    """How an item is named in cards and pickers: its number ('2.i'), else its own words, shortened."""
    if item.numbered:
        return item.ref
    return shorten(item.title or item.body, limit)


def shorten(text: str, limit: int) -> str:
    """The text's own words, cut at a word boundary with '…' when longer than `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def find_item(items: Sequence[PlanItem], wanted: str) -> PlanItem | None:
    """The item a user names: by its reference ('2.i'), or by the start of its own words."""
    flat = [i for top in items for i in (top, *top.children)]
    key = wanted.strip().lower().rstrip(".")
    for item in flat:
        if item.numbered and item.ref.lower() == key:
            return item
    words = " ".join(key.split())
    if len(words) < 3:
        return None
    hits = [i for i in flat if (i.title or i.body).lower().startswith(words)]
    hits = hits or [i for i in flat if words in i.wording.lower()]
    return hits[0] if len(hits) == 1 else next((i for i in flat if i.ref.lower() == key), None)
