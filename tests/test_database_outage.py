"""PostgreSQL going away and coming back while the app runs."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from bot.services import Services, create_services
from bot.settings import Settings
from tests.conftest import PG_URL, serve_wsgi
from tests.fake_slack import FakeSlack
from tests.form_payloads import VALID, errors_of, logged, open_form, submit
from tests.slack_requests import SIGNING_SECRET, SlackSender
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres


@pytest.fixture
def proxied(
    postgres_url: str | None, services: Services, fake_slack: FakeSlack
) -> Iterator[tuple[TcpProxy, str]]:
    """The app on the test database, reached through a proxy the test can cut."""
    if postgres_url is None or not PG_URL:
        pytest.skip("ITAG_TEST_DATABASE_URL is not set")
    url = make_url(postgres_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432).start()
    settings = Settings(
        database_url=url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
        bot_token="xoxb-test-token",
        signing_secret=SIGNING_SECRET,
        api_url=fake_slack.api_url,
    )
    app_services = create_services(settings)
    with serve_wsgi(app_services) as app_url:
        yield proxy, app_url
    proxy.cut()
    app_services.engine.dispose()


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_requests_during_an_outage_get_a_clear_answer_and_the_app_recovers(
    proxied: tuple[TcpProxy, str], fake_slack: FakeSlack
) -> None:
    proxy, app_url = proxied
    slack = SlackSender(app_url, fake_slack.response_url())
    assert "Canada" in slack.command("members").json()["text"]

    proxy.cut()
    for text in ("members", "upcoming", "search geneva"):
        started = time.monotonic()
        reply = slack.command(text)
        assert time.monotonic() - started < 3.0
        assert reply.status == 200
        assert "database is not answering" in reply.json()["text"]

    proxy.restore()
    assert "Canada" in slack.command("members").json()["text"]
    assert "Inaugural" in slack.command("past 2019").json()["text"]


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_form_submitted_during_an_outage_stays_open_and_saves_after_it(
    proxied: tuple[TcpProxy, str], fake_slack: FakeSlack, services: Services
) -> None:
    proxy, app_url = proxied
    slack = SlackSender(app_url, fake_slack.response_url())
    view = open_form(slack, fake_slack)
    proxy.cut()
    started = time.monotonic()
    reply = submit(slack, view, **VALID)
    assert time.monotonic() - started < 3.0
    assert "try again" in " ".join(errors_of(reply).values())
    assert logged(services) == []
    proxy.restore()
    assert submit(slack, view, **VALID).body == b""
    assert [a.title for a in logged(services)] == [VALID["title"]]
