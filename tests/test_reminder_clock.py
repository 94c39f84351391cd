"""The clock pass against the fake Slack Web API and a real database, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.services import Services
from domain.reminders import fire_time, target_for
from storage.activities import activity_by_id
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.reminder_helpers import ledger_rows, move, pass_at, posts, set_status

MINUTE = timedelta(minutes=1)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def _fires(services: Services, activity_id: int) -> dict[str, datetime]:
    with services.session_factory() as session:
        record = activity_by_id(session, activity_id=activity_id)
    assert record is not None
    target = target_for(record)
    assert target is not None
    return {lead: fire_time(target, lead) for lead in ("30d", "7d", "1d")}


def test_each_default_lead_fires_once_at_its_moment_timed_and_all_day_across_dst(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        timed = add_activity(
            session,
            title="Caucus",
            kind="wto_caucus",
            start=date(2027, 4, 2),
            at=time(15, 0),
            timezone="Europe/Zurich",
            place="Geneva",
        ).id
        all_day = add_activity(
            session, title="Forum", kind="wto_public_forum", start=date(2027, 4, 2), timezone="Europe/Zurich"
        ).id
    moments = sorted({*_fires(services, timed).values(), *_fires(services, all_day).values()})
    assert utc(2027, 4, 1, 13, 0) in moments and utc(2027, 4, 1, 7, 0) in moments  # CEST after the change
    seen: list[tuple[datetime, str]] = []
    for moment in moments:
        for when in (moment - MINUTE, moment, moment + MINUTE):
            before = len(posts(fake_slack))
            pass_at(services, clock, when)
            seen += [(when, c.body["text"]) for c in posts(fake_slack)[before:]]
    fires = {
        **{(k, "Caucus"): v for k, v in _fires(services, timed).items()},
        **{(k, "Forum"): v for k, v in _fires(services, all_day).items()},
    }
    assert len(seen) == 6
    for (lead, title), moment in fires.items():
        phrase = {"30d": "in 30 days", "7d": "in 7 days", "1d": "tomorrow"}[lead]
        matching = [when for when, text in seen if title in text and phrase in text]
        assert matching == [moment], (lead, title)
    assert {r.status for r in ledger_rows(services)} == {"sent"}
    assert all(c.body["channel"] == "C0REMIND" for c in posts(fake_slack))


def test_reminder_text_escapes_and_shows_time_place_plan_link_and_buttons(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        row = add_activity(
            session,
            title="<!channel> MC15 prep & talk",
            kind="ministerial",
            start=date(2026, 12, 10),
            at=time(9, 30),
            timezone="America/Mexico_City",
            place="Mexico City <b>",
            plan_ref="2.1",
            link="https://example.org/mc15",
        )
        ident, stamp = row.id, int(row.starts_at.timestamp())  # type: ignore[union-attr]
    pass_at(services, clock, utc(2026, 12, 3, 16, 0))
    (call,) = posts(fake_slack)
    blocks = str(call.body["blocks"])
    assert "in 7 days" in blocks
    assert "&lt;!channel&gt; MC15 prep &amp; talk" in blocks and "<!channel>" not in blocks
    assert f"<!date^{stamp}^" in blocks and "Mexico City &lt;b&gt;" in blocks
    assert "Plan item 2.1" in blocks and "https://example.org/mc15" in blocks
    # The card's Details button became an overflow menu (Details / Edit / Cancel / Delete) in issue 3.
    assert (
        "itag_activity_menu" in blocks and f"'show:{ident}'" in blocks and "itag_open_activity_link" in blocks
    )
    assert "<!channel>" not in call.body["text"]
    assert str(ident) in blocks


def test_catch_up_after_downtime_sends_only_the_nearest_lead(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        late = add_activity(
            session, title="Added late", kind="ministerial", start=date(2026, 11, 29), at=time(8, 0)
        ).id
        down = add_activity(session, title="Clock was down", kind="wto_caucus", start=date(2026, 12, 3)).id
    pass_at(services, clock, utc(2026, 11, 28, 12, 0))  # 20 hours before "Added late"
    texts = [c.body["text"] for c in posts(fake_slack)]
    assert len(texts) == 2
    assert any("Added late" in t and "tomorrow" in t for t in texts)
    assert any("Clock was down" in t and "in 7 days" in t for t in texts)
    pass_at(services, clock, utc(2026, 11, 28, 13, 0))
    assert len(posts(fake_slack)) == 2
    assert sorted((r.activity_id, r.lead) for r in ledger_rows(services)) == sorted(
        [(late, "1d"), (down, "7d")]
    )


def test_nothing_for_started_cancelled_or_deleted_activities(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Started", kind="ministerial", start=date(2026, 11, 28), at=time(11, 0))
        cancelled = add_activity(session, title="Cancelled", kind="ministerial", start=date(2026, 12, 1)).id
        deleted = add_activity(session, title="Deleted", kind="ministerial", start=date(2026, 12, 1)).id
        add_activity(session, title="A webinar", kind="webinar", start=date(2026, 12, 1))
    set_status(services, cancelled, now=clock[0])
    set_status(services, deleted, now=clock[0], deleted=True)
    pass_at(services, clock, clock[0])
    assert posts(fake_slack) == [] and ledger_rows(services) == []


def test_moving_reschedules_without_repeating_a_lead_already_sent(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        ident = add_activity(
            session, title="Moving", kind="ministerial", start=date(2027, 1, 7), at=time(10, 0)
        ).id
    pass_at(services, clock, utc(2026, 12, 8, 10, 0))  # 30d
    assert len(posts(fake_slack)) == 1
    now = utc(2026, 12, 28, 10, 0)  # ten days before, it moves to twelve days away
    move(services, ident, date(2027, 1, 9), time(10, 0), now)
    pass_at(services, clock, now)
    assert len(posts(fake_slack)) == 1  # 30d is not sent again
    pass_at(services, clock, utc(2027, 1, 2, 10, 0))  # 7d for the new date
    assert "in 7 days" in posts(fake_slack)[-1].body["text"] and len(posts(fake_slack)) == 2
    now = utc(2027, 1, 3, 10, 0)  # moved far out: every lead comes round again
    move(services, ident, date(2027, 3, 1), time(10, 0), now)
    pass_at(services, clock, now)
    assert len(posts(fake_slack)) == 2
    pass_at(services, clock, utc(2027, 1, 30, 10, 0))
    assert "in 30 days" in posts(fake_slack)[-1].body["text"] and len(posts(fake_slack)) == 3


def test_cancelling_posts_one_notice_in_the_thread_of_the_last_reminder(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    with services.session_factory.begin() as session:
        ident = add_activity(session, title="Ministers", kind="ministerial", start=date(2026, 12, 20)).id
        add_activity(session, title="Never reminded", kind="ministerial", start=date(2027, 6, 1))
    pass_at(services, clock, utc(2026, 11, 28, 12, 0))  # 30d (catch-up)
    pass_at(services, clock, utc(2026, 12, 13, 9, 0))  # 7d
    last_ts = [r.message_ts for r in ledger_rows(services)][-1]
    set_status(services, ident, now=clock[0])
    pass_at(services, clock, utc(2026, 12, 13, 10, 0))
    pass_at(services, clock, utc(2026, 12, 13, 11, 0))
    notices = [c for c in posts(fake_slack) if "Cancelled" in c.body["text"]]
    assert len(notices) == 1
    assert notices[0].body["thread_ts"] == last_ts and notices[0].body["channel"] == "C0REMIND"
    assert "Ministers" in notices[0].body["text"]
    assert [r.lead for r in ledger_rows(services) if r.activity_id == ident] == ["30d", "7d", "cancelled"]
