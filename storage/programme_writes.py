"""Writes to programmes, plan items and members, each with its audit entry; never committing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import false, func, or_, select, update
from sqlalchemy.orm import Session

from domain.outline import Outline, OutlineItem
from domain.records import AuditRecord
from storage.models import Activity, Member, MemberFact, PlanItem, Programme, RecordAudit

Changes = dict[str, list[object]]


def audit(
    session: Session,
    *,
    subject: str,
    actor: str,
    now: datetime,
    action: str,
    changes: Changes,
    source_key: str | None = None,
) -> None:
    """Record who changed what in a programme, an item or a member (and from which submission)."""
    entry = RecordAudit(
        subject=subject, actor=actor, at=now, action=action, changes=changes, source_key=source_key
    )
    session.add(entry)


def record_history(session: Session, *, prefixes: Sequence[str]) -> list[tuple[str, AuditRecord]]:
    """(subject, entry) for every change to these subjects ("member:CO"), or under these prefixes
    ("member:", "item:2022-2024/"), oldest first."""
    query = select(RecordAudit).where(
        RecordAudit.subject.in_([p for p in prefixes if not p.endswith(("/", ":"))])
        | _any_prefix([p for p in prefixes if p.endswith(("/", ":"))])
    )
    rows = session.scalars(query.order_by(RecordAudit.at, RecordAudit.id))
    return [(r.subject, AuditRecord(0, r.actor, r.at, r.action, dict(r.changes or {}))) for r in rows]


def _any_prefix(prefixes: list[str]) -> Any:
    if not prefixes:
        return false()
    return or_(*(RecordAudit.subject.startswith(p, autoescape=True) for p in prefixes))


def _item_subject(period: str, ref: str) -> str:
    return f"item:{period}/{ref}"


@dataclass
class ImportReport:
    """What importing an outline adds or changes (or would, in a dry run)."""

    period: str
    added_programme: bool = False
    lines: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # items on record that the file does not list

    @property
    def changed(self) -> bool:
        return bool(self.lines)


PROGRAMME_FIELDS = ("title", "start_year", "end_year", "background", "sections")


def import_outline(
    session: Session,
    *,
    outline: Outline,
    actor: str,
    now: datetime,
    apply: bool,
    source_key: str | None = None,
) -> ImportReport:
    """Bring the programme to what the outline says; importing the same file again changes nothing."""
    report = ImportReport(outline.period)
    row = session.get(Programme, outline.period)
    wanted: dict[str, Any] = {
        "title": outline.title,
        "start_year": outline.start_year,
        "end_year": outline.end_year,
        "background": outline.background or None,
        "sections": outline.sections,
    }
    if row is None:
        report.added_programme = True
        report.lines.append(f"add programme {outline.period}: {outline.title}")
        if apply:
            session.add(
                Programme(
                    period=outline.period, created_by=actor, created_at=now, source_key=source_key, **wanted
                )
            )
            audit(
                session,
                subject=f"programme:{outline.period}",
                actor=actor,
                now=now,
                action="create",
                changes={k: [None, _shown(v)] for k, v in wanted.items() if v},
            )
    else:
        changes = {k: [_shown(getattr(row, k)), _shown(v)] for k, v in wanted.items() if getattr(row, k) != v}
        if changes:
            report.lines.append(f"change programme {outline.period}: {', '.join(changes)}")
            if apply:
                for name, value in wanted.items():
                    setattr(row, name, value)
                audit(
                    session,
                    subject=f"programme:{outline.period}",
                    actor=actor,
                    now=now,
                    action="edit",
                    changes=changes,
                )
    _import_items(session, outline, report, actor=actor, now=now, apply=apply)
    return report


def _shown(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(f"{s.get('heading', '')}" for s in value if isinstance(s, dict))
    return value


def _item_values(item: OutlineItem, position: int) -> dict[str, Any]:
    return {
        "title": item.lead,
        "body": item.body,
        "numbered": item.numbered,
        "section": item.section,
        "parent_ref": item.parent,
        "position": position,
    }


def _import_items(
    session: Session, outline: Outline, report: ImportReport, *, actor: str, now: datetime, apply: bool
) -> None:
    rows = {r.ref: r for r in session.scalars(select(PlanItem).where(PlanItem.plan == outline.period))}
    for position, item in enumerate(outline.items):
        values = _item_values(item, position)
        row = rows.pop(item.ref, None)
        subject = _item_subject(outline.period, item.ref)
        if row is None:
            report.lines.append(f"add item {item.ref}: {(item.lead or item.body)[:70]}")
            if apply:
                session.add(PlanItem(plan=outline.period, ref=item.ref, **values))
                audit(
                    session,
                    subject=subject,
                    actor=actor,
                    now=now,
                    action="create",
                    changes={k: [None, v] for k, v in values.items() if k in ("title", "body") and v},
                )
            continue
        changes = {k: [getattr(row, k), v] for k, v in values.items() if getattr(row, k) != v}
        if changes:
            report.lines.append(f"change item {item.ref}: {', '.join(changes)}")
            if apply:
                for name, value in values.items():
                    setattr(row, name, value)
                audit(session, subject=subject, actor=actor, now=now, action="edit", changes=changes)
    report.kept = [ref for ref, row in rows.items() if row.retired_at is None]


@dataclass(frozen=True)
class ItemFields:
    """An item as an editor submits it: its number (empty for an unnumbered point) and words."""

    ref: str
    lead: str
    body: str
    numbered: bool
    parent: str | None
    retired: bool


def save_item(
    session: Session,
    *,
    period: str,
    old_ref: str | None,
    fields: ItemFields,
    actor: str,
    now: datetime,
    source_key: str | None = None,
) -> Changes | None:
    """Add an item (old_ref None) or change one; renumbering moves its sub-items and activity links.

    The changes made (empty when the submission repeats what is stored), or None when the item is gone.
    """
    if old_ref is None:
        existing = session.scalars(
            select(PlanItem).where(PlanItem.plan == period, PlanItem.ref == fields.ref)
        ).first()
        if existing is not None:
            return {}  # a repeated submission of the same new item
        return _add_item(session, period, fields, actor=actor, now=now, source_key=source_key)
    row = session.scalars(select(PlanItem).where(PlanItem.plan == period, PlanItem.ref == old_ref)).first()
    if row is None:
        return None
    before = _item_snapshot(row)
    if fields.ref != row.ref:
        _renumber(session, period, row.ref, fields.ref)
    row.ref, row.title, row.body, row.numbered, row.parent_ref = (
        fields.ref,
        fields.lead,
        fields.body,
        fields.numbered,
        fields.parent,
    )
    if fields.retired and row.retired_at is None:
        row.retired_at, row.retired_by = now, actor
    elif not fields.retired and row.retired_at is not None:
        row.retired_at, row.retired_by = None, None
    after = _item_snapshot(row)
    changes: Changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        action = "retire" if changes.get("retired") == [False, True] else "edit"
        audit(
            session,
            subject=_item_subject(period, old_ref),
            actor=actor,
            now=now,
            action=action,
            changes=changes,
            source_key=source_key,
        )
        if "ref" in changes:
            audit(
                session,
                subject=_item_subject(period, fields.ref),
                actor=actor,
                now=now,
                action="renumber",
                changes={"ref": changes["ref"]},
            )
    return changes


def _item_snapshot(row: PlanItem) -> dict[str, object]:
    return {
        "ref": row.ref,
        "title": row.title,
        "body": row.body,
        "numbered": row.numbered,
        "parent_ref": row.parent_ref,
        "retired": row.retired_at is not None,
    }


def _add_item(
    session: Session, period: str, fields: ItemFields, *, actor: str, now: datetime, source_key: str | None
) -> Changes:
    siblings = session.scalars(select(PlanItem).where(PlanItem.plan == period)).all()
    parent = next((s for s in siblings if s.ref == fields.parent), None)
    last = max((s.position for s in siblings), default=-1)
    row = PlanItem(
        plan=period,
        ref=fields.ref,
        title=fields.lead,
        body=fields.body,
        numbered=fields.numbered,
        parent_ref=fields.parent,
        section=parent.section if parent else max((s.section for s in siblings), default=0),
        position=last + 1,
        source_key=source_key,
    )
    session.add(row)
    changes: Changes = {"ref": [None, fields.ref], "title": [None, fields.lead], "body": [None, fields.body]}
    audit(
        session,
        subject=_item_subject(period, fields.ref),
        actor=actor,
        now=now,
        action="create",
        changes=changes,
    )
    return changes


def _renumber(session: Session, period: str, old: str, new: str) -> None:
    """Sub-items follow their parent's new number; activities keep pointing at the item."""
    for child in session.scalars(select(PlanItem).where(PlanItem.plan == period, PlanItem.parent_ref == old)):
        old_child = child.ref
        child.parent_ref = new
        if child.ref.startswith(f"{old}."):
            child.ref = new + child.ref[len(old) :]
            session.execute(
                update(Activity)
                .where(Activity.plan_ref == f"{period}/{old_child}")
                .values(plan_ref=f"{period}/{child.ref}")
            )
    session.execute(
        update(Activity).where(Activity.plan_ref == f"{period}/{old}").values(plan_ref=f"{period}/{new}")
    )


def item_refs(session: Session, *, period: str) -> dict[str, bool]:
    """Every item's reference in a programme, and whether the text numbers it."""
    query = select(PlanItem.ref, PlanItem.numbered).where(PlanItem.plan == period)
    return {ref: numbered for ref, numbered in session.execute(query)}


def source_key_used(session: Session, *, key: str) -> bool:
    """True when a programme or an item was already stored from this form submission."""
    for model in (Programme, PlanItem, RecordAudit):
        if session.scalars(select(model.source_key).where(model.source_key == key)).first() is not None:
            return True
    return False


@dataclass(frozen=True)
class FactFields:
    """What a member joined and when (with its precision), and where the record says so."""

    joined: str
    on_date: date | None
    precision: str
    source: str


def save_member(
    session: Session,
    *,
    code: str,
    name: str,
    facts: Sequence[FactFields],
    actor: str,
    now: datetime,
    source_key: str,
) -> Changes:
    """Add a member or change its name and joining facts; the changes made (none for a repeat)."""
    row = session.get(Member, code)
    changes: Changes = {}
    if row is None:
        last = session.scalar(select(func.max(Member.position))) or 0
        row = Member(code=code, name=name, position=last + 1)
        session.add(row)
        session.flush()
        changes["name"] = [None, name]
    elif row.name != name:
        changes["name"] = [row.name, name]
        row.name = name
    for fact in facts:
        changes.update(_save_fact(session, code, fact, now=now, actor=actor))
    if changes:
        action = "create" if changes.get("name", [""])[0] is None else "edit"
        audit(
            session,
            subject=f"member:{code}",
            actor=actor,
            now=now,
            action=action,
            changes=changes,
            source_key=source_key,
        )
    return changes


def _fact_text(row: MemberFact | None) -> str | None:
    if row is None:
        return None
    when = row.on_date.isoformat() if row.on_date else "no date"
    return f"{when} ({row.precision}); source: {row.source}"


def _save_fact(session: Session, code: str, fact: FactFields, *, now: datetime, actor: str) -> Changes:
    query = select(MemberFact).where(MemberFact.member_code == code, MemberFact.joined == fact.joined)
    row = session.scalars(query).first()
    before = _fact_text(row)
    if fact.on_date is None and not fact.source:
        if row is not None:
            session.delete(row)
        return {fact.joined: [before, None]} if before else {}
    if row is None:
        row = MemberFact(member_code=code, joined=fact.joined, created_at=now, created_by=actor)
        session.add(row)
    row.on_date, row.precision, row.source = (
        fact.on_date,
        fact.precision if fact.on_date else "none",
        fact.source,
    )
    after = _fact_text(row)
    return {fact.joined: [before, after]} if before != after else {}
