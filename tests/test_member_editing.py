"""Members as data: editors add a member and record what it joined, when (with the date's
precision) and the source; over signed HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.services import Services
from handlers import ids
from storage.models import Member, MemberFact, RecordAudit
from tests.conftest import EDITOR
from tests.fake_slack import FakeSlack
from tests.form_payloads import _initial, _state, view_submission
from tests.slack_requests import Response, SlackSender
from tests.test_plan_editing import _open
from tests.test_programme_facts import _answer

NAMES = {block: name for name, block in ids.MEMBER_BLOCKS.items()}


def _submit(slack: SlackSender, view: dict[str, Any], *, user: str, view_id: str, **changes: Any) -> Response:
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] == "input":
            name, element = NAMES[block["block_id"]], block["element"]
            value = changes[name] if name in changes else _initial(element)
            values[block["block_id"]] = {element["action_id"]: _state(element, value)}
    return slack.payload(view_submission(view, values, user=user, view_id=view_id))


def _count(services: Services, model: Any) -> int:
    with services.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


GUATEMALA = {
    "code": "GT",
    "name": "Guatemala",
    "ITAG_date": "2026-03-10",
    "ITAG_precision": "month",
    "ITAG_source": "welcoming ceremony, March 2026",
}


def test_editor_adds_a_member_with_a_month_precise_fact_once(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack, "members add", user=EDITOR)
    assert view["callback_id"] == ids.MEMBER_FORM
    unsourced = _submit(slack, view, user=EDITOR, view_id="V0M", **{**GUATEMALA, "ITAG_source": ""})
    assert "Say where the record says so" in unsourced.json()["errors"][ids.MEMBER_BLOCKS["ITAG_source"]]
    taken = _submit(slack, view, user=EDITOR, view_id="V0M", **{**GUATEMALA, "code": "CR"})
    assert "CR is Costa Rica already" in taken.json()["errors"][ids.MEMBER_BLOCKS["code"]]
    for _ in range(2):
        assert _submit(slack, view, user=EDITOR, view_id="V0M", **GUATEMALA).body == b""
    assert _count(services, Member) == 9 and _count(services, MemberFact) == 9
    with services.session_factory() as session:
        fact = session.scalars(select(MemberFact).where(MemberFact.member_code == "GT")).one()
    assert (fact.on_date.isoformat(), fact.precision) == ("2026-03-01", "month")  # type: ignore[union-attr]
    text = _answer(slack, "members")
    guatemala = text[text.index("*Guatemala*") :]
    assert "ITAG: March 2026 (source: welcoming ceremony, March 2026)" in guatemala
    assert "GTAGA: not stated" in guatemala
    assert "taking part in ITAG or the GTAGA: 9" in text
    history = _answer(slack, "history members")
    assert f"<@{EDITOR}> · create · GT" in history
    assert _count(services, RecordAudit) == 1


def test_editor_records_colombias_itag_joining_and_a_forged_edit_changes_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    assert "Only ITAG editors" in _answer(slack, "members edit CO", user="U0ALICE")
    view = _open(slack, fake_slack, "members edit CO", user=EDITOR)
    change = {
        "ITAG_date": "2024-05-02",
        "ITAG_precision": "day",
        "ITAG_source": "ministerial statement, 2 May 2024",
    }
    forged = _submit(slack, view, user="U0ALICE", view_id="V0F", **change)
    assert "Only ITAG editors" in forged.json()["errors"][ids.MEMBER_BLOCKS["name"]]
    assert _count(services, RecordAudit) == 0
    assert _submit(slack, view, user=EDITOR, view_id="V0C", **change).body == b""
    text = _answer(slack, "members")
    colombia = text[text.index("*Colombia*") : text.index("*Peru*")]
    assert "ITAG: 2 May 2024 (source: ministerial statement, 2 May 2024)" in colombia
    assert "GTAGA: 13 June 2022" in colombia  # untouched
    assert "· edit · CO" in _answer(slack, "history members CO")
