"""Settings are read once from the environment and fail with one line naming the variable."""

from __future__ import annotations

import pytest

from bot.settings import Settings, SettingsError


def test_defaults_need_no_slack_credentials() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == "sqlite:///itag.db"
    assert settings.timezone == "UTC" and settings.port == 3000
    assert settings.bot_token is None and settings.editors == frozenset()


def test_heroku_postgres_url_is_normalised() -> None:
    settings = Settings.from_env({"DATABASE_URL": "postgres://u:p@db.example:5432/itag"})
    assert settings.database_url == "postgresql+psycopg://u:p@db.example:5432/itag"


def test_editors_and_channel_are_parsed() -> None:
    env = {
        "ITAG_EDITORS": " U1AAA, U2BBB ,,",
        "ITAG_REMINDER_CHANNEL": "C123",
        "ITAG_TIMEZONE": "Pacific/Auckland",
    }
    settings = Settings.from_env(env)
    assert settings.editors == frozenset({"U1AAA", "U2BBB"})
    assert settings.reminder_channel == "C123" and settings.timezone == "Pacific/Auckland"


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ITAG_TIMEZONE": "Mars/Olympus"}, "ITAG_TIMEZONE"),
        ({"PORT": "eighty"}, "PORT"),
        ({"WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY"),
        ({"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(env)


def test_require_names_the_missing_variable() -> None:
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"})
    settings.require("SLACK_BOT_TOKEN")
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")


def test_public_url_is_checked_and_loses_its_trailing_slash() -> None:
    assert Settings.from_env({"ITAG_PUBLIC_URL": "https://itag.example.org/"}).public_url == (
        "https://itag.example.org"
    )
    assert Settings.from_env({}).public_url is None
    for bad in ("itag.example.org", "ftp://itag.example.org", "https://itag example.org"):
        with pytest.raises(SettingsError, match="ITAG_PUBLIC_URL"):
            Settings.from_env({"ITAG_PUBLIC_URL": bad})
