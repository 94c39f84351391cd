"""Forged, tampered, stale and replayed requests are refused before any handler runs."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from slack_sdk.signature import Clock

from bot.services import Services
from storage.versions import data_version
from tests.fake_slack import FakeSlack
from tests.slack_requests import SIGNING_SECRET, Response, command_body, post, signed_headers

FORM = "application/x-www-form-urlencoded"


def _body(fake: FakeSlack) -> str:
    return command_body("members", response_url=fake.response_url())


def _no_signature(body: str) -> tuple[str, dict[str, str]]:
    headers = signed_headers(body)
    del headers["X-Slack-Signature"]
    return body, headers


def _no_timestamp(body: str) -> tuple[str, dict[str, str]]:
    headers = signed_headers(body)
    del headers["X-Slack-Request-Timestamp"]
    return body, headers


def _malformed_hex(body: str) -> tuple[str, dict[str, str]]:
    return body, {**signed_headers(body), "X-Slack-Signature": "v0=" + "zz" * 32}


def _wrong_secret(body: str) -> tuple[str, dict[str, str]]:
    return body, signed_headers(body, secret="not-the-secret")


def _one_byte_changed(body: str) -> tuple[str, dict[str, str]]:
    headers = signed_headers(body)
    return body.replace("members", "membert"), headers


def _re_encoded(body: str) -> tuple[str, dict[str, str]]:
    headers = signed_headers(body)
    return body.replace("%2F", "/"), headers  # same form values, different bytes


def _wrong_version(body: str) -> tuple[str, dict[str, str]]:
    headers = signed_headers(body)
    return body, {**headers, "X-Slack-Signature": headers["X-Slack-Signature"].replace("v0=", "v1=")}


def _non_numeric_timestamp(body: str) -> tuple[str, dict[str, str]]:
    return body, {**signed_headers(body), "X-Slack-Request-Timestamp": "yesterday"}


def _old(body: str) -> tuple[str, dict[str, str]]:
    return body, signed_headers(body, timestamp=int(time.time()) - 301)


def _future(body: str) -> tuple[str, dict[str, str]]:
    return body, signed_headers(body, timestamp=int(time.time()) + 301)


def _empty_signature(body: str) -> tuple[str, dict[str, str]]:
    return body, {**signed_headers(body), "X-Slack-Signature": ""}


FORGERIES: dict[str, Callable[[str], tuple[str, dict[str, str]]]] = {
    "no signature header": _no_signature,
    "no timestamp header": _no_timestamp,
    "malformed hex": _malformed_hex,
    "wrong secret": _wrong_secret,
    "one byte of the body changed": _one_byte_changed,
    "body re-encoded": _re_encoded,
    "wrong version prefix": _wrong_version,
    "non-numeric timestamp": _non_numeric_timestamp,
    "timestamp 301 s old": _old,
    "timestamp 301 s in the future": _future,
    "empty signature": _empty_signature,
}


def _assert_refused(reply: Response, services: Services, stamp: str, fake: FakeSlack) -> None:
    assert reply.status == 401
    assert b"Canada" not in reply.body
    with services.session_factory() as session:
        assert data_version(session) == stamp
    assert [c.method for c in fake.calls if c.method != "auth.test"] == []


@pytest.mark.parametrize("forgery", FORGERIES, ids=list(FORGERIES))
def test_forged_requests_get_401_reach_no_handler_and_write_nothing(
    forgery: str, app_url: str, services: Services, fake_slack: FakeSlack
) -> None:
    with services.session_factory() as session:
        stamp = data_version(session)
    body, headers = FORGERIES[forgery](_body(fake_slack))
    reply = post(app_url + "/slack/events", body, {"Content-Type": FORM, **headers})
    _assert_refused(reply, services, stamp, fake_slack)


def test_timestamp_299_seconds_old_is_accepted(app_url: str, fake_slack: FakeSlack) -> None:
    body = _body(fake_slack)
    reply = post(app_url + "/slack/events", body, signed_headers(body, timestamp=int(time.time()) - 299))
    assert reply.status == 200 and b"Canada" in reply.body


def test_valid_request_replayed_six_minutes_later_is_refused(
    app_url: str, services: Services, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = _body(fake_slack)
    headers = signed_headers(body)
    assert post(app_url + "/slack/events", body, headers).status == 200
    with services.session_factory() as session:
        stamp = data_version(session)
    fake_slack.reset()
    later = time.time() + 360
    monkeypatch.setattr(Clock, "now", lambda self: later)
    _assert_refused(post(app_url + "/slack/events", body, headers), services, stamp, fake_slack)


def test_the_real_secret_is_what_signs(app_url: str, fake_slack: FakeSlack) -> None:
    body = _body(fake_slack)
    assert post(app_url + "/slack/events", body, signed_headers(body, secret=SIGNING_SECRET)).status == 200
