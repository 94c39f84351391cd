"""The transcribed work programme: facts from the text, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bot.services import Services, seed_programme
from domain.dates import format_spec
from storage.activities import past_activities, search_activities, undated_activities
from storage.models import Activity, Member, PlanItem
from storage.programme import list_members, plan_items
from tests.conftest import FIXED_NOW


def _by_title(services: Services, fragment: str) -> Activity:
    with services.session_factory() as session:
        return session.scalars(select(Activity).where(Activity.title.contains(fragment))).one()


def test_all_eight_members_with_their_joining(services: Services) -> None:
    with services.session_factory() as session:
        members = {m.name: m for m in list_members(session)}
    assert set(members) == {
        "Canada",
        "Chile",
        "New Zealand",
        "Mexico",
        "Colombia",
        "Peru",
        "Costa Rica",
        "Ecuador",
    }
    assert format_spec(members["Mexico"].fact("ITAG").when) == "6 October 2021"  # type: ignore[union-attr]
    assert format_spec(members["Peru"].fact("GTAGA").when) == "13 June 2022"  # type: ignore[union-attr]
    assert members["Peru"].fact("ITAG") is None
    assert members["Canada"].facts == ()
    assert format_spec(members["Ecuador"].fact("ITAG").when) == "15 May 2023"  # type: ignore[union-attr]


def test_dates_keep_the_precision_the_text_gives(services: Services) -> None:
    caucus = _by_title(services, "Inaugural ITAG WTO caucus")
    assert (caucus.start_date, caucus.place, caucus.kind) == (date(2019, 1, 30), "Geneva", "wto_caucus")
    wibf = _by_title(services, "World Indigenous Business Forum")
    assert (wibf.start_date, wibf.end_date) == (date(2019, 10, 8), date(2019, 10, 10))
    som1 = _by_title(services, "APEC ITAG caucus meetings")
    assert som1.precision == "month" and som1.place == "Santiago, Chile"
    with services.session_factory() as session:
        records = {a.title: a for a in past_activities(session, before=date(2030, 1, 1), limit=100).items}
    assert (
        format_spec(records["World Indigenous Business Forum (WIBF)"].when) == "8\u2009–\u200910 October 2019"
    )
    assert format_spec(records["Inaugural ITAG officials and APEC ITAG caucus meetings"].when) == "March 2019"


def test_the_line_running_two_events_together_is_two_activities(services: Services) -> None:
    seminar = _by_title(services, "How can e-commerce trade policy contribute")
    signing = _by_title(services, "Signing of the Global Trade and Gender Arrangement")
    assert (seminar.start_date, seminar.precision) == (date(2020, 9, 1), "month")
    assert (signing.start_date, signing.precision, signing.timezone) == (date(2020, 8, 4), "day", "UTC")


def test_members_involved_are_linked(services: Services) -> None:
    ceremony = _by_title(services, "Costa Rica and Ecuador")
    assert sorted(h.member_code for h in ceremony.hosts) == ["CR", "EC"]
    assert ceremony.kind == "ceremony"


def test_places_set_the_time_zone(services: Services) -> None:
    assert _by_title(services, "Second WTO ITAG caucus").timezone == "Europe/Zurich"
    assert _by_title(services, "Second CPTPP Commission").timezone == "Pacific/Auckland"


def test_undated_planned_items_from_the_2022_2024_programme(services: Services) -> None:
    with services.session_factory() as session:
        titles = {a.title: a.plan_ref for a in undated_activities(session)}
    assert titles["Webinar on MSMEs trade provisions"] == "2022-2024/1.a"
    assert titles["Annual ITAG event at the WTO Public Forum"] == "2022-2024/2.i"
    assert titles["Webinar on SMEs and Responsible Business Conduct"] == "2022-2024/3.a"


def test_both_work_plans_with_numbered_items_and_sub_actions(services: Services) -> None:
    with services.session_factory() as session:
        current = {item.ref: item for item in plan_items(session, plan="2022-2024")}
        previous = {item.ref: item for item in plan_items(session, plan="2020-2022")}
    assert [c.ref for c in current["2"].children] == ["2.i", "2.ii"]
    assert "rotational presentations" in current["2"].children[1].body
    assert {"1", "2", "3", "4", "P1", "P7"} <= set(previous)
    assert "Kazakhstan" in previous["P6"].title and not previous["P6"].numbered
    assert (previous["1"].section, previous["P1"].section) == (0, 1)


def test_seeding_twice_changes_nothing(services: Services) -> None:
    report = seed_programme(services)
    assert (report.members, report.plan_items, report.activities) == (0, 0, 0)
    with services.session_factory() as session:
        counts = [session.scalar(select(func.count()).select_from(t)) for t in (Member, PlanItem, Activity)]
    assert counts == [8, 23, 29]


def test_search_is_case_insensitive_and_treats_wildcards_literally(services: Services) -> None:
    with services.session_factory() as session:
        hits = search_activities(session, words=["wOmEn"]).items
        assert len(hits) >= 3 and all("women" in (a.title + (a.description or "")).lower() for a in hits)
        assert search_activities(session, words=["%"]).items == []


def test_fixed_now_is_after_the_whole_record(services: Services) -> None:
    with services.session_factory() as session:
        newest = past_activities(session, before=FIXED_NOW.date(), limit=1).items[0]
    assert newest.title.startswith("Welcoming ceremony for the participation of Costa Rica")
