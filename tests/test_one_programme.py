"""One programme for the whole group: no workspace scoping, editors by id or TEAM:USER."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic import command
from sqlalchemy import text

from bot.services import Services, create_services
from bot.settings import Settings
from storage.migrate import alembic_config, upgrade
from tests.conftest import install_in_oauth_mode, serve_wsgi
from tests.fake_slack import FakeSlack
from tests.slack_requests import SlackSender


def test_the_migration_keeps_every_workspaces_rows(database_url: str) -> None:
    services = create_services(Settings(database_url=database_url))
    config = alembic_config()
    with services.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        command.downgrade(config, "0001")  # the run's PostgreSQL may already be at head
    with services.engine.begin() as connection:
        for title, team in (("Kept from T2", "T2"), ("Kept from T1", "T1"), ("Kept, shared", None)):
            connection.execute(
                text(
                    "INSERT INTO activities (title, kind, precision, timezone, status, created_at, team_id)"
                    " VALUES (:title, 'webinar', 'none', 'UTC', 'active', CURRENT_TIMESTAMP, :team)"
                ),
                {"title": title, "team": team},
            )
    upgrade(services.engine)
    with services.engine.connect() as connection:
        titles = set(connection.scalars(text("SELECT title FROM activities")))
    services.engine.dispose()
    assert titles == {"Kept from T2", "Kept from T1", "Kept, shared"}


@pytest.mark.parametrize("listed", ["T2:U0BOB", "U0BOB"])
def test_editors_are_listed_by_user_id_or_team_and_user(
    services: Services, fake_slack: FakeSlack, listed: str
) -> None:
    services.settings = replace(services.settings, editors=frozenset({listed}))
    install_in_oauth_mode(services, "T2", "xoxb-t2")
    install_in_oauth_mode(services, "T3", "xoxb-t3")
    with serve_wsgi(services) as url:
        slack = SlackSender(url, fake_slack.response_url())
        slack.command("reminders ministerial 14d", user="U0BOB", team="T2")
        answer = slack.command("reminders", user="U0BOB", team="T2").json()["text"]
        assert "Ministerial meeting: 14d" in answer
        # The same user id in the pair's other workspace is not that editor.
        refused = slack.command("reminders webinar 2d", user="U0BOB", team="T3").json()["text"]
    assert ("editors" in refused.lower()) == (listed == "T2:U0BOB")
