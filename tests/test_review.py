"""/itag review and `itag-bot review`: per item what was held (dates, places, members), what is
planned or undated, items with nothing done, totals; paged within 50 blocks; shareable."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from bot.cli import main
from bot.services import Services
from domain.outline import read_outline
from handlers import ids
from storage.programme_writes import import_outline
from tests.conftest import FIXED_NOW
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.slack_requests import SlackSender
from tests.test_programme_facts import _answer, _texts


def test_review_of_the_2022_2024_programme(slack: SlackSender) -> None:
    reply = slack.command("review 2022-2024").json()
    assert len(reply["blocks"]) <= 50
    text = _texts(reply["blocks"])
    part = text[text.index("*2.i Commit to work together") :]
    assert part.index("✓ September 2022 — Session") < part.index(
        "Undated: date to be set — Annual ITAG event"
    )
    assert "WTO Public Forum, Geneva" in part
    assert "Per kind: WTO Public Forum session 1" in text and "Per year: 2022: 1" in text
    assert "Items with nothing held: 11 of 12" in text
    assert "Activities held in the period that no item claims: 5" in text  # Bangkok, ceremonies, ...
    assert "P3" not in text and "MSME webinar" not in text


def test_review_names_members_and_places_of_held_activities(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        import_outline(
            session,
            outline=read_outline((_fixture()).read_text()),
            actor="test",
            now=FIXED_NOW,
            apply=True,
        )
        add_activity(
            session,
            title="Gender chapters webinar",
            start=date(2026, 2, 3),
            hosts=("CL", "MX"),
            plan_ref="2025-2027/1.a",
            place="Santiago",
        )
        add_activity(
            session,
            title="Caucus in spring",
            kind="wto_caucus",
            start=date(2027, 4, 1),
            plan_ref="2025-2027/2",
        )
    text = _answer(slack, "review")  # the current programme
    assert "Review: Inclusive Trade Action Group (ITAG) – Work Programme 2025-2027" in text
    assert "✓ 3 February 2026 — Gender chapters webinar (Webinar) · Santiago · members: Chile, Mexico" in text
    assert "Planned: 1 April 2027 — Caucus in spring" in text
    assert "Items with nothing held: 19 of 20" in text


def test_a_long_review_pages_and_shares(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    outline = "# Big programme 2030-2032\n## Items\n" + "\n".join(
        f"{n}. Item number {n}." for n in range(1, 46)
    )
    with services.session_factory.begin() as session:
        import_outline(session, outline=read_outline(outline), actor="test", now=FIXED_NOW, apply=True)
    first = slack.command("review 2030-2032").json()
    assert len(first["blocks"]) <= 50
    text = _texts(first["blocks"])
    assert "Items 1–20 of 45." in text and "Item number 20." in text and "Item number 21." not in text
    assert "Totals of activities held" not in text
    more = next(
        e
        for b in first["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.MORE_RESULTS
    )
    assert json.loads(more["value"]) == {"q": "review 2030-2032", "o": 20}
    slack.action(ids.MORE_RESULTS, json.dumps({"q": "review 2030-2032", "o": 40}))
    last = next(
        c.body
        for c in fake_slack.wait_for("/response/r1")
        if "Items 41–45 of 45." in _texts(c.body.get("blocks", []))
    )
    assert "Totals of activities held" in _texts(last["blocks"]) and len(last["blocks"]) <= 50
    slack.action(ids.SHARE_ANSWER, json.dumps({"q": "review 2030-2032", "o": 0}))
    shared = fake_slack.wait_for("/response/r1", 2)
    assert any(c.body.get("response_type") == "in_channel" for c in shared)


def _fixture():  # type: ignore[no-untyped-def]
    from tests.test_plan_editing import NEXT

    return NEXT


def test_cli_review_as_csv_and_markdown(
    services: Services, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    assert main(["review", "2022-2024", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    held = [r for r in rows if r["status"] == "held"]
    assert [(r["item"], r["date"], r["place"]) for r in held] == [
        ("2.i", "September 2022", "WTO Public Forum, Geneva")
    ]
    assert {r["status"] for r in rows} == {"held", "undated", "nothing held"}
    assert not [r for r in rows if r["item"].startswith("P") or r["item"] in ("1.a", "3.a", "MC12")]
    out = tmp_path / "review.md"
    assert main(["review", "2022-2024", "--format", "md", "--output", str(out)]) == 0
    markdown = out.read_text()
    assert markdown.startswith("# Review: Inclusive Trade Action Group (ITAG) – Work Programme 2022-2024")
    assert "- Held: September 2022 — Session" in markdown and "| WTO Public Forum session | 1 |" in markdown
    assert main(["review", "2040-2042"]) == 2
    assert "No 2040-2042 programme is recorded" in capsys.readouterr().err
