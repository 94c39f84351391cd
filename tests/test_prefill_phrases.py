"""Announcements as officials write them, in English, Spanish and French, and what each pre-fills.

Every field is checked; an empty field is the right answer where the text leaves it in doubt.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.prefill import read_message, read_text

TODAY = date(2026, 11, 29)
D, T = date, time
NY, ZRH, AKL, SCL, LIM, YOW = (
    "America/New_York",
    "Europe/Zurich",
    "Pacific/Auckland",
    "America/Santiago",
    "America/Lima",
    "America/Toronto",
)

# text, title, kind, start, end, precision, time, zone, place
PHRASES: list[tuple[str, str, str, date | None, date | None, str, time | None, str | None, str | None]] = [
    # English
    ("Ministerial meeting in Auckland on 14 May 2027", "Ministerial meeting", "ministerial",
     D(2027, 5, 14), None, "day", None, AKL, "Auckland"),
    ("Thanks to all who joined the webinar on 25 November", "Thanks to all who joined the webinar",
     "webinar", D(2026, 11, 25), None, "day", None, None, None),
    ("Webinar on 25 November", "Webinar on 25 November", "webinar", None, None, "day", None, None, None),
    ("September 30 – October 3, 2028: WTO Public Forum", "WTO Public Forum", "wto_public_forum",
     D(2028, 9, 30), D(2028, 10, 3), "day", None, None, None),
    ("USD 1.25 million for inclusive trade; launch on 3 March 2027", "Launch", "launch",
     D(2027, 3, 3), None, "day", None, None, None),
    ("Registration closes 1 May 2027; the meeting is on 14 May 2027", "Meeting", "other",
     D(2027, 5, 14), None, "day", None, None, None),
    ("Caucus postponed from 3 June to 10 June 2027", "Caucus postponed", "wto_caucus",
     D(2027, 6, 10), None, "day", None, None, None),
    ("Workshop from 3 to 5 June 2027", "Workshop", "workshop", D(2027, 6, 3), D(2027, 6, 5), "day",
     None, None, None),
    ("Webinar on 20 May 2027 at 10:00 a.m. EDT", "Webinar", "webinar", D(2027, 5, 20), None, "day",
     T(10, 0), NY, None),
    # EDT is not in force on 3 March 2027: which hour was meant is not sure.
    ("Webinar on 3 March 2027 at 10:00 a.m. EDT", "Webinar", "webinar", D(2027, 3, 3), None, "day",
     None, None, None),
    ("Webinar 14 May 2027 at 9 am PST", "Webinar", "webinar", D(2027, 5, 14), None, "day", None, None, None),
    ("Caucus meeting at 15:00 CST on 3 March 2027", "Caucus meeting", "wto_caucus", D(2027, 3, 3), None,
     "day", None, None, None),
    ("Caucus 15:00 ET, 20 May 2027", "Caucus", "wto_caucus", D(2027, 5, 20), None, "day", T(15, 0), NY, None),
    ("Session at 10:00 (UTC-3) on 9 June 2027", "Session", "other", D(2027, 6, 9), None, "day",
     T(10, 0), "Etc/GMT+3", None),
    ("Webinar in English and Spanish, 9 June 2027", "Webinar in English and Spanish", "webinar",
     D(2027, 6, 9), None, "day", None, None, None),
    ("Climate Week NYC side event, 22 September 2027", "Climate Week NYC side event", "other",
     D(2027, 9, 22), None, "day", None, NY, "NYC"),
    ("WTO Public Forum: ITAG session, September 2027", "WTO Public Forum: ITAG session", "wto_public_forum",
     D(2027, 9, 1), None, "month", None, None, None),
    ("Thank you for joining us on 25 November at 15:00 CET", "Thank you for joining us", "other",
     D(2026, 11, 25), None, "day", T(15, 0), ZRH, None),
    ("Version 2.10 of the toolkit will be presented at the webinar on 12 May 2027",
     "Version 2.10 of the toolkit will be presented at the webinar", "webinar", D(2027, 5, 12), None, "day",
     None, None, None),
    ("Launch of the report, 5 June 2027, 9:30–11:00 (Ottawa time)", "Launch of the report", "launch",
     D(2027, 6, 5), None, "day", T(9, 30), YOW, None),
    ("Officials meeting, 2027-02-02, 14:00 UTC", "Officials meeting", "officials_meeting", D(2027, 2, 2),
     None, "day", T(14, 0), "UTC", None),
    ("Meeting on 5/6/2027", "Meeting on 5/6/2027", "other", None, None, "day", None, None, None),
    ("Ministerial in Auckland, 2 December 2026, 10:00 NZDT", "Ministerial", "ministerial", D(2026, 12, 2),
     None, "day", T(10, 0), AKL, "Auckland"),
    ("Join us for a webinar on December 10", "Join us for a webinar", "webinar", D(2026, 12, 10), None,
     "day", None, None, None),
    ("Workshop 30 December – 2 January", "Workshop", "workshop", D(2026, 12, 30), D(2027, 1, 2), "day",
     None, None, None),
    ("Webinar 31 December 2027 – 2 January 2028", "Webinar", "webinar", D(2027, 12, 31), D(2028, 1, 2),
     "day", None, None, None),
    ("Webinar at 3pm", "Webinar at 3pm", "webinar", None, None, "day", None, None, None),
    ("Webinar 31 November 2027", "Webinar 31 November 2027", "webinar", None, None, "day", None, None, None),
    ("ITAG side event at MC14, 26 March 2028", "ITAG side event at MC14", "wto_ministerial",
     D(2028, 3, 26), None, "day", None, None, None),
    ("APEC Business Forum, 12 May 2027 in Lima", "APEC Business Forum", "other", D(2027, 5, 12), None,
     "day", None, LIM, "Lima"),
    # Spanish
    ("Reunión ministerial el 14 de mayo de 2027 en Santiago", "Reunión ministerial", "ministerial",
     D(2027, 5, 14), None, "day", None, SCL, "Santiago"),
    ("Seminario web sobre comercio inclusivo, 9 de junio de 2027 a las 10:00 hora de Santiago",
     "Seminario web sobre comercio inclusivo", "webinar", D(2027, 6, 9), None, "day", T(10, 0), SCL, None),
    ("Taller del 30 de septiembre al 3 de octubre de 2027 en Lima", "Taller", "workshop", D(2027, 9, 30),
     D(2027, 10, 3), "day", None, LIM, "Lima"),
    ("Gracias a todos los que participaron en el seminario del 25 de noviembre",
     "Gracias a todos los que participaron en el seminario", "seminar", D(2026, 11, 25), None, "day",
     None, None, None),
    ("El taller se pospone del 3 de junio al 10 de junio de 2027", "Taller se pospone", "workshop",
     D(2027, 6, 10), None, "day", None, None, None),
    ("Las inscripciones cierran el 1 de mayo de 2027; el taller será el 14 de mayo de 2027", "Taller",
     "workshop", D(2027, 5, 14), None, "day", None, None, None),
    ("Foro Público de la OMC, septiembre de 2027", "Foro Público de la OMC", "wto_public_forum",
     D(2027, 9, 1), None, "month", None, None, None),
    ("Webinar con 1.250 participantes el 3 de marzo de 2027", "Webinar con 1.250 participantes", "webinar",
     D(2027, 3, 3), None, "day", None, None, None),
    # French
    ("Séminaire le 14 mai 2027 à Genève", "Séminaire", "seminar", D(2027, 5, 14), None, "day", None, ZRH,
     "Genève"),
    ("Atelier du 30 septembre au 3 octobre 2028 à Ottawa", "Atelier", "workshop", D(2028, 9, 30),
     D(2028, 10, 3), "day", None, YOW, "Ottawa"),
    ("Merci à tous ceux qui ont participé au webinaire du 25 novembre",
     "Merci à tous ceux qui ont participé au webinaire", "webinar", D(2026, 11, 25), None, "day", None,
     None, None),
    ("Webinaire le 3 mars 2027 à 15h CET", "Webinaire", "webinar", D(2027, 3, 3), None, "day", T(15, 0), ZRH,
     None),
    ("La réunion est reportée du 3 juin au 10 juin 2027", "Réunion est reportée", "other", D(2027, 6, 10),
     None, "day", None, None, None),
    ("Les inscriptions se terminent le 1er mai 2027 ; la réunion aura lieu le 14 mai 2027", "Réunion",
     "other", D(2027, 5, 14), None, "day", None, None, None),
    ("Forum public de l'OMC, septembre 2027", "Forum public de l'OMC", "wto_public_forum", D(2027, 9, 1),
     None, "month", None, None, None),
    ("Cérémonie le 14 juillet à 10 h 30", "Cérémonie", "ceremony", D(2027, 7, 14), None, "day", T(10, 30),
     None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "title", "kind", "start", "end", "precision", "at", "zone", "place"),
    PHRASES,
    ids=[p[0][:40] for p in PHRASES],
)
def test_an_announcement_prefills_what_it_says_for_sure(
    text: str,
    title: str,
    kind: str,
    start: date | None,
    end: date | None,
    precision: str,
    at: time | None,
    zone: str | None,
    place: str | None,
) -> None:
    draft = read_text(text, today=TODAY)
    got = (
        draft.title,
        draft.kind,
        draft.start,
        draft.end,
        draft.precision,
        draft.at,
        draft.zone,
        draft.place,
    )
    assert got == (title, kind, start, end, precision, at, zone, place)


def test_the_table_covers_three_languages_and_thirty_phrases() -> None:
    assert len(PHRASES) >= 30
    assert sum(1 for p in PHRASES if " de 20" in p[0] or "Gracias" in p[0]) >= 5
    assert sum(1 for p in PHRASES if " le " in p[0] or "Merci" in p[0] or " du " in p[0]) >= 5


def test_a_message_takes_its_date_from_any_line_and_keeps_the_event_date() -> None:
    message = (
        "*ITAG webinar on services*\nRegistration closes 1 May 2027.\n"
        "The webinar is on 14 May 2027 at 15:00 CEST."
    )
    draft = read_message(message, today=TODAY)
    assert (draft.title, draft.kind, draft.start, draft.at, draft.zone) == (
        "ITAG webinar on services",
        "webinar",
        D(2027, 5, 14),
        T(15, 0),
        ZRH,
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Register by 1 May 2027 for the workshop on 14 May 2027", D(2027, 5, 14)),
        ("The workshop is on 14 May 2027; registration closes 1 May 2027", D(2027, 5, 14)),
        ("Deadline: 1 May 2027", None),
        ("Inscripciones hasta el 1 de mayo de 2027", None),
        ("Date limite : 1er mai 2027. Atelier le 14 mai 2027", D(2027, 5, 14)),
    ],
)
def test_a_deadline_does_not_date_the_event(text: str, start: date | None) -> None:
    assert read_text(text, today=TODAY).start == start


def test_cities_in_two_zones_give_the_place_but_no_zone() -> None:
    draft = read_text("Hybrid workshop in Geneva and Santiago, 3 March 2027 at 10:00", today=TODAY)
    assert (draft.place, draft.zone, draft.at) == ("Geneva", None, T(10, 0))
    draft = read_text("Hybrid workshop in Geneva and Santiago, 3 March 2027 at 10:00 CET", today=TODAY)
    assert (draft.zone, draft.at) == (ZRH, T(10, 0))
