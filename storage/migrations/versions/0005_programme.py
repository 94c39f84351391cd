"""programmes, plan items and member facts as data; seeded wording repaired

Revision ID: 0005_programme
Revises: 0004_imports
Create Date: 2026-11-29

Existing rows are kept. Plan items and members loaded by earlier seeds get the
programme text's own wording (they could not be edited before this revision); the
member columns that held invented summaries become dated facts with their source.
"""

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.db

revision = "0005_programme"
down_revision = "0004_imports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programmes",
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=False),
        sa.Column("background", sa.Text(), nullable=True),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.Column("created_at", storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("period", name=op.f("pk_programmes")),
        sa.UniqueConstraint("source_key", name=op.f("uq_programmes_source_key")),
    )
    op.create_table(
        "member_facts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_code", sa.String(length=8), nullable=False),
        sa.Column("joined", sa.String(length=10), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=8), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=True),
        sa.Column("created_at", storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_code"], ["members.code"], name=op.f("fk_member_facts_member_code_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_facts")),
        sa.UniqueConstraint("member_code", "joined", name=op.f("uq_member_facts_member_code")),
    )
    op.create_table(
        "record_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("at", storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_audit")),
        sa.UniqueConstraint("source_key", name=op.f("uq_record_audit_source_key")),
    )
    with op.batch_alter_table("record_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_audit_subject"), ["subject"], unique=False)
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("section", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("numbered", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column("retired_at", storage.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("retired_by", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("source_key", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_plan_items_source_key"), ["source_key"])
    _repair_seeded_rows()
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("itag_joined")
        batch_op.drop_column("gtaga_joined")


def _repair_seeded_rows() -> None:
    from storage.seed import load_seed

    bind = op.get_bind()
    now = datetime.now(UTC)
    data = load_seed()
    plans = sa.table(
        "plan_items",
        sa.column("plan", sa.String),
        sa.column("ref", sa.String),
        sa.column("title", sa.Text),
        sa.column("body", sa.Text),
        sa.column("section", sa.Integer),
        sa.column("numbered", sa.Boolean),
    )
    programmes = sa.table(
        "programmes",
        sa.column("period", sa.String),
        sa.column("title", sa.Text),
        sa.column("start_year", sa.Integer),
        sa.column("end_year", sa.Integer),
        sa.column("background", sa.Text),
        sa.column("sections", sa.JSON),
        sa.column("created_at", storage.db.UTCDateTime),
    )
    stored = {row[0] for row in bind.execute(sa.select(plans.c.plan).distinct())}
    seeded = {p["period"]: p for p in data["programmes"]}
    for period in sorted(stored):
        seed = seeded.get(period)
        first, _, last = period.partition("-")
        values = {
            "period": period,
            "title": seed["title"] if seed else f"Work plan {period}",
            "start_year": int(first) if first.isdigit() else now.year,
            "end_year": int(last) if last.isdigit() else now.year,
            "background": seed.get("background") if seed else None,
            "sections": seed["sections"] if seed else [],
            "created_at": now,
        }
        bind.execute(sa.insert(programmes).values(**values))
        for item in seed["items"] if seed else []:
            bind.execute(
                sa.update(plans)
                .where(plans.c.plan == period, plans.c.ref == item["ref"])
                .values(
                    title=item.get("lead", ""),
                    body=item.get("body", ""),
                    section=item.get("section", 0),
                    numbered=item.get("numbered", True),
                )
            )
    _facts_for_existing_members(bind, data, now)
    _repair_seeded_activities(bind, data)


def _facts_for_existing_members(bind: sa.Connection, data: dict[str, Any], now: datetime) -> None:
    members = sa.table("members", sa.column("code", sa.String))
    facts = sa.table(
        "member_facts",
        sa.column("member_code", sa.String),
        sa.column("joined", sa.String),
        sa.column("on_date", sa.Date),
        sa.column("precision", sa.String),
        sa.column("source", sa.Text),
        sa.column("created_at", storage.db.UTCDateTime),
    )
    existing = {row[0] for row in bind.execute(sa.select(members.c.code))}
    for fact in data["member_facts"]:
        if fact["member"] in existing:
            bind.execute(
                sa.insert(facts).values(
                    member_code=fact["member"],
                    joined=fact["joined"],
                    on_date=fact.get("date"),
                    precision=fact.get("precision", "day"),
                    source=fact["source"],
                    created_at=now,
                )
            )


def _repair_seeded_activities(bind: sa.Connection, data: dict[str, Any]) -> None:
    """Places and members the text does not give are removed from seeded activities."""
    activities = sa.table(
        "activities",
        sa.column("id", sa.Integer),
        sa.column("source_key", sa.String),
        sa.column("place", sa.String),
        sa.column("timezone", sa.String),
        sa.column("description", sa.Text),
        sa.column("updated_at", storage.db.UTCDateTime),
    )
    hosts = sa.table("activity_hosts", sa.column("activity_id", sa.Integer), sa.column("member_code", sa.String))
    by_key = {item["key"]: item for item in data["activities"]}
    rows = bind.execute(
        sa.select(activities.c.id, activities.c.source_key).where(
            activities.c.source_key.like("seed:%"), activities.c.updated_at.is_(None)
        )
    ).all()
    for activity_id, key in rows:
        item = by_key.get(key)
        if item is None:
            continue
        bind.execute(
            sa.update(activities)
            .where(activities.c.id == activity_id)
            .values(place=item.get("place"), description=item.get("description"))
        )
        allowed = item.get("members", [])
        bind.execute(
            sa.delete(hosts).where(hosts.c.activity_id == activity_id, hosts.c.member_code.not_in(allowed))
        )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gtaga_joined", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("itag_joined", sa.String(length=200), nullable=True))
    with op.batch_alter_table("plan_items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_plan_items_source_key"), type_="unique")
        batch_op.drop_column("source_key")
        batch_op.drop_column("retired_by")
        batch_op.drop_column("retired_at")
        batch_op.drop_column("numbered")
        batch_op.drop_column("section")
    with op.batch_alter_table("record_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_audit_subject"))
    op.drop_table("record_audit")
    op.drop_table("member_facts")
    op.drop_table("programmes")
