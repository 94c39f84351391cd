"""Migrating a database seeded before programmes were data keeps its rows and repairs the
wording the earlier seed invented (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from storage.migrate import alembic_config
from storage.models import Activity, MemberFact, PlanItem, Programme
from storage.programme import list_members

OLD_ROWS = [
    "INSERT INTO members (code, name, position, itag_joined, gtaga_joined) VALUES "
    "('CA', 'Canada', 0, 'Founding member (ITAG launched November 2018, Port Moresby)', "
    "'Participant since the Arrangement was signed on 4 August 2020'), "
    "('MX', 'Mexico', 3, '6 October 2021 (welcoming ceremony)', '6 October 2021 (welcoming ceremony)'), "
    "('CL', 'Chile', 1, NULL, NULL), ('NZ', 'New Zealand', 2, NULL, NULL)",
    "INSERT INTO plan_items (plan, ref, parent_ref, position, title, body) VALUES "
    "('2020-2022', 'P3', NULL, 6, 'Implementation of co-operation activities under the GTAGA', 'Timely.'), "
    "('2022-2024', '1.a', '1', 1, 'MSME webinar', 'The first activity.'), "
    "('2019-2020', '1', NULL, 0, 'A plan only this database has', '')",
    "INSERT INTO activities (id, title, kind, precision, start_date, timezone, status, source_key, "
    "created_at, place) VALUES (1, 'Webinar', 'webinar', 'day', '2021-09-21', 'Europe/Berlin', 'active', "
    "'seed:2021-09-21-webinar', :now, 'Germany'), (2, 'Unlocking', 'other', 'day', '2021-06-23', 'UTC', "
    "'active', 'seed:2021-06-23-gtaga-second', :now, NULL), (3, 'Ours', 'webinar', 'day', '2027-01-02', "
    "'UTC', 'active', 'view:V1', :now, 'Germany')",
    "INSERT INTO activity_hosts (activity_id, member_code) VALUES (2, 'CL'), (2, 'CA'), (2, 'NZ'), (3, 'CA')",
]


def test_upgrade_keeps_rows_and_repairs_invented_wording(database_url: str) -> None:
    engine = create_engine(database_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        command.upgrade(config, "0001")
        for statement in OLD_ROWS:
            connection.execute(text(statement), {"now": datetime(2026, 1, 1, tzinfo=UTC)})
        command.upgrade(config, "head")
    with Session(engine) as session:
        periods = {p.period: p for p in session.scalars(select(Programme))}
        assert set(periods) == {"2019-2020", "2020-2022", "2022-2024"}
        assert periods["2019-2020"].title == "Work plan 2019-2020"  # kept, not invented further
        items = {(i.plan, i.ref): i for i in session.scalars(select(PlanItem))}
        assert len(items) == 3
        assert items[("2020-2022", "P3")].title == "" and not items[("2020-2022", "P3")].numbered
        assert items[("2020-2022", "P3")].body.startswith("Timely and strategic implementation")
        assert items[("2022-2024", "1.a")].title == "" and items[("2019-2020", "1")].title.startswith(
            "A plan"
        )
        members = {m.name: m for m in list_members(session)}
        assert set(members) == {"Canada", "Chile", "New Zealand", "Mexico"}
        assert members["Canada"].facts == ()  # "founding" was invented
        assert {f.joined for f in members["Mexico"].facts} == {"ITAG", "GTAGA"}
        assert session.scalar(select(MemberFact.on_date).where(MemberFact.member_code == "MX")) == date(
            2021, 10, 6
        )
        rows = {a.id: a for a in session.scalars(select(Activity))}
        assert rows[1].place is None and rows[3].place == "Germany"  # only the seed's row is repaired
        assert [h.member_code for h in rows[2].hosts] == ["CL"] and [
            h.member_code for h in rows[3].hosts
        ] == ["CA"]
    engine.dispose()
