"""Activities link to items: the form lists the current programme's items first (older ones by
typing in the select), and `/itag plan PERIOD N` shows what served the item."""

from __future__ import annotations

from bot.services import Services
from domain.outline import read_outline
from storage.programme_writes import import_outline
from tests.conftest import FIXED_NOW
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, element, open_form, submit
from tests.slack_requests import SlackSender
from tests.test_plan_editing import NEXT
from tests.test_programme_facts import _answer


def test_the_form_offers_the_current_programmes_items_and_the_item_shows_the_activity(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    with services.session_factory.begin() as session:
        import_outline(session, outline=read_outline(NEXT.read_text()), actor="t", now=FIXED_NOW, apply=True)
    view = open_form(slack, fake_slack)
    options = element(view, "plan_ref")["options"]
    values = [o["value"] for o in options]
    assert all(v.startswith("2025-2027/") for v in values[:20]) and "2022-2024/2.i" in values
    labels = {o["value"]: o["text"]["text"] for o in options}
    assert labels["2025-2027/2.i"].startswith("2025-2027 2.i. Hold an annual ITAG event")
    assert labels["2025-2027/p1"].startswith("2025-2027 • Evidence: build a shared")  # no invented label
    assert labels["2022-2024/MC12"].startswith("2022-2024 • WTO 12th Ministerial Conference")
    assert submit(slack, view, **{**VALID, "plan_ref": "2025-2027/2.i"}).body == b""
    text = _answer(slack, "plan 2025-2027 2.i")
    assert "Hold an annual ITAG event at the WTO Public Forum." in text
    assert (
        "*Coming or not yet dated (1)*" in text
        and "14 May 2027, 15:00 in Geneva — Webinar on trade and gender" in text
    )
    assert "No activity is linked" not in text
    assert "No activity is linked to this item yet." in _answer(slack, "plan 2025-2027 9")
