"""Importing activities from a file: every row judged by the form's rules, then stored at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.dates import local_today
from domain.drafts import Draft, Known, check
from domain.fields import COLUMN_OF
from domain.imports import Row
from handlers.context import Context
from storage.activity_writes import import_activities
from storage.programme import member_names, plan_refs

PROGRESS_EVERY = 1000
IMPORT_ACTOR = "import"


@dataclass(frozen=True)
class ImportReport:
    """How an import went: rows read, activities added, and each bad row's line and reason."""

    rows: int
    added: int
    bad: list[tuple[int, str]]
    stored: bool

    @property
    def bad_rows(self) -> int:
        return len({line for line, _ in self.bad})


def import_rows(
    ctx: Context, rows: Sequence[Row], *, skip_bad: bool, progress: Callable[[str], None] = lambda _: None
) -> ImportReport:
    """Check every row; store the good ones unless a bad one was found and `skip_bad` is off."""
    known = Known(members=frozenset(member_names(ctx.session)), plan_refs=plan_refs(ctx.session))
    today = local_today(ctx.now, ctx.tz)
    good: list[tuple[Draft, str]] = []
    bad: list[tuple[int, str]] = []
    for done, row in enumerate(rows, start=1):
        problems = {**check(row.draft, today=today, known=known), **row.problems}
        bad.extend((row.line, f"{COLUMN_OF[name]}: {message}") for name, message in problems.items())
        if not problems:
            good.append((row.draft, row.key))
        if done % PROGRESS_EVERY == 0:
            progress(f"checked {done}/{len(rows)} rows")
    if bad and not skip_bad:
        return ImportReport(len(rows), 0, bad, stored=False)
    added = import_activities(
        ctx.session,
        items=good,
        actor=IMPORT_ACTOR,
        now=ctx.now,
        default_zone=ctx.tz,
        progress=lambda stored: (
            progress(f"stored {stored}/{len(good)} rows") if len(good) > PROGRESS_EVERY else None
        ),
    )
    return ImportReport(len(rows), added, bad, stored=True)
