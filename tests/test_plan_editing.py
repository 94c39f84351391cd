"""Programmes as data: the outline import (CLI), the editors' forms over signed HTTP, audit,
permissions and double submits, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.services import Services, seed_programme
from handlers import ids
from storage.models import Activity, PlanItem, Programme, RecordAudit
from tests.conftest import EDITOR
from tests.fake_slack import FakeSlack
from tests.form_payloads import _initial, _state, view_submission
from tests.slack_requests import Response, SlackSender
from tests.test_programme_facts import _answer

NEXT = Path(__file__).with_name("fixtures") / "itag_work_programme_2025_2027.md"


def _cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], services: Services, *args: str
) -> str:
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ITAG_TIMEZONE", "UTC")
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _count(services: Services, model: Any, *where: Any) -> int:
    with services.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_import_dry_run_then_import_then_nothing_to_change(
    services: Services,
    slack: SlackSender,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dry = _cli(monkeypatch, capsys, services, "plan", "import", str(NEXT), "--dry-run")
    assert "would add programme 2025-2027" in dry and "would add item 2.ii" in dry and "nothing stored" in dry
    assert _count(services, Programme, Programme.period == "2025-2027") == 0
    done = _cli(monkeypatch, capsys, services, "plan", "import", str(NEXT))
    assert "programme 2025-2027: 21 change(s) stored" in done  # the programme and its 20 items
    with services.session_factory() as session:
        items = {i.ref: i for i in session.scalars(select(PlanItem).where(PlanItem.plan == "2025-2027"))}
    assert len([i for i in items.values() if i.parent_ref is None]) == 14  # 4 objectives and 10 items
    assert items["2.ii"].parent_ref == "2" and items["5.p1"].numbered is False
    assert items["10"].title == "Three Year Review" and "ministers' report" in items["10"].body
    again = _cli(monkeypatch, capsys, services, "plan", "import", str(NEXT))
    assert "programme 2025-2027: nothing to change" in again
    assert _count(services, PlanItem, PlanItem.plan == "2025-2027") == 20
    text = _answer(slack, "plan")  # today (28 November 2026) is inside 2025-2027
    assert "Work Programme 2025-2027" in text and "Period 2025–2027 (current)." in text
    assert "ended in December 2024" not in text
    assert "*Objectives*" in text and "• *Evidence:* build a shared evidence base" in text
    assert "*10.* *Three Year Review:*" in text


def test_a_changed_outline_shows_its_changes_and_keeps_items_it_no_longer_lists(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _cli(monkeypatch, capsys, services, "plan", "import", str(NEXT))
    changed = (
        NEXT.read_text()
        .replace("at least twice a year", "three times a year")
        .replace(
            "10. **Three Year Review:** review in 2027 what this programme achieved, item by item, for the\n"
            "    ministers' report.\n",
            "",
        )
    )
    path = tmp_path / "next.md"
    path.write_text(changed)
    out = _cli(monkeypatch, capsys, services, "plan", "import", str(path), "--dry-run")
    assert "would change item 2: body" in out
    assert "item 10 is on record but not in next.md: kept" in out
    with services.session_factory() as session:
        body = session.scalars(
            select(PlanItem.body).where(PlanItem.plan == "2025-2027", PlanItem.ref == "2")
        ).one()
    assert "twice a year" in body  # a dry run stores nothing


def test_a_bad_outline_names_its_lines_and_imports_nothing(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.md"
    path.write_text("# A programme without a period\n\n1. First\n1. First again\n   a. fine\n")
    monkeypatch.setenv("DATABASE_URL", services.settings.database_url)
    assert main(["plan", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "bad.md: line 1: the title must give the period" in err
    assert "bad.md: line 4: item 1 is numbered twice (also line 3)" in err and "nothing imported" in err
    assert _count(services, Programme) == 2


def test_seeding_again_never_overwrites_what_editors_changed(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack, "plan edit 2022-2024 2.i", user=EDITOR)
    assert _submit(slack, view, user=EDITOR, view_id="V0RENUM", ref="2.iii").body == b""
    seed_programme(services)
    with services.session_factory() as session:
        refs = set(session.scalars(select(PlanItem.ref).where(PlanItem.plan == "2022-2024")))
    assert "2.iii" in refs and "2.i" not in refs


# ------------------------------------------------------------------ forms


def _open(slack: SlackSender, fake_slack: FakeSlack, text: str, *, user: str) -> dict[str, Any]:
    count = len(fake_slack.calls_to("views.open")) + 1
    assert slack.command(text, user=user).status == 200
    return fake_slack.wait_for("views.open", count)[-1].body["view"]  # type: ignore[no-any-return]


def _values(view: dict[str, Any], **changes: Any) -> dict[str, Any]:
    names = {block: name for name, block in {**ids.PROGRAMME_BLOCKS, **ids.PLAN_ITEM_BLOCKS}.items()}
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] == "input":
            name, element = names[block["block_id"]], block["element"]
            value = changes[name] if name in changes else _initial(element)
            values[block["block_id"]] = {element["action_id"]: _state(element, value)}
    return values


def _submit(slack: SlackSender, view: dict[str, Any], *, user: str, view_id: str, **changes: Any) -> Response:
    return slack.payload(view_submission(view, _values(view, **changes), user=user, view_id=view_id))


OUTLINE = (
    "## Points of engagement 2031-2033\n1. **Caucus:** meet at the WTO.\n   a. Twice a year.\n- A point."
)


def test_only_editors_may_add_a_programme_and_others_are_told_who_may(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    reply = _answer(slack, "plan new", user="U0ALICE")
    assert "Only ITAG editors can add or change programmes" in reply and f"<@{EDITOR}>" in reply
    assert not fake_slack.calls_to("views.open")
    view = _open(slack, fake_slack, "plan new", user=EDITOR)
    assert view["callback_id"] == ids.PROGRAMME_FORM and len(view["title"]["text"]) <= 24
    forged = _submit(
        slack, view, user="U0ALICE", view_id="V0FORGED", title="T 2031-2033", start="2031", end="2033"
    )
    assert "Only ITAG editors" in forged.json()["errors"][ids.PROGRAMME_BLOCKS["title"]]
    assert _count(services, Programme, Programme.period == "2031-2033") == 0
    assert _count(services, RecordAudit) == 0


def test_editor_adds_a_programme_once_even_when_submitted_twice(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack, "plan new", user=EDITOR)
    bad = _submit(
        slack, view, user=EDITOR, view_id="V0NEW", title="T", start="2033", end="2031", outline="1. x\n1. y"
    )
    errors = bad.json()["errors"]
    assert errors[ids.PROGRAMME_BLOCKS["end"]] == "The last year is before the first."
    assert "line 2: item 1 is numbered twice" in errors[ids.PROGRAMME_BLOCKS["outline"]]
    fields = {"title": "ITAG Work Programme 2031-2033", "start": "2031", "end": "2033", "outline": OUTLINE}
    for _ in range(2):  # Slack may deliver a submission twice
        assert _submit(slack, view, user=EDITOR, view_id="V0NEW", **fields).body == b""
    assert _count(services, Programme, Programme.period == "2031-2033") == 1
    assert _count(services, PlanItem, PlanItem.plan == "2031-2033") == 3
    note = fake_slack.wait_for("/response/r1")[0].body
    assert "Programme 2031-2033 added with 3 items" in note["text"]
    again = _submit(slack, view, user=EDITOR, view_id="V0OTHER", **fields)
    assert "recorded already" in again.json()["errors"][ids.PROGRAMME_BLOCKS["start"]]
    history = _answer(slack, "history 2031-2033")
    assert f"<@{EDITOR}> · create · 2031-2033" in history and "2031-2033/1.a" in history
    assert "*1.* *Caucus:* meet at the WTO." in _answer(slack, "plan 2031-2033")


def test_editor_renumbers_an_item_and_its_activities_follow(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack, "plan edit 2022-2024 2.i", user=EDITOR)
    initial = _values(view)[ids.PLAN_ITEM_BLOCKS["ref"]][ids.PLAN_ACTION]["value"]
    assert initial == "2.i"
    taken = _submit(slack, view, user=EDITOR, view_id="V0E", ref="2.ii")
    assert taken.json()["errors"][ids.PLAN_ITEM_BLOCKS["ref"]] == "2022-2024 already has an item 2.ii."
    orphan = _submit(slack, view, user=EDITOR, view_id="V0E", ref="7.i")
    assert "has no item 7 to sit under" in orphan.json()["errors"][ids.PLAN_ITEM_BLOCKS["ref"]]
    for _ in range(2):
        assert _submit(slack, view, user=EDITOR, view_id="V0E", ref="2.iii").body == b""
    with services.session_factory() as session:
        links = set(
            session.scalars(select(Activity.plan_ref).where(Activity.plan_ref.like("2022-2024/2.i%")))
        )
    assert links == {"2022-2024/2.ii", "2022-2024/2.iii"}
    text = _answer(slack, "plan 2022-2024 2.iii")
    assert "Commit to work together to hold an annual ITAG event at the WTO public forum." in text
    assert (
        "Done (1)* — the last on September 2022" in text and "Supporting underrepresented exporters" in text
    )
    history = _answer(slack, "history 2022-2024")
    assert "· edit · 2022-2024/2.i" in history and "Number: “2.i” → “2.iii”" in history
    assert _count(services, RecordAudit) == 2  # one edit and one renumber entry; the repeat added none


def test_editor_retires_an_item_and_a_non_editors_forged_edit_changes_nothing(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    view = _open(slack, fake_slack, "plan edit 2022-2024 three year review", user=EDITOR)
    forged = _submit(slack, view, user="U0ALICE", view_id="V0F", status="retired", body="Hijacked")
    assert "Only ITAG editors" in forged.json()["errors"][ids.PLAN_ITEM_BLOCKS["body"]]
    assert "Three Year Review:" in _answer(slack, "plan 2022-2024")
    assert _submit(slack, view, user=EDITOR, view_id="V0R", status="retired").body == b""
    text = _answer(slack, "plan 2022-2024")
    assert "Three Year Review:" not in text and "GTAGA promotion:" in text
    assert "· retire · 2022-2024/4.c" in _answer(slack, "history 2022-2024 4.c")
    assert "Hijacked" not in _answer(slack, "history 2022-2024")


def test_editor_adds_an_unnumbered_point_once(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    assert "Only ITAG editors" in _answer(slack, "plan add 2022-2024", user="U0ALICE")
    view = _open(slack, fake_slack, "plan add 2022-2024", user=EDITOR)
    missing = _submit(slack, view, user=EDITOR, view_id="V0ADD", under="9")
    errors = missing.json()["errors"]
    assert "Give the item its wording" in errors[ids.PLAN_ITEM_BLOCKS["body"]]
    for _ in range(2):
        assert (
            _submit(slack, view, user=EDITOR, view_id="V0ADD", under="4", lead="MC13", body="Prepare.").body
            == b""
        )
    assert _count(services, PlanItem, PlanItem.plan == "2022-2024", PlanItem.parent_ref == "4") == 4
    text = _answer(slack, "plan 2022-2024")
    assert "• *MC13:* Prepare." in text and "V0ADD" not in text
