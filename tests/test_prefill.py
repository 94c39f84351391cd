"""Reading free text into a draft, and the rules a draft must meet (domain only, no I/O)."""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.drafts import Draft, Known, check, may_change
from domain.prefill import read_message, read_text

TODAY = date(2026, 11, 28)
KNOWN = Known(members=frozenset({"CL", "MX"}), plan_refs=frozenset({"2022-2024/2.i"}))


@pytest.mark.parametrize(
    ("text", "title", "kind", "start", "end", "place"),
    [
        (
            "Ministerial meeting in Auckland on 14 May 2027",
            "Ministerial meeting",
            "ministerial",
            date(2027, 5, 14),
            None,
            "Auckland",
        ),
        (
            "WTO Public Forum 14-16 May 2027",
            "WTO Public Forum",
            "wto_public_forum",
            date(2027, 5, 14),
            date(2027, 5, 16),
            None,
        ),
        (
            "Workshop 30 May - 2 June 2027 in Mexico City",
            "Workshop",
            "workshop",
            date(2027, 5, 30),
            date(2027, 6, 2),
            "Mexico City",
        ),
        ("Seminar May 14-16, 2027", "Seminar", "seminar", date(2027, 5, 14), date(2027, 5, 16), None),
        ("Geneva caucus 2027-02-02", "Geneva caucus", "wto_caucus", date(2027, 2, 2), None, "Geneva"),
        ("Webinar on MSMEs", "Webinar on MSMEs", "webinar", None, None, None),
        ("Workshop in May", "Workshop in May", "workshop", None, None, None),
    ],
)
def test_free_text_fills_what_it_names(
    text: str, title: str, kind: str, start: date | None, end: date | None, place: str | None
) -> None:
    draft = read_text(text, today=TODAY)
    assert (draft.title, draft.kind, draft.start, draft.end, draft.place) == (title, kind, start, end, place)


def test_a_date_without_a_year_is_the_next_one() -> None:
    assert read_text("Caucus 3 January", today=TODAY).start == date(2027, 1, 3)
    assert read_text("Caucus 3 December", today=TODAY).start == date(2026, 12, 3)


def test_a_time_is_read_only_beside_a_date() -> None:
    assert read_text("Webinar 3 March 2027 at 3pm", today=TODAY).at == time(15, 0)
    assert read_text("Seminar 12 May 2027 at 9.30am", today=TODAY).at == time(9, 30)
    assert read_text("Webinar at 3pm", today=TODAY).at is None


def test_the_place_gives_the_zone() -> None:
    assert read_text("Caucus in Geneva 2 February 2027", today=TODAY).zone == "Europe/Zurich"
    assert read_text("Caucus in Springfield 2 February 2027", today=TODAY).zone is None


def test_a_message_gives_title_link_and_description() -> None:
    draft = read_message(
        "*Launch* of the report\n<https://example.org/r|Read it> on 5 June 2027", today=TODAY
    )
    assert (draft.title, draft.kind, draft.start) == ("Launch of the report", "launch", date(2027, 6, 5))
    assert draft.link == "https://example.org/r"
    assert draft.description == "Launch of the report\nRead it (https://example.org/r) on 5 June 2027"


VALID = Draft(
    title="Caucus", kind="wto_caucus", start=date(2027, 2, 2), hosts=("CL",), plan_ref="2022-2024/2.i"
)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"kind": "party"}, "kind"),
        ({"end": date(2027, 2, 1)}, "end"),
        ({"start": None, "end": date(2027, 2, 3)}, "end"),
        ({"start": None, "at": time(10, 0)}, "at"),
        ({"start": date(2017, 12, 31)}, "start"),
        ({"start": date(2036, 11, 29)}, "start"),
        ({"zone": "Mars/Olympus"}, "zone"),
        ({"link": "www.example.org"}, "link"),
        ({"link": "https://exa mple.org"}, "link"),
        ({"hosts": ("XX",)}, "hosts"),
        ({"plan_ref": "2022-2024/9"}, "plan_ref"),
    ],
)
def test_each_rule_names_its_field(changes: dict[str, object], field: str) -> None:
    assert check(VALID, today=TODAY, known=KNOWN) == {}
    draft = Draft(**{**VALID.__dict__, **changes})  # type: ignore[arg-type]
    assert list(check(draft, today=TODAY, known=KNOWN)) == [field]


def test_who_may_change_an_activity() -> None:
    editors = frozenset({"U0EDITOR"})
    assert may_change("U0ALICE", "U0ALICE", editors)
    assert not may_change("U0BOB", "U0ALICE", editors)
    assert may_change("U0EDITOR", "U0ALICE", editors)
    assert may_change("U0EDITOR", None, editors) and not may_change("U0ALICE", None, editors)
