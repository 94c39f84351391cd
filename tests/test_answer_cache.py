"""Cached answers never outlive the data they show."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert, update

from bot.services import Services
from storage.models import Activity, Member
from storage.versions import data_version
from tests.factories import add_activity
from tests.slack_requests import SlackSender


def test_a_write_through_the_orm_changes_the_answer(services: Services, slack: SlackSender) -> None:
    assert "Cache probe" not in slack.command("upcoming").body.decode()
    with services.session_factory.begin() as session:
        add_activity(session, title="Cache probe", start=date(2027, 1, 4))
    assert "Cache probe" in slack.command("upcoming").body.decode()


def test_bulk_statements_change_the_answer_too(services: Services, slack: SlackSender) -> None:
    assert "Lima" not in slack.command("members").body.decode()
    with services.session_factory.begin() as session:
        session.execute(update(Member).where(Member.code == "PE").values(notes="Met in Lima"))
    assert "Lima" in slack.command("members").body.decode()
    row = {
        "title": "Bulk probe",
        "kind": "webinar",
        "precision": "day",
        "start_date": date(2027, 2, 1),
        "timezone": "UTC",
        "status": "active",
        "created_at": datetime(2026, 11, 1, tzinfo=UTC),
    }
    with services.session_factory.begin() as session:
        session.execute(insert(Activity), [row])
    assert "Bulk probe" in slack.command("upcoming").body.decode()


def test_reads_and_rolled_back_writes_keep_the_stamp(services: Services) -> None:
    with services.session_factory() as session:
        before = data_version(session)
    with services.session_factory.begin() as session:
        session.get(Member, "CA")
    with services.session_factory() as session:
        add_activity(session, title="Never committed", start=date(2027, 1, 1))
        session.rollback()
    with services.session_factory() as session:
        assert data_version(session) == before


def test_a_new_day_changes_the_answer(services: Services, slack: SlackSender, clock: list[datetime]) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Tomorrow only", start=date(2026, 11, 29))
    assert "Tomorrow only" in slack.command("upcoming").body.decode()
    clock[0] = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert "Tomorrow only" not in slack.command("upcoming").body.decode()


def test_cacheable_answers_do_not_depend_on_who_asks(services: Services) -> None:
    """The cache shares answers across users; that is only right while the handlers ignore the user."""
    from handlers.router import ROUTES, route

    with services.session_factory.begin() as session:
        mine = add_activity(
            session, title="Alice's own webinar", start=date(2027, 1, 4), created_by="U0ALICE"
        )
    texts = [
        *sorted(name for name, found in ROUTES.items() if found.cacheable),
        "upcoming 90d",
        "past 2019",
        "plan 2022-2024 2",
        f"show {mine.id}",
        "search webinar",
    ]
    for text in texts:
        with services.context(user_id="U0ALICE", team_id="T1") as alice:
            first = route(alice, text)
        with services.context(user_id="U0EDITOR", team_id="T1") as editor:
            second = route(editor, text)
        assert first == second, text


CACHEABLE_EXAMPLES = [
    "",
    "upcoming 90d",
    "past 2019",
    "plan 2022-2024 2",
    "show 2",
    "search webinar",
    "members",
]


def test_every_table_is_tracked_unless_listed_and_no_cacheable_route_reads_an_untracked_one(
    services: Services,
) -> None:
    """A new table is tracked by default; a new cacheable route that read an untracked table
    (written without changing the stamp) would serve stale answers, and fails here."""
    from sqlalchemy import event

    from handlers.router import ROUTES, is_cacheable, route
    from storage.models import Base
    from storage.versions import _TRACKED, UNTRACKED

    tables = {table.name for table in Base.metadata.sorted_tables}
    assert tables >= UNTRACKED  # no stale names in the list
    assert {cls.__table__.name for cls in _TRACKED} == tables - UNTRACKED  # type: ignore[attr-defined]
    statements: list[str] = []
    recording = [False]  # the context's own reads (the reader's language, in the key) are not the route's

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if recording[0]:
            statements.append(statement.lower())

    event.listen(services.engine, "before_cursor_execute", record)
    try:
        texts = [*(name for name, found in ROUTES.items() if found.cacheable), *CACHEABLE_EXAMPLES]
        for text in texts:
            assert is_cacheable(text), text
            with services.context(user_id="U0ALICE", team_id="T1") as ctx:
                recording[0] = True
                route(ctx, text)
                recording[0] = False
    finally:
        event.remove(services.engine, "before_cursor_execute", record)
    read = " ".join(statements)
    assert "activities" in read and "members" in read  # the capture works
    for table in UNTRACKED:
        assert f" {table}" not in read and f'"{table}"' not in read, table


def test_routes_that_depend_on_the_asker_are_not_cached() -> None:
    from handlers.router import is_cacheable

    for text in (
        "reminders",
        "subscribe ministerial",
        "calendar",
        "history 2",
        "edit 2",
        "add x",
        "nonsense",
    ):
        assert not is_cacheable(text), text
