"""Listings read along an index and stop at the page: what still runs first, pages that partition
the whole, "more" without a count."""

from __future__ import annotations

from datetime import date, time

from bot.services import Services
from storage.activities import past_activities, upcoming_activities
from tests.factories import add_activity

TODAY = date(2026, 12, 1)


def test_upcoming_starts_with_what_still_runs_and_pages_partition_the_rest(services: Services) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Over", start=date(2026, 11, 20), end=date(2026, 11, 30))
        add_activity(session, title="Still running", start=date(2026, 11, 28), end=date(2026, 12, 3))
        add_activity(session, title="Cancelled", start=date(2026, 12, 2), status="cancelled")
        for day in range(2, 9):
            add_activity(session, title=f"Day {day}", start=date(2026, 12, day), at=time(9, 0))
        add_activity(session, title="Day 2 early", start=date(2026, 12, 2), at=time(8, 0))
    with services.session_factory() as session:
        whole = upcoming_activities(session, start=TODAY, end=None, limit=100)
        pages = [upcoming_activities(session, start=TODAY, end=None, limit=3, offset=o) for o in (0, 3, 6)]
        window = upcoming_activities(session, start=TODAY, end=date(2026, 12, 3), limit=100)
    titles = [a.title for a in whole.items if a.title.startswith(("Day", "Still"))]
    expected = ["Still running", "Day 2 early", *(f"Day {d}" for d in range(2, 9))]
    assert titles == expected and not whole.more
    paged = [a.title for page in pages for a in page.items if a.title.startswith(("Day", "Still"))]
    assert paged == expected[: len(paged)] and [p.more for p in pages[:2]] == [True, True]
    assert [a.title for a in window.items if a.title.startswith(("Day", "Still"))] == expected[:4]


def test_past_is_newest_first_and_says_more_without_counting(services: Services) -> None:
    with services.session_factory.begin() as session:
        for day in range(1, 6):
            add_activity(session, title=f"Past {day}", start=date(2026, 10, day))
    with services.session_factory() as session:
        first = past_activities(session, before=date(2026, 10, 6), year=2026, limit=2)
        last = past_activities(session, before=date(2026, 10, 6), year=2026, limit=2, offset=4)
    assert [a.title for a in first.items] == ["Past 5", "Past 4"] and first.more
    assert [a.title for a in last.items] == ["Past 1"] and not last.more
