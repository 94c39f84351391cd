"""Guessing a kind from words and a zone from a place: whole words from a stated table, or nothing."""

from __future__ import annotations

import pytest

from domain.kinds import find_kind, parse_kind
from domain.places import zone_for_place


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("WTO Public Forum: ITAG session", "wto_public_forum"),
        ("WTO-Public-Forum session", "wto_public_forum"),
        ("(WTO Public Forum) ITAG panel", "wto_public_forum"),
        ("ITAG at the WTO Public Forum.", "wto_public_forum"),
        ("Foro Público de la OMC", "wto_public_forum"),
        ("Forum public de l'OMC", "wto_public_forum"),
        ("APEC Business Forum", None),
        ("Forum on trade and gender", None),
        ("MC14 side event", "wto_ministerial"),
        ("ITAG at MC-14", "wto_ministerial"),
        ("Side event, MC 14, Yaoundé", "wto_ministerial"),
        ("Ministerial Conference side event", "wto_ministerial"),
        ("Conférence ministérielle de l'OMC", "wto_ministerial"),
        ("Ministerial meeting in Auckland", "ministerial"),
        ("Reunión ministerial", "ministerial"),
        ("Webinar for officials", "webinar"),
        ("Webinar with ministers", "webinar"),
        ("Taller sobre género", "workshop"),
        ("Relaunch of the group", None),
        ("Webinar ahead of MC14", "webinar"),
        ("Potluck", None),
    ],
)
def test_a_kind_is_read_from_whole_words_in_any_punctuation(text: str, kind: str | None) -> None:
    found = find_kind(text)
    assert (found[0] if found else None) == kind


def test_a_command_word_still_names_its_kind() -> None:
    assert parse_kind("forum") == "wto_public_forum"
    assert parse_kind("mc") == "wto_ministerial"
    assert parse_kind("officials' meeting") == "officials_meeting"
    assert parse_kind("wto_public_forum") == "wto_public_forum"
    assert parse_kind("APEC forum") is None


@pytest.mark.parametrize(
    ("place", "zone"),
    [
        ("Climate Week NYC", "America/New_York"),
        ("Climate House", None),
        ("Geneva", "Europe/Zurich"),
        ("Genève", "Europe/Zurich"),
        ("Ginebra, Suiza", "Europe/Zurich"),
        ("WTO, Centre William Rappard, Geneva", "Europe/Zurich"),
        ("Lima, Peru", "America/Lima"),
        ("Palimar Hotel", None),
        ("Bogotá", "America/Bogota"),
        ("Santiago de Chile", "America/Santiago"),
        ("Geneva and Santiago (hybrid)", None),
        ("Online", None),
        ("", None),
    ],
)
def test_a_zone_comes_from_a_whole_city_name_in_the_table(place: str, zone: str | None) -> None:
    assert zone_for_place(place) == zone
