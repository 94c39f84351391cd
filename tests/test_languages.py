"""English, Spanish and French: catalogues complete, the Slack locale followed, /itag language obeyed."""

from __future__ import annotations

import json
import re
import string
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.services import Services
from domain.dates import DateSpec, format_spec
from domain.i18n import LANGUAGES, LOCALE_DIR, catalogue, speaking
from handlers import ids
from storage.db import make_engine, make_session_factory
from storage.subscriptions import subscribe
from tests.blockkit import assert_valid_message
from tests.conftest import EDITOR
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, errors_of, open_form, submit
from tests.reminder_helpers import pass_at, posts
from tests.slack_requests import SlackSender, block_action
from tests.test_plan_editing import _open, _submit

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def _source_messages() -> set[str]:
    """Every message id marked in the code, extracted now the way `pybabel extract` does."""
    found: set[str] = set()
    for folder in ("domain", "handlers", "bot"):
        keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, keywords=keywords, method_map=[("**.py", "python")]
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_in_the_code_has_a_translation(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "itag.po").open("rb") as handle:
        po = read_po(handle, locale=language)
    done = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in po
        if m.id
        and m.string
        and all(m.string if isinstance(m.string, tuple) else [m.string])
        and "fuzzy" not in m.flags
    }
    missing = sorted(_source_messages() - done)
    assert not missing, f"{language}: untranslated (run the extract/update commands in the README): {missing}"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_placeholders_and_mrkdwn(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "itag.po").open("rb") as handle:
        po = read_po(handle, locale=language)
    for message in po:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert _fields(text) == _fields(ids[-1]), (message.id, text)
            # Translations add no mrkdwn control characters and keep code spans and bold balanced.
            assert not re.search(r"[<>&]", text) or re.search(r"[<>&]", ids[-1]), text
            assert text.count("`") == ids[-1].count("`"), text
            assert text.count("*") == ids[-1].count("*"), text


def test_dates_come_from_cldr_in_each_language() -> None:
    may = DateSpec(date(2027, 5, 14))
    assert [format_spec(may, code) for code in ("en", "es", "fr")] == [
        "14 May 2027",
        "14 de mayo de 2027",
        "14 mai 2027",
    ]
    assert format_spec(DateSpec(date(2019, 3, 1), None, "month"), "es") == "marzo de 2019"
    assert format_spec(DateSpec(date(2019, 10, 8), date(2019, 10, 10)), "fr") == "8–10 octobre 2019"
    assert format_spec(DateSpec.undated(), "fr") == "date à fixer"


def test_plural_forms_follow_each_language() -> None:
    with speaking("fr"):
        assert catalogue("fr").ngettext("in {count} day", "in {count} days", 0) == "dans {count} jour"
    assert catalogue("es").ngettext("in {count} day", "in {count} days", 0) == "en {count} días"
    assert catalogue("es").ngettext("in {count} day", "in {count} days", 1) == "en {count} día"


def _texts(blocks: list[dict]) -> str:
    parts = [b["text"]["text"] for b in blocks if "text" in b]
    elements = [e for b in blocks for e in b.get("elements", [])]
    parts += [e["text"] for e in elements if isinstance(e.get("text"), str)]
    return "\n".join(parts)


def test_a_spanish_slack_user_gets_upcoming_in_spanish(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.user_locale["U0ANA"] = "es-LA"
    with services.session_factory.begin() as session:
        add_activity(session, title="Taller <!channel> & co", kind="workshop", start=date(2027, 5, 14))
    body = slack.command("upcoming", user="U0ANA").json()
    text = _texts(body["blocks"])
    assert "Próximas actividades" in text and "14 de mayo de 2027" in text and "Taller" in text
    assert "&lt;!channel&gt; &amp; co" in text and "<!channel>" not in text
    assert_valid_message(body["blocks"])
    (lookup,) = [c for c in fake_slack.calls_to("users.info") if c.body.get("user") == "U0ANA"]
    assert str(lookup.body.get("include_locale")).lower() in ("1", "true")
    # Cached: a second command asks Slack nothing more.
    slack.command("próximos", user="U0ANA")
    assert len([c for c in fake_slack.calls_to("users.info") if c.body.get("user") == "U0ANA"]) == 1


def test_french_synonyms_reach_the_same_commands(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.user_locale["U0LUC"] = "fr-FR"
    text = _texts(slack.command("passées 2019", user="U0LUC").json()["blocks"])
    assert "Activités passées en 2019" in text and "30 janvier 2019" in text


def test_language_override_wins_over_slack(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.user_locale["U0ANA"] = "es-ES"
    answer = slack.command("language fr", user="U0ANA").json()
    assert "Désormais je vous réponds en Français" in answer["text"]
    assert "Activités à venir" in _texts(slack.command("upcoming 5y", user="U0ANA").json()["blocks"]) or (
        "Rien de daté" in _texts(slack.command("upcoming 5y", user="U0ANA").json()["blocks"])
    )
    slack.command("idioma auto", user="U0ANA")
    assert "Te respondo en Español" in slack.command("language", user="U0ANA").json()["text"]


def test_a_spanish_user_gets_add_form_errors_in_spanish(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.user_locale["U0ANA"] = "es-LA"
    view = open_form(slack, fake_slack, user="U0ANA")
    errors = errors_of(submit(slack, view, user="U0ANA", **{**VALID, "title": " ", "start": "2040-01-01"}))
    assert "Ponle un título a la actividad." in errors.values()
    assert any("1 de enero de 2040 no puede ser correcto" in e for e in errors.values())


def test_a_spanish_subscriber_gets_the_reminder_dm_in_spanish(
    services: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    fake_slack.user_locale["U0ANA"] = "es-LA"
    with services.session_factory.begin() as session:
        add_activity(
            session, title="Reunión en Valparaíso", kind="ministerial", start=date(2026, 12, 4), at=time(9)
        )
        subscribe(session, user_id="U0ANA", target="kind:ministerial", now=now)
    pass_at(services, clock, now)
    dm = next(c for c in posts(fake_slack) if c.body["channel"] == "U0ANA")
    assert "Recordatorio — Reunión ministerial en 6 días" in _texts(dm.body["blocks"]) or (
        "Recordatorio" in dm.body["text"]
    )
    assert "4 de diciembre de 2026" in dm.body["text"]
    channel_post = next(c for c in posts(fake_slack) if c.body["channel"] == "C0REMIND")
    assert channel_post.body["text"].startswith("Reminder")  # the channel's language: English unless set


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_key_answers_stay_valid_block_kit_in_every_language(
    services: Services, slack: SlackSender, fake_slack: FakeSlack, language: str
) -> None:
    user = f"U0{language.upper()}USER"
    slack.command(f"language {language}", user=user)
    with services.session_factory.begin() as session:
        add_activity(
            session, title="A *bold* <@U123> `code`", kind="webinar", start=date(2027, 1, 5), at=time(9)
        )
    for command in (
        "upcoming",
        "past 2019",
        "search indigenous",
        "show 1",
        "help",
        "reminders",
        "language",
        "members",
    ):
        body = slack.command(command, user=user).json()
        assert_valid_message(body["blocks"])
        assert "<@U123>" not in _texts(body["blocks"])


def test_the_built_package_ships_compiled_catalogues(tmp_path: Path) -> None:
    """The build step every `pip install .` runs (build_py) writes .mo files that translate."""
    import gettext
    import subprocess
    import sys

    build = [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)]
    subprocess.run(build, check=True, cwd=ROOT, timeout=300, capture_output=True)
    for language, expected in (("es", "Próximas actividades"), ("fr", "Activités à venir")):
        compiled = tmp_path / "domain" / "locales" / language / "LC_MESSAGES" / "itag.mo"
        with compiled.open("rb") as handle:
            assert gettext.GNUTranslations(handle).gettext("Upcoming activities") == expected


def test_a_french_reader_gets_the_home_tab_in_french(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    from tests.test_home_tab import assert_valid_home, open_home, texts, wait_publish

    fake_slack.user_locale["U0LUC"] = "fr-CA"
    with services.session_factory.begin() as session:
        add_activity(session, title="Atelier à Genève", kind="workshop", start=date(2027, 5, 14))
    open_home(slack, user="U0LUC")
    view = wait_publish(fake_slack, "U0LUC", 1)
    assert_valid_home(view)
    shown = texts(view)
    assert "Prochaines activités" in shown and "14 mai 2027" in shown and "Atelier à Genève" in shown


def test_a_spanish_user_gets_the_unknown_button_answer_in_spanish(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.user_locale["U0ANA"] = "es-LA"
    assert slack.action("itag_no_such_button", "1", user="U0ANA").status == 200
    answer = fake_slack.wait_for("/response/r1")[0].body["text"]
    assert (
        answer
        == "Ese botón o formulario está desactualizado o ya no existe. Vuelve a ejecutar el comando `/itag`."
    )


def test_a_french_choice_reaches_the_stale_button_answer(slack: SlackSender, fake_slack: FakeSlack) -> None:
    slack.command("language fr", user="U0LUC")
    payload = block_action(ids.MORE_RESULTS, "not json", user="U0LUC", response_url=fake_slack.response_url())
    assert slack.payload(payload).status == 200
    assert "Ce bouton n’est plus à jour" in fake_slack.wait_for("/response/r1")[0].body["text"]


def test_an_interaction_without_a_user_gets_english(slack: SlackSender, fake_slack: FakeSlack) -> None:
    payload = block_action("itag_no_such_button", "1", response_url=fake_slack.response_url())
    del payload["user"]
    assert slack.payload(payload).status == 200
    assert "is out of date or no longer exists" in fake_slack.wait_for("/response/r1")[0].body["text"]


def test_database_down_answer_in_the_language_last_known(
    services: Services, slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.user_locale["U0ANA"] = "es-ES"
    view = open_form(slack, fake_slack, user="U0ANA")
    working = services.session_factory
    unreachable = make_engine("postgresql://itag@127.0.0.1:9/none")
    services.session_factory = make_session_factory(unreachable)
    try:
        reply = submit(slack, view, user="U0ANA", **VALID)
    finally:
        services.session_factory = working
        unreachable.dispose()
    assert list(errors_of(reply).values()) == [
        "La base de datos de ITAG no responde en este momento. Vuelve a intentarlo en un minuto."
    ]


def test_shared_by_line_in_the_sharers_language(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.user_locale["U0ANA"] = "es-LA"
    slack.action(ids.SHARE_ANSWER, json.dumps({"q": "members", "o": 0}), user="U0ANA")
    posted = fake_slack.wait_for("/response/r1")[0].body
    assert posted["response_type"] == "in_channel"
    assert "Compartido por <@U0ANA>" in _texts(posted["blocks"])


def test_the_programme_status_line_in_spanish_and_french(slack: SlackSender, fake_slack: FakeSlack) -> None:
    fake_slack.user_locale["U0ANA"] = "es-LA"
    fake_slack.user_locale["U0LUC"] = "fr-CA"
    spanish = _texts(slack.command("plan 2022-2024", user="U0ANA").json()["blocks"])
    assert "Periodo 2022–2024; terminó en diciembre de 2024." in spanish
    french = _texts(slack.command("about", user="U0LUC").json()["blocks"])
    assert "Période 2022–2024 ; elle s’est terminée en décembre 2024." in french
    assert "Period 2022–2024; it ended in December 2024." in _texts(slack.command("about").json()["blocks"])


def test_a_spanish_editor_gets_the_programme_form_and_its_errors_in_spanish(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.user_locale[EDITOR] = "es-ES"
    view = _open(slack, fake_slack, "plan new", user=EDITOR)
    assert view["title"]["text"] == "Nuevo programa" and view["submit"]["text"] == "Guardar"
    assert [b["label"]["text"] for b in view["blocks"]][:3] == ["Título", "Primer año", "Último año"]
    untitled = _submit(slack, view, user=EDITOR, view_id="V0ES", title="", start="2031", end="2033").json()
    assert untitled["errors"] == {ids.PROGRAMME_BLOCKS["title"]: "Ponle un título al programa."}
    reversed_years = _submit(slack, view, user=EDITOR, view_id="V0ES1", title="T", start="2031", end="2029")
    end_error = "El último año es anterior al primero."
    assert reversed_years.json()["errors"] == {ids.PROGRAMME_BLOCKS["end"]: end_error}
    twice = "línea 2: el punto 1 está numerado dos veces (también en la línea 1)"
    bad = _submit(
        slack, view, user=EDITOR, view_id="V0ES2", title="T", start="25", end="2027", outline="1. x\n1. y"
    ).json()
    assert bad["errors"] == {
        ids.PROGRAMME_BLOCKS["start"]: "Un año como 2025.",
        ids.PROGRAMME_BLOCKS["outline"]: twice,
    }
    saved = _submit(slack, view, user=EDITOR, view_id="V0ES3", title="T 2031-2033", start="2031", end="2033")
    assert saved.status == 200
    notes = fake_slack.wait_for("/response/r1", where=lambda c: "2031-2033" in c.body.get("text", ""))
    assert "Programa 2031-2033 añadido con 0 puntos." in notes[0].body["text"]


def test_a_spanish_editor_gets_the_reminder_settings_notes_in_spanish(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.user_locale[EDITOR] = "es-ES"
    digest = _texts(slack.command("reminders digest tue 8", user=EDITOR).json()["blocks"])
    assert "El resumen sale ahora el martes a las 08:00." in digest
    assert "martes 08:00" in digest and "Tue 08:00" not in digest  # the overview's day, from CLDR
    off = _texts(slack.command("reminders off webinar", user=EDITOR).json()["blocks"])
    assert "recordatorios desactivados." in off
    unread = slack.command("reminders ministerial soon", user=EDITOR).json()["text"]
    assert "No lo entiendo. Prueba" in unread
    assert "Give a day" not in slack.command("reminders digest someday", user=EDITOR).json()["text"]
