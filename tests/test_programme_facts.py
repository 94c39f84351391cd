"""Every fact the bot states about the programme is found on a line of the programme text;
what the text does not give is "not stated". Both databases, through signed HTTP."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.services import Services
from domain.dates import DateSpec, format_spec
from domain.mrkdwn import mrkdwn_to_text
from storage.models import Activity
from storage.programme import list_members, list_programmes, plan_items
from storage.seed import load_seed
from tests.factories import add_activity
from tests.programme_text import LINES, lines_with, norm, text_date, the_line, without_quotes
from tests.slack_requests import SlackSender

SEED = load_seed()


def _texts(blocks: list[dict]) -> str:  # type: ignore[type-arg]
    out = []
    for block in blocks:
        if "text" in block:
            out.append(block["text"]["text"])
        out.extend(e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str))
    return "\n".join(out)


def _answer(slack: SlackSender, text: str, *, user: str = "U0ALICE") -> str:
    reply = slack.command(text, user=user)
    assert reply.status == 200
    return _texts(reply.json()["blocks"])


# ------------------------------------------------------------------ the seed against the text


def test_every_plan_item_is_the_texts_own_wording_under_its_heading(services: Services) -> None:
    with services.session_factory() as session:
        programmes = list_programmes(session)
        assert [p.period for p in programmes] == ["2020-2022", "2022-2024"]
        for programme in programmes:
            headings = [the_line(s.heading) for s in programme.sections]
            bounds = [*headings, len(LINES)]
            for top in plan_items(session, plan=programme.period):
                for item in (top, *top.children):
                    found = lines_with(item.title, item.body)  # lead-in and text on one line of the text
                    under = range(bounds[item.section], bounds[item.section + 1])
                    assert [line for line in found if line in under], (item.ref, "not in its list")


def test_programme_titles_periods_and_background_come_from_the_text(services: Services) -> None:
    with services.session_factory() as session:
        programmes = {p.period: p for p in list_programmes(session)}
    current = programmes["2022-2024"]
    assert the_line(current.title) == 2  # the title line
    assert (current.start_year, current.end_year) == (2022, 2024)
    for paragraph in (current.background or "").split("\n\n"):
        the_line(paragraph)
    previous = programmes["2020-2022"]
    the_line(previous.title)  # "... of the 2020-2022 work plan were:"
    assert (previous.start_year, previous.end_year) == (2020, 2022)


def test_each_member_fact_is_on_the_line_it_quotes(services: Services) -> None:
    with services.session_factory() as session:
        members = list_members(session)
    stated = 0
    for member in members:
        the_line(member.name)
        for fact in member.facts:
            line = the_line(fact.source, text_date(fact.when))
            assert norm(member.name) in without_quotes(NORMAL(line)), (member.name, fact)
            assert norm(fact.joined) in NORMAL(line), (member.name, fact)
            stated += 1
    assert stated == 8
    names = {m.name: m for m in members}
    for silent in ("Canada", "Chile", "New Zealand"):  # the text never says when (or that they founded)
        assert names[silent].facts == ()
    for gtaga_only in ("Colombia", "Peru"):
        assert names[gtaga_only].fact("ITAG") is None and names[gtaga_only].fact("GTAGA") is not None


def NORMAL(index: int) -> str:
    return norm(LINES[index])


def test_each_dated_activity_is_on_a_line_with_its_date_place_and_members(services: Services) -> None:
    checked = 0
    for item in SEED["activities"]:
        if "date" not in item:
            continue
        spec = DateSpec(item["date"], item.get("end"), item.get("precision", "day"))
        line = the_line(text_date(spec))
        assert len(lines_with(text_date(spec))) >= 1
        for part in (item.get("place") or "").split(","):
            assert norm(part) in NORMAL(line), (item["key"], part)
        names = {m["code"]: m["name"] for m in SEED["members"]}
        for code in item.get("members", []):  # named outside a quoted title: they took part
            assert norm(names[code]) in without_quotes(NORMAL(line)), (item["key"], code)
        checked += 1
    assert checked == 24


def test_places_are_where_it_happened_and_members_who_took_part(services: Services) -> None:
    with services.session_factory() as session:
        germany = session.scalars(select(Activity).where(Activity.title.contains("Empowerment"))).one()
        second = session.scalars(select(Activity).where(Activity.title.contains("Unlocking"))).one()
        assert germany.place is None  # "to promote the GTAGA in Germany" says whom, not where
        assert [h.member_code for h in second.hosts] == ["CL"]  # "Chile hosted"; the others are in the title


# ------------------------------------------------------------------ what the answers say


def test_members_answer_states_only_the_record(slack: SlackSender) -> None:
    text = _answer(slack, "members")
    assert "founding" not in text.lower() and "since the Arrangement was signed" not in text
    assert "ITAG members (8)" not in text
    assert "taking part in ITAG or the GTAGA: 8" in text
    canada = text[text.index("*Canada*") : text.index("*Chile*")]
    assert "ITAG: not stated" in canada and "GTAGA: not stated" in canada
    colombia = text[text.index("*Colombia*") : text.index("*Peru*")]
    assert "ITAG: not stated" in colombia
    assert (
        "GTAGA: 13 June 2022 (source: Welcoming ceremony for the participation of Colombia and Peru"
        in colombia
    )
    the_line("Welcoming ceremony for the participation of Colombia and Peru in GTAGA", "June 13, 2022")


def test_about_shows_background_title_and_periods(slack: SlackSender) -> None:
    text = mrkdwn_to_text(_answer(slack, "about"))
    assert "March 2018 endorsement of the Joint Declaration" in text
    assert "officially launched in November 2018 in Port Moresby" in text
    assert "workplans established for 2019-20 and for 2020-2022" in text
    assert "Inclusive Trade Action Group (ITAG) – Work Programme 2022-2024" in text
    assert "Period 2022–2024; it ended in December 2024." in text
    assert "Period 2020–2022; it ended in December 2022." in text


def test_plan_2020_2022_keeps_the_texts_two_lists_and_headings(slack: SlackSender) -> None:
    text = mrkdwn_to_text(_answer(slack, "plan 2020-2022"))
    objectives = text.index("The objectives of the 2020-2022 work plan were:")
    points = text.index("Proposed points of engagement 2020-2022")
    assert objectives < text.index("post-COVID-19") < points < text.index("Three Year Review:")
    assert "Key ITAG priorities defined were:" in text
    for invented in ("P1", "P3", "P7", "Objective 1"):
        assert invented not in text
    assert "• Timely and strategic implementation" in text


def test_plan_overview_uses_the_texts_words_shortened_never_reworded(slack: SlackSender) -> None:
    text = mrkdwn_to_text(_answer(slack, "plan 2022-2024"))
    for invented in (
        "MSME webinar",
        "Responsible Business Conduct webinar",
        "Annual ITAG event at the WTO Public",
    ):
        assert invented not in text
    items = [
        line for line in text.splitlines() if line.strip()[:2] in ("1.", "2.", "3.", "4.", "i.", "ii", "• ")
    ]
    assert len(items) >= 12
    for line in items:
        words = line.strip().split(" ", 1)[1]
        for piece in words.split("…"):
            piece = piece.strip().removeprefix(": ").strip(" :")
            assert not piece or lines_with(piece), piece


def test_plan_without_period_says_the_latest_programme_has_ended(slack: SlackSender) -> None:
    text = _answer(slack, "plan")
    assert (
        "The 2022-2024 programme ended in December 2024; no newer programme is recorded — "
        "editors can add one with `/itag plan new`."
    ) in text


def test_upcoming_after_the_programme_does_not_offer_its_undated_items(slack: SlackSender) -> None:
    text = _answer(slack, "upcoming")
    assert "Nothing dated yet" not in text
    assert "Webinar on MSMEs trade provisions" not in text and "Planned, with no date yet" not in text
    assert "The 2022-2024 programme ended in December 2024 with 5 undated items" in text
    assert "`/itag plan 2022-2024`" in text


def test_undated_activities_of_a_running_programme_are_still_offered(
    services: Services, slack: SlackSender
) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Webinar without a date yet")
    text = _answer(slack, "upcoming")
    assert "Planned, with no date yet (1)" in text and "Webinar without a date yet" in text


def test_a_month_comes_after_its_dated_activities_in_every_list(
    services: Services, slack: SlackSender
) -> None:
    past = _answer(slack, "past 2019")
    order = ["Second WTO ITAG caucus", "Workshop on Labour", "Capacity Building Workshop", "APEC ITAG caucus"]
    assert [past.index(t) for t in order] == sorted(past.index(t) for t in order)
    assert past.index("APEC ITAG caucus") < past.index("Inaugural ITAG WTO caucus")  # March before January
    assert "March 2019" in past
    with services.session_factory.begin() as session:
        add_activity(session, title="Dated March", start=date(2027, 3, 10))
        add_activity(session, title="Sometime in March", start=date(2027, 3, 1), precision="month")
        add_activity(session, title="Early April", start=date(2027, 4, 2))
        add_activity(session, title="Late February", start=date(2027, 2, 27))
    upcoming = _answer(slack, "upcoming")
    order = ["Late February", "Dated March", "Sometime in March", "Early April"]
    assert [upcoming.index(t) for t in order] == sorted(upcoming.index(t) for t in order)
    assert "March 2027" in upcoming
    found = _answer(slack, "search march")
    assert found.index("Dated March") < found.index("Sometime in March")
    assert format_spec(DateSpec(date(2027, 3, 1), None, "month")) == "March 2027"


def test_a_month_in_progress_is_still_upcoming(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:  # today is 28 November 2026
        add_activity(session, title="This month somewhere", start=date(2026, 11, 1), precision="month")
    assert "This month somewhere" in _answer(slack, "upcoming")
