"""The programme text as a fixture: find the line a stated fact comes from."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from domain.dates import DateSpec

TEXT_FILE = Path(__file__).with_name("fixtures") / "itag_work_programme_2022_2024.txt"
LINES = TEXT_FILE.read_text(encoding="utf-8").splitlines()


def norm(text: str) -> str:
    """Compare words, not typography: no markup, commas, dash kinds, case or spacing."""
    text = text.replace("**", "").replace("–", "-").replace(",", "").lower()
    return " ".join(text.split())


NORMALISED = [norm(line) for line in LINES]


def lines_with(*fragments: str) -> list[int]:
    """Indexes of the lines holding every fragment."""
    wanted = [norm(f) for f in fragments if f]
    return [i for i, line in enumerate(NORMALISED) if all(w in line for w in wanted)]


def the_line(*fragments: str) -> int:
    """The one line holding every fragment; fails the test when there is none."""
    found = lines_with(*fragments)
    assert found, f"no line of the programme text holds {fragments!r}"
    return found[0]


def text_date(spec: DateSpec) -> str:
    """A date the way the text writes it: 'January 30 2019', 'October 8-10 2019', 'March 2019'."""
    start = spec.start
    assert start is not None
    if spec.precision == "month":
        return f"{start:%B} {start.year}"
    if spec.end and spec.end != start:
        return f"{start:%B} {start.day}-{spec.end.day} {start.year}"
    return f"{start:%B} {start.day} {start.year}"


def without_quotes(line: str) -> str:
    """The line with quoted titles taken out: a name in a title is not a participant."""
    return re.sub(r"\"[^\"]*\"", "", line)


def day(text: str) -> date:
    return date.fromisoformat(text)
