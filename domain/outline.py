"""A work programme written as a plain Markdown outline, read into items; problems name their line.

# ITAG Work Programme 2025-2027          <- title line, with the period
Background paragraph (optional).
## Objectives                            <- a headed list
Sentence introducing the list (optional).
- **Lead-in:** an unnumbered point
1. **Lead-in:** a numbered item
   a. a sub-item, numbered as the text numbers it (a., i., 1.)
   - an unnumbered sub-point
   a line indented under an item continues it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.i18n import _
from domain.programme import PERIOD

TITLE = re.compile(r"^#\s+(.+)$")
HEADING = re.compile(r"^##\s+(.+)$")
NUMBERED = re.compile(r"^(\s*)([0-9]{1,3}|[a-z]{1,2}|[ivx]{1,5})[.)]\s+(.+)$")
BULLET = re.compile(r"^(\s*)[-*+]\s+(.+)$")
LEAD = re.compile(r"^\*\*(.+?)(:?)\*\*(:?)\s*(.*)$")
PERIOD_IN_TITLE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
LIMITS = {"title": 300, "lead": 500, "body": 3000, "ref": 20}
MAX_ITEMS = 200


@dataclass(frozen=True)
class OutlineItem:
    """One item as the outline gives it; `numbered` False for a bullet (its ref is only an address)."""

    ref: str
    lead: str
    body: str
    numbered: bool
    section: int
    parent: str | None
    line: int


@dataclass
class Outline:
    """A whole programme read from an outline."""

    title: str = ""
    start_year: int = 0
    end_year: int = 0
    background: str = ""
    sections: list[dict[str, str]] = field(default_factory=list)
    items: list[OutlineItem] = field(default_factory=list)

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"


class OutlineError(ValueError):
    """The outline cannot be read; `problems` lists each as 'line N: what is wrong'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def split_lead(text: str) -> tuple[str, str]:
    """'**Lead:** rest' as ('Lead', 'rest'); a wholly bold line is all lead; plain text all body."""
    match = LEAD.match(text.strip())
    if not match:
        return "", text.strip()
    lead, rest = match.group(1).strip().rstrip(":"), match.group(4).strip()
    return lead, rest


def read_outline(text: str, *, require_title: bool = True) -> Outline:
    """The programme an outline describes; OutlineError listing every problem by line."""
    reader = _Reader(require_title)
    for number, raw in enumerate(text.splitlines(), start=1):
        reader.feed(number, raw.rstrip())
    return reader.finish()


@dataclass
class _Open:
    """An item still being read (continuation lines append to it)."""

    ref: str
    parts: list[str]
    numbered: bool
    section: int
    parent: str | None
    line: int
    indent: int


class _Reader:
    def __init__(self, require_title: bool) -> None:
        self.outline = Outline()
        self.require_title = require_title
        self.problems: list[str] = []
        self.items: list[_Open] = []
        self.prose: list[str] = []  # background or a section's intro, until the next item
        self.seen: dict[str, int] = {}
        self.bullets: dict[str | None, int] = {}

    def feed(self, number: int, line: str) -> None:
        if not line.strip():
            self._flush_prose()
            return
        if (title := TITLE.match(line)) and not HEADING.match(line):
            self._title(number, title.group(1).strip())
        elif heading := HEADING.match(line):
            self._flush_prose()
            self.outline.sections.append({"heading": heading.group(1).strip(), "intro": ""})
        elif numbered := NUMBERED.match(line):
            self._item(number, len(numbered.group(1).expandtabs(4)), numbered.group(2), numbered.group(3))
        elif bullet := BULLET.match(line):
            self._item(number, len(bullet.group(1).expandtabs(4)), None, bullet.group(2))
        elif self.items and line[:1].isspace():
            self.items[-1].parts.append(line.strip())
        elif self.items and not self.outline.sections:
            self.problems.append(
                _("line {number}: text after the items needs a `## Heading` above it").format(number=number)
            )
        else:
            self.prose.append(line.strip())

    def _title(self, number: int, title: str) -> None:
        if self.outline.title:
            self.problems.append(
                _("line {number}: a second title line; an outline holds one programme").format(number=number)
            )
            return
        period = PERIOD_IN_TITLE.search(title)
        if not period or not PERIOD.match(f"{period.group(1)}-{period.group(2)}"):
            self.problems.append(
                _("line {number}: the title must give the period, like “… 2025-2027”").format(number=number)
            )
        else:
            start, end = int(period.group(1)), int(period.group(2))
            if start > end or end - start > 10:
                self.problems.append(
                    _("line {number}: the period {start}-{end} is not a span of years").format(
                        number=number, start=start, end=end
                    )
                )
            self.outline.start_year, self.outline.end_year = start, end
        self.outline.title = title

    def _flush_prose(self) -> None:
        if not self.prose:
            return
        text = " ".join(self.prose)
        self.prose = []
        if self.outline.sections:
            section = self.outline.sections[-1]
            section["intro"] = f"{section['intro']}\n\n{text}".strip()
        else:
            self.outline.background = f"{self.outline.background}\n\n{text}".strip()

    def _item(self, number: int, indent: int, label: str | None, text: str) -> None:
        self._flush_prose()
        parent = self._parent(indent)
        if indent and parent is None:
            self.problems.append(
                _("line {number}: an indented item needs an item above it").format(number=number)
            )
            return
        if label is None:
            self.bullets[parent] = self.bullets.get(parent, 0) + 1
            ref = f"{parent}.p{self.bullets[parent]}" if parent else f"p{self.bullets[parent]}"
        else:
            ref = f"{parent}.{label}" if parent else label
            if ref in self.seen:
                self.problems.append(
                    _("line {number}: item {ref} is numbered twice (also line {other})").format(
                        number=number, ref=ref, other=self.seen[ref]
                    )
                )
                return
        self.seen[ref] = number
        section = max(len(self.outline.sections) - 1, 0)
        self.items.append(_Open(ref, [text.strip()], label is not None, section, parent, number, indent))

    def _parent(self, indent: int) -> str | None:
        if indent == 0:
            return None
        tops = [item for item in self.items if item.parent is None]
        return tops[-1].ref if tops else None

    def finish(self) -> Outline:
        self._flush_prose()
        if self.require_title and not self.outline.title:
            self.problems.insert(
                0, _("line 1: the outline must start with a title line: “# Title 2025-2027”")
            )
        if len(self.items) > MAX_ITEMS:
            self.problems.append(
                _("the outline has {count} items; at most {limit} are read").format(
                    count=len(self.items), limit=MAX_ITEMS
                )
            )
        for item in self.items:
            self.outline.items.append(self._checked(item))
        if self.problems:
            raise OutlineError(self.problems)
        return self.outline

    def _checked(self, item: _Open) -> OutlineItem:
        lead, body = split_lead(" ".join(item.parts))
        if not (lead or body):
            self.problems.append(_("line {number}: the item has no words").format(number=item.line))
        for name, value in (("lead", lead), ("body", body), ("ref", item.ref)):
            if len(value) > LIMITS[name]:
                self.problems.append(
                    _("line {number}: keep this to {limit} characters").format(
                        number=item.line, limit=LIMITS[name]
                    )
                )
        return OutlineItem(item.ref, lead, body, item.numbered, item.section, item.parent, item.line)
