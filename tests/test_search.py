"""Search ignores accents and case, on both databases, and is index-backed on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from bot.services import Services
from domain.drafts import Draft
from domain.text import fold
from storage.activities import contains_pattern, search_activities
from storage.activity_writes import create_activity, import_activities, update_activity
from storage.models import Activity
from tests.conftest import FIXED_NOW
from tests.factories import add_activity
from tests.slack_requests import SlackSender


def _texts(blocks: list[dict]) -> str:
    parts = [b["text"]["text"] for b in blocks if "text" in b]
    parts += [
        e.get("text", "") for b in blocks for e in b.get("elements", []) if isinstance(e.get("text"), str)
    ]
    return "\n".join(parts)


def test_fold_drops_accents_and_case_in_every_language() -> None:
    assert fold("Valparaíso") == "valparaiso"
    assert fold("SÃO PAULO") == "sao paulo"
    assert fold("Montréal, Genève") == "montreal, geneve"
    assert fold("Straße") == "strasse"
    assert fold("Ñuñoa") == "nunoa"


def test_search_ignores_accents_both_ways(services: Services, slack: SlackSender) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="Reunión de ministros", place="Valparaíso", start=date(2027, 5, 14))
        add_activity(session, title="Webinar en São Paulo", start=date(2027, 6, 1))
        add_activity(session, title="Plain Valparaiso meeting", start=date(2027, 7, 1))
    text = _texts(slack.command("search valparaiso").json()["blocks"])
    assert "Reunión de ministros" in text and "Plain Valparaiso meeting" in text
    text = _texts(slack.command("search sao").json()["blocks"])
    assert "Webinar en São Paulo" in text and "Reunión" not in text
    text = _texts(slack.command("search VALPARAÍSO reunion").json()["blocks"])
    assert "Reunión de ministros" in text and "Plain Valparaiso" not in text


def test_search_folds_activities_written_every_way(services: Services) -> None:
    with services.session_factory.begin() as session:
        made = create_activity(
            session,
            draft=Draft(title="Taller en Bogotá", kind="workshop", start=date(2027, 3, 1)),
            actor="U0ALICE",
            now=FIXED_NOW,
            default_zone="UTC",
            source_key="form:1",
        )
        import_activities(
            session,
            items=[(Draft(title="Séminaire à Genève", kind="seminar", start=date(2027, 4, 1)), "csv:1")],
            actor="U0ALICE",
            now=FIXED_NOW,
            default_zone="UTC",
        )
    assert made is not None
    with services.session_factory.begin() as session:
        assert _titles(session, "bogota") == ["Taller en Bogotá"]
        assert _titles(session, "seminaire geneve") == ["Séminaire à Genève"]
        update_activity(
            session,
            activity_id=made,
            draft=Draft(title="Taller en Medellín", kind="workshop", start=date(2027, 3, 1)),
            actor="U0ALICE",
            now=FIXED_NOW,
            default_zone="UTC",
        )
    with services.session_factory.begin() as session:
        assert _titles(session, "bogota") == []
        assert _titles(session, "medellin") == ["Taller en Medellín"]


def test_search_treats_like_wildcards_as_text(services: Services) -> None:
    with services.session_factory.begin() as session:
        add_activity(session, title="100% inclusive trade", start=date(2027, 1, 1))
        add_activity(session, title="1000 inclusive traders", start=date(2027, 1, 2))
        assert _titles(session, "100%") == ["100% inclusive trade"]
        assert _titles(session, "_inclusive") == []


def test_seeded_programme_and_plan_are_searchable_without_accents(slack: SlackSender) -> None:
    text = _texts(slack.command("search INDIGENOUS").json()["blocks"])
    assert "Indigenous" in text


def test_postgres_search_uses_the_trigram_index(services: Services) -> None:
    if services.engine.dialect.name != "postgresql":
        pytest.skip("the trigram index exists on PostgreSQL only")
    with services.session_factory.begin() as session:
        assert session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")) == 1
        session.execute(text("SET LOCAL enable_seqscan = off"))
        query = select(Activity.id).where(
            Activity.search_text.like(contains_pattern("valparaiso"), escape="/")
        )
        compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = "\n".join(row[0] for row in session.execute(text(f"EXPLAIN {compiled}")))
    assert "ix_activities_search_text_trgm" in plan


def _titles(session, word: str) -> list[str]:  # type: ignore[no-untyped-def]
    items = search_activities(session, words=word.split()).items
    return sorted(item.title for item in items)


def test_a_search_for_control_characters_is_asked_what_to_look_for(slack: SlackSender) -> None:
    """A NUL byte reaches no database (PostgreSQL refuses it in text): it is no word."""
    answer = slack.command("search \x00 \x07").json()
    assert "Tell me what to look for" in answer["text"]
