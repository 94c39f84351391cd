"""OAuth mode: members install into their own workspaces, share one programme, nobody else gets in.

These run in OAuth mode whatever ITAG_TEST_MODE says, on both databases.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import time as wallclock
from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest

from bot.logs import RedactTokens
from bot.services import Services, create_services, migrate, seed_programme
from bot.settings import Settings
from storage.models import Activity
from storage.reminders import set_reminder_channel
from tests.conftest import EDITOR, install, oauth_settings, serve_wsgi
from tests.factories import add_activity
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, form_values, view_submission
from tests.oauth_helpers import (
    REVOKED,
    UNINSTALLED,
    command_from,
    event_from,
    install_by_browser,
    stored_installations,
    wait_for_installations,
)
from tests.reminder_helpers import ledger_rows, make_jobs, pass_at, posts
from tests.slack_requests import payload_body, post, signed_headers

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def oauth(settings: Settings, clock: list[datetime]) -> Iterator[Services]:
    """Migrated, seeded services in OAuth mode, with nothing installed yet."""
    built = create_services(oauth_settings(settings), clock=lambda: clock[0])
    migrate(built)
    seed_programme(built)
    yield built
    built.engine.dispose()


@pytest.fixture
def oauth_url(oauth: Services) -> Iterator[str]:
    with serve_wsgi(oauth) as url:
        yield url


def _ask(url: str, fake: FakeSlack, text: str, team: str, **kwargs: object) -> str:
    reply = command_from(url, text, team=team, response_url=fake.response_url(), **kwargs)  # type: ignore[arg-type]
    assert reply.status in (200, 401)
    return reply.body.decode()


def test_the_full_oauth_flow_installs_a_member_that_is_then_served(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.grant("code-t2", team="T2", token="xoxb-t2-token")
    page = install_by_browser(oauth_url, fake_slack, "code-t2")
    assert page.status == 200, page.body
    exchange = fake_slack.wait_for("oauth.v2.access")[0]
    assert exchange.body["code"] == "code-t2"
    credentials = base64.b64decode(exchange.headers["Authorization"].removeprefix("Basic ")).decode()
    assert credentials == "C1TEST:client-secret"
    assert stored_installations(oauth) == 2  # the installation and its bot
    assert "World Indigenous Business Forum" in _ask(oauth_url, fake_slack, "past 2019", "T2")
    command_from(oauth_url, "add", team="T2", response_url=fake_slack.response_url())
    assert fake_slack.wait_for("views.open")[0].token == "xoxb-t2-token"  # the member's own token


def test_an_install_by_a_workspace_outside_the_allow_list_is_refused_and_stores_nothing(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.grant("code-t9", team="T9", token="xoxb-t9-token")
    page = install_by_browser(oauth_url, fake_slack, "code-t9")
    assert page.status == 403 and "not a member of ITAG" in page.body and "nothing was kept" in page.body
    assert stored_installations(oauth) == 0
    assert fake_slack.wait_for("auth.revoke")[0].token == "xoxb-t9-token"  # not left live either
    assert "World Indigenous Business Forum" not in _ask(oauth_url, fake_slack, "past 2019", "T9")


def test_a_forged_state_is_refused_and_stores_nothing(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    from tests.oauth_helpers import get

    fake_slack.grant("code-t2", team="T2", token="xoxb-t2-token")
    forged = "0b8f6a0e-0000-4000-8000-000000000000.deadbeef"
    page = get(
        f"{oauth_url}/slack/oauth_redirect?code=code-t2&state={forged}",
        cookie=f"slack-app-oauth-state={forged}",
    )
    assert page.status >= 400
    assert stored_installations(oauth) == 0 and fake_slack.calls_to("oauth.v2.access") == []


def test_an_enterprise_grid_org_wide_install_serves_the_orgs_workspaces(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    fake_slack.grant("code-e1", team=None, enterprise="E1", org_wide=True, token="xoxb-e1-token")
    assert install_by_browser(oauth_url, fake_slack, "code-e1").status == 200
    answer = _ask(oauth_url, fake_slack, "past 2019", "T7", enterprise="E1", org_wide=True)
    assert "World Indigenous Business Forum" in answer
    # Another org's workspace is not served by it.
    assert "World Indigenous Business Forum" not in _ask(
        oauth_url, fake_slack, "past 2019", "T8", enterprise="E2", org_wide=True
    )


def test_a_workspace_without_an_installation_gets_nothing(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    install(oauth, "T1", "xoxb-t1-token")
    with oauth.session_factory.begin() as session:
        secret = add_activity(
            session, title="Members-only retreat", start=date(2027, 2, 2), kind="ministerial"
        ).id
    for team in ("T3", "T9"):  # a member that has not installed, and a stranger
        for text in ("upcoming", f"show {secret}", "search retreat", "add"):
            assert "retreat" not in _ask(oauth_url, fake_slack, text, team)
    assert fake_slack.calls_to("views.open") == []
    for call in fake_slack.calls_to("/response/r1"):
        assert "retreat" not in json.dumps(call.body)
    assert "retreat" in _ask(oauth_url, fake_slack, "search retreat", "T1")


def _submit_from(
    url: str, view: dict[str, object], values: dict[str, object], *, user: str, team: str
) -> None:
    payload = view_submission(view, values, user=user)  # type: ignore[arg-type]
    payload["team"]["id"] = team
    payload["user"]["team_id"] = team
    payload["view"]["team_id"] = payload["view"]["app_installed_team_id"] = team
    body = payload_body(payload)
    assert post(url + "/slack/events", body, signed_headers(body)).status == 200


def test_two_member_workspaces_see_and_edit_the_same_activity(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    oauth.settings = oauth.settings.__class__(
        **{**oauth.settings.__dict__, "editors": frozenset({f"T1:{EDITOR}"})}
    )
    install(oauth, "T1", "xoxb-t1-token")
    install(oauth, "T2", "xoxb-t2-token")
    with serve_wsgi(oauth) as url:
        command_from(url, "add", team="T2", user="U0BOB", response_url=fake_slack.response_url())
        view = fake_slack.wait_for("views.open")[0].body["view"]
        _submit_from(url, view, form_values(view, **VALID), user="U0BOB", team="T2")
        with oauth.session_factory() as session:
            (row,) = session.query(Activity).filter(Activity.created_by == "U0BOB").all()
        assert VALID["title"] in _ask(url, fake_slack, f"show {row.id}", "T1")
        command_from(url, f"edit {row.id}", team="T1", user=EDITOR, response_url=fake_slack.response_url())
        edit_view = fake_slack.wait_for("views.open", 2)[1]
        assert edit_view.token == "xoxb-t1-token"
        changed = form_values(edit_view.body["view"], title="Renamed in Santiago")
        _submit_from(url, edit_view.body["view"], changed, user=EDITOR, team="T1")
        assert "Renamed in Santiago" in _ask(url, fake_slack, f"show {row.id}", "T2")


def _two_members(services: Services, shared: bool = False) -> None:
    install(services, "T1", "xoxb-t1-token")
    install(services, "T2", "xoxb-t2-token")
    with services.session_factory.begin() as session:
        set_reminder_channel(session, channel="C0SHARED" if shared else "C0CANADA", workspace="T1")
        set_reminder_channel(session, channel="C0SHARED" if shared else "C0CHILE", workspace="T2")
        add_activity(session, title="Ministerial", kind="ministerial", start=date(2026, 12, 4), at=time(9, 0))


def _where(fake: FakeSlack) -> list[tuple[str, str | None]]:
    return sorted((c.body["channel"], c.token) for c in posts(fake))


@pytest.mark.parametrize(
    "order", [(UNINSTALLED, REVOKED), (REVOKED, UNINSTALLED), (REVOKED,), (UNINSTALLED,)]
)
def test_uninstall_and_revocation_in_either_order_stop_that_workspaces_reminders_only(
    oauth: Services,
    oauth_url: str,
    fake_slack: FakeSlack,
    clock: list[datetime],
    order: tuple[dict[str, object], ...],
) -> None:
    _two_members(oauth)
    for event in order:
        assert event_from(oauth_url, event, team="T2").status == 200
    wait_for_installations(oauth, 2)  # T2's are gone; T1's installation and bot are untouched
    assert oauth.installations is not None
    assert oauth.installations.find_bot(enterprise_id=None, team_id="T1") is not None
    pass_at(oauth, clock, NOW)
    assert _where(fake_slack) == [("C0CANADA", "xoxb-t1-token")]
    install(oauth, "T2", "xoxb-t2-again")  # a reinstall resumes its reminders
    pass_at(oauth, clock, NOW.replace(minute=1))
    assert _where(fake_slack) == [("C0CANADA", "xoxb-t1-token"), ("C0CHILE", "xoxb-t2-again")]


def test_a_slack_connect_channel_shared_by_two_members_gets_one_reminder_under_two_clocks(
    oauth: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _two_members(oauth, shared=True)
    clock[0] = NOW
    start = threading.Barrier(2)

    def clock_process() -> None:
        jobs = make_jobs(oauth)
        start.wait()
        jobs.run_pass()

    threads = [threading.Thread(target=clock_process) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [c.body["channel"] for c in posts(fake_slack)] == ["C0SHARED"]
    assert [(r.recipient, r.status) for r in ledger_rows(oauth)] == [("C0SHARED", "sent")]


def test_the_digest_goes_once_to_a_shared_channel_and_once_to_each_other(
    oauth: Services, fake_slack: FakeSlack, clock: list[datetime]
) -> None:
    _two_members(oauth, shared=True)
    install(oauth, "T3", "xoxb-t3-token")
    with oauth.session_factory.begin() as session:
        set_reminder_channel(session, channel="C0PERU", workspace="T3")
    monday = datetime(2026, 11, 30, 9, 5, tzinfo=UTC)
    pass_at(oauth, clock, monday)
    pass_at(oauth, clock, monday.replace(minute=6))
    digests = [
        c for c in fake_slack.calls_to("chat.postMessage") if c.body["text"].startswith("ITAG: this week")
    ]
    assert sorted((c.body["channel"], c.token) for c in digests) == [
        ("C0PERU", "xoxb-t3-token"),
        ("C0SHARED", "xoxb-t1-token"),
    ]


def test_rotation_refreshes_an_expiring_token_before_a_send(
    oauth: Services, fake_slack: FakeSlack, clock: list[datetime], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # slack_sdk logs whole Web API answers at DEBUG
    caplog.handler.addFilter(RedactTokens())  # what `itag-bot` puts on its log handlers
    install(
        oauth, "T1", "xoxb-t1-old", refresh_token="xoxe-1-refresh", expires_at=int(wallclock.time()) + 600
    )
    fake_slack.rotate("xoxe-1-refresh", token="xoxb-t1-new", next_refresh="xoxe-1-next")
    with oauth.session_factory.begin() as session:
        set_reminder_channel(session, channel="C0CANADA", workspace="T1")
        add_activity(session, title="Ministerial", kind="ministerial", start=date(2026, 12, 4), at=time(9, 0))
    pass_at(oauth, clock, NOW)
    refresh = fake_slack.wait_for("oauth.v2.access")[0].body
    assert (refresh["grant_type"], refresh["refresh_token"]) == ("refresh_token", "xoxe-1-refresh")
    assert _where(fake_slack) == [("C0CANADA", "xoxb-t1-new")]
    assert oauth.installations is not None
    bot = oauth.installations.find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and (bot.bot_token, bot.bot_refresh_token) == ("xoxb-t1-new", "xoxe-1-next")
    pass_at(oauth, clock, NOW.replace(minute=1))  # fresh now: no second refresh
    assert len(fake_slack.calls_to("oauth.v2.access")) == 1
    for secret in ("xoxb-t1-old", "xoxb-t1-new", "xoxe-1-refresh", "xoxe-1-next"):
        assert secret not in caplog.text


def test_a_web_request_with_an_expiring_token_refreshes_it_first(
    oauth: Services, oauth_url: str, fake_slack: FakeSlack
) -> None:
    install(
        oauth, "T1", "xoxb-t1-old", refresh_token="xoxe-1-refresh", expires_at=int(wallclock.time()) + 600
    )
    fake_slack.rotate("xoxe-1-refresh", token="xoxb-t1-new", next_refresh="xoxe-1-next")
    command_from(oauth_url, "add", team="T1", response_url=fake_slack.response_url())
    assert fake_slack.wait_for("views.open")[0].token == "xoxb-t1-new"
