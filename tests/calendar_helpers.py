"""Fetching calendars from the app under test, and what an independent reader makes of them."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from icalendar import Calendar

from tests.conftest import PUBLIC_URL
from tests.slack_requests import SlackSender


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def local(url: str, app_url: str) -> str:
    """A public calendar URL pointed at the app on loopback."""
    assert url.startswith(PUBLIC_URL), url
    return app_url + url[len(PUBLIC_URL) :]


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Fetched:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return Fetched(reply.status, dict(reply.headers.items()), reply.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, dict(error.headers.items()), error.read())


def feed_url(slack: SlackSender, *, user: str = "U0ALICE", text: str = "calendar") -> str:
    """The subscription URL `/itag calendar` shows (from its plain-text fallback)."""
    answer = slack.command(text, user=user).json()
    first = answer["text"].splitlines()[0]
    return first.split(": ", 1)[1]


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def rfc5545_problems(body: bytes) -> list[str]:
    """Structural RFC 5545 checks icalendar's parser does not make by itself."""
    problems = []
    lines = body.split(b"\r\n")
    if lines[-1] != b"" or b"\n" in body.replace(b"\r\n", b""):
        problems.append("lines must end in CRLF")
    problems += [f"line over 75 octets: {line[:40]!r}" for line in lines if len(line) > 75]
    calendar = parse(body)
    problems += [f"VCALENDAR lacks {p}" for p in ("VERSION", "PRODID") if p not in calendar]
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        problems += [f"VEVENT lacks {p}" for p in ("UID", "DTSTAMP", "DTSTART") if p not in event]
        if "DTEND" in event and "DURATION" in event:
            problems.append("DTEND and DURATION together")
        for name in ("DTSTART", "DTEND"):
            tzid = event[name].params.get("TZID") if name in event else None
            if tzid and tzid not in zones:
                problems.append(f"{name} uses TZID {tzid} with no VTIMEZONE")
        if "DTEND" in event and event["DTEND"].dt <= event["DTSTART"].dt:
            problems.append(f"{event['UID']}: DTEND not after DTSTART")
    return problems
