"""Dates keep their precision; windows and kinds read the way people type them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from dateutil.relativedelta import relativedelta

from domain.dates import DateSpec, format_spec, local_today, parse_window, start_instant
from domain.kinds import find_kind, parse_kind


@pytest.mark.parametrize(
    ("spec", "shown"),
    [
        (DateSpec(date(2019, 1, 30)), "30 January 2019"),
        (DateSpec(date(2019, 10, 8), date(2019, 10, 10)), "8\u2009–\u200910 October 2019"),
        (DateSpec(date(2019, 9, 30), date(2019, 10, 2)), "30 September\u2009–\u20092 October 2019"),
        (DateSpec(date(2019, 12, 30), date(2020, 1, 2)), "30 December 2019\u2009–\u20092 January 2020"),
        (DateSpec(date(2019, 3, 1), precision="month"), "March 2019"),
        (DateSpec(date(2022, 1, 1), precision="year"), "2022"),
        (DateSpec.undated(), "date to be set"),
    ],
)
def test_format_keeps_precision(spec: DateSpec, shown: str) -> None:
    assert format_spec(spec) == shown


def test_last_day_of_a_month_spec() -> None:
    assert DateSpec(date(2024, 2, 1), precision="month").last_day == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("90d", relativedelta(days=90)),
        ("6 months", relativedelta(months=6)),
        ("2w", relativedelta(weeks=2)),
        ("1y", relativedelta(years=1)),
        ("ministerial", None),
        ("90", None),
    ],
)
def test_parse_window(text: str, window: relativedelta | None) -> None:
    assert parse_window(text) == window


def test_start_instant_uses_the_activitys_zone_across_dst() -> None:
    winter = start_instant(date(2027, 3, 27), time(9, 0), "Europe/Zurich")
    summer = start_instant(date(2027, 3, 29), time(9, 0), "Europe/Zurich")
    assert (winter.hour, summer.hour) == (8, 7)


def test_local_today_depends_on_the_zone() -> None:
    now = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)
    assert local_today(now, "Pacific/Auckland") == date(2026, 11, 29)
    assert local_today(now, "America/Mexico_City") == date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ministerial", "ministerial"),
        ("WTO Public Forum", "wto_public_forum"),
        ("forum", "wto_public_forum"),
        ("caucus", "wto_caucus"),
        ("ministerial conference", "wto_ministerial"),
        ("webinars", "webinar"),
        ("potluck", None),
    ],
)
def test_parse_kind(text: str, kind: str | None) -> None:
    assert parse_kind(text) == kind


def test_find_kind_inside_free_text_prefers_the_longest_phrase() -> None:
    assert find_kind("Side event at the WTO Public Forum in Geneva") == (
        "wto_public_forum",
        "wto public forum",
    )
    assert find_kind("Ministerial meeting in Auckland") == ("ministerial", "ministerial meeting")
