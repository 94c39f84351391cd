"""Importing a file: every row judged by the form's rules, matched to what is stored, then written.

A row whose identity is stored is updated when the file holds a newer version that
changes something, cancelled when the file cancels it, and otherwise left alone. A
content-only CSV row that looks like an edit of a stored one (same title, other values)
is not guessed at: the import stops and asks for --update or --add.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Literal

from domain.dates import local_today
from domain.drafts import Known, check
from domain.imports import COLUMN_OF, ImportFile, Row
from handlers.context import Context
from handlers.import_plan import Action, Plan, describe, plan_series
from storage.activity_writes import cancel_activity
from storage.imports import (
    NewActivity,
    add_imported,
    csv_imports_on,
    csv_imports_titled,
    record_version,
    same_content,
    stored_by_key,
    update_imported,
)
from storage.models import Activity
from storage.programme import member_names, plan_refs

PROGRESS_EVERY = 1000
SIMILAR = 0.85  # how alike two titles on one day must be to look like a typo fixed
IMPORT_ACTOR = "import"
Edits = Literal["ask", "update", "add"]


@dataclass(frozen=True)
class ImportOptions:
    """What the person asked for: keep the good rows, store nothing, how to take likely edits."""

    skip_bad: bool = False
    dry_run: bool = False
    edits: Edits = "ask"


@dataclass
class ImportReport:
    """How an import went (or would go): each row's action, the refused ones, notes."""

    rows: int
    plan: Plan
    notes: list[str] = field(default_factory=list)
    stored: bool = False
    stopped: str | None = None  # why nothing was stored, when something should have been

    def count(self, kind: str) -> int:
        return len(self.plan.of(kind))


def import_file(
    ctx: Context,
    file: ImportFile,
    options: ImportOptions,
    progress: Callable[[str], None] = lambda _: None,
) -> ImportReport:
    """Check every row, decide what each does, and store it unless something stops the import."""
    plan = _judge(ctx, file.rows, progress)
    good = [row for row in file.rows if row.key in plan.good]
    _match(ctx, good, plan, options.edits)
    plan_series(ctx.session, file, plan)
    report = ImportReport(len(file.rows), plan, list(file.notes))
    if plan.of("edit?"):
        report.stopped = "edits"
    elif plan.of("refuse") and not options.skip_bad:
        report.stopped = "bad"
    if options.dry_run or report.stopped:
        return report
    _write(ctx, plan, progress)
    report.stored = True
    return report


def _judge(ctx: Context, rows: list[Row], progress: Callable[[str], None]) -> Plan:
    known = Known(members=frozenset(member_names(ctx.session)), plan_refs=plan_refs(ctx.session))
    today = local_today(ctx.now, ctx.tz)
    plan = Plan(default_zone=ctx.tz)
    for done, row in enumerate(rows, start=1):
        problems = {**row.problems, **(check(row.draft, today=today, known=known) if row.key else {})}
        if problems:
            reasons = [f"{COLUMN_OF.get(name, name)}: {message}" for name, message in problems.items()]
            plan.add(Action("refuse", row, reasons=reasons))
        elif row.key in plan.good:
            plan.add(Action("unchanged", row, reasons=[f"repeats line {plan.good[row.key].line}"]))
        else:
            plan.good[row.key] = row
        if done % PROGRESS_EVERY == 0:
            progress(f"checked {done}/{len(rows)} rows")
    return plan


def _item(row: Row) -> NewActivity:
    return NewActivity(row.draft, row.precision, row.key, row.series, row.version)


def _match(ctx: Context, rows: list[Row], plan: Plan, edits: Edits) -> None:
    keys = {row.key for row in rows} | {row.legacy_key for row in rows if row.legacy_key}
    stored = stored_by_key(ctx.session, keys=keys)
    unmatched = [row for row in rows if row.key not in stored and row.legacy_key not in stored]
    loose = [row for row in unmatched if _may_be_an_edit(row)]
    titled = csv_imports_titled(ctx.session, titles={row.draft.title.strip().lower() for row in loose})
    dated = csv_imports_on(ctx.session, days={row.draft.start for row in loose if row.draft.start})
    claimed = {activity.id for activity in stored.values()}
    for row in rows:
        existing = stored.get(row.key) or (stored.get(row.legacy_key) if row.legacy_key else None)
        if row.cancelled:
            plan.add(_cancellation(row, existing))
        elif existing is not None:
            plan.add(_against(row, existing, ctx.tz))
        elif not _may_be_an_edit(row):
            plan.add(Action("add", row))
        else:
            plan.add(_loose(row, _look_alikes(row, titled, dated), claimed, edits))


def _cancellation(row: Row, existing: Activity | None) -> Action:
    if existing is None:
        return Action("ignore", row, reasons=["cancelled in the file, never stored"])
    if existing.status == "cancelled" or _older(row, existing):
        return Action("unchanged", row, existing)
    return Action("cancel", row, existing)


def _older(row: Row, existing: Activity) -> bool:
    stored_version = existing.source_version
    return bool(row.version and stored_version and row.version < stored_version)


def _against(row: Row, existing: Activity, zone: str) -> Action:
    if existing.status == "cancelled":
        return Action("unchanged", row, existing, reasons=["stays cancelled"])
    stored_version = existing.source_version
    if row.version and stored_version and row.version <= stored_version:
        return Action("unchanged", row, existing)
    if same_content(existing, _item(row), default_zone=zone):
        return Action("unchanged", row, existing)
    return Action("update", row, existing)


def _may_be_an_edit(row: Row) -> bool:
    """Rows without a calendar identity: CSV rows, with an id column (renamed file) or without."""
    return row.key.startswith("csv") and not row.cancelled


def _look_alikes(
    row: Row, titled: dict[str, list[Activity]], dated: dict[date, list[Activity]]
) -> list[Activity]:
    """Stored rows this one may be an edit of: the same title, else a near title on the same day."""
    title = row.draft.title.strip().lower()
    if titled.get(title):
        return titled[title]
    same_day = dated.get(row.draft.start, []) if row.draft.start else []
    return [c for c in same_day if SequenceMatcher(None, c.title.lower(), title).ratio() >= SIMILAR]


def _loose(row: Row, candidates: list[Activity], claimed: set[int], edits: Edits) -> Action:
    free = [c for c in candidates if c.id not in claimed]
    if not free or edits == "add":
        return Action("add", row)
    if edits == "ask":
        return Action("edit?", row, free[0], reasons=[f"activity {c.id}" for c in free])
    if len(free) > 1:
        ids = ", ".join(str(c.id) for c in free)
        return Action("refuse", row, reasons=[f"title: looks like an edit of several activities ({ids})"])
    claimed.add(free[0].id)
    return Action("update", row, free[0])


def _write(ctx: Context, plan: Plan, progress: Callable[[str], None]) -> None:
    adds = [_item(action.row) for action in plan.of("add")]
    add_imported(
        ctx.session,
        items=adds,
        actor=IMPORT_ACTOR,
        now=ctx.now,
        default_zone=ctx.tz,
        progress=lambda done: (
            progress(f"stored {done}/{len(adds)} rows") if len(adds) > PROGRESS_EVERY else None
        ),
    )
    for action in plan.of("update"):
        assert action.stored is not None  # noqa: S101 - an update always has its stored row
        update_imported(
            ctx.session,
            row=action.stored,
            item=_item(action.row),
            actor=IMPORT_ACTOR,
            now=ctx.now,
            default_zone=ctx.tz,
        )
    for action in plan.of("cancel"):
        if action.stored is not None:
            cancel_activity(ctx.session, activity_id=action.stored.id, actor=IMPORT_ACTOR, now=ctx.now)
    for action in plan.of("unchanged"):
        if action.stored is not None:
            record_version(row=action.stored, version=action.row.version)


__all__ = ["IMPORT_ACTOR", "ImportOptions", "ImportReport", "describe", "import_file"]
