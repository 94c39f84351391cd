"""Settings: one typed object, read once from the environment, validated up front."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.db import normalise_url


class SettingsError(Exception):
    """A configuration problem, worded for a one-line message naming the variable."""


def _default_concurrency() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with."""

    database_url: str = "sqlite:///itag.db"
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str | None = None
    port: int = 3000
    web_concurrency: int = field(default_factory=_default_concurrency)
    timezone: str = "UTC"
    reminder_channel: str | None = None
    editors: frozenset[str] = frozenset()
    stale_claim_seconds: int = 300
    public_url: str | None = None  # ITAG_PUBLIC_URL: where calendar links point
    home_refresh_seconds: float = 2.0  # quiet time after an edit before Home tabs are refreshed
    # OAuth mode (every member installs the app): on when all three are set.
    client_id: str | None = None
    client_secret: str | None = None
    state_secret: str | None = None
    workspaces: frozenset[str] = frozenset()  # ITAG_WORKSPACES: team or enterprise ids allowed in
    redirect_uri: str | None = None

    @property
    def oauth(self) -> bool:
        """True when members install the app by OAuth rather than sharing one bot token."""
        return bool(self.client_id and self.client_secret and self.state_secret)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and check the environment; raise SettingsError naming what is wrong."""
        env = os.environ if env is None else env
        zone = env.get("ITAG_TIMEZONE", "").strip() or "UTC"
        _check_zone(zone)
        return cls(
            database_url=normalise_url(env.get("DATABASE_URL", "").strip() or "sqlite:///itag.db"),
            bot_token=env.get("SLACK_BOT_TOKEN") or None,
            signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            api_url=_api_url(env.get("SLACK_API_URL", "").strip()),
            port=_int(env, "PORT", 3000),
            web_concurrency=_int(env, "WEB_CONCURRENCY", _default_concurrency()),
            timezone=zone,
            reminder_channel=env.get("ITAG_REMINDER_CHANNEL", "").strip() or None,
            editors=frozenset(u.strip() for u in env.get("ITAG_EDITORS", "").split(",") if u.strip()),
            stale_claim_seconds=_int(env, "ITAG_STALE_CLAIM_SECONDS", 300),
            public_url=_public_url(env.get("ITAG_PUBLIC_URL", "").strip()),
            **_oauth(env),
        )

    def require(self, *names: str) -> None:
        """Fail with a message naming the first of these Slack variables that is missing."""
        values = {
            "SLACK_BOT_TOKEN": self.bot_token,
            "SLACK_SIGNING_SECRET": self.signing_secret,
            "SLACK_APP_TOKEN": self.app_token,
        }
        for name in names:
            if not values[name]:
                raise SettingsError(f"{name} is not set; it is required for this command")


OAUTH_VARIABLES = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET")


def _oauth(env: Mapping[str, str]) -> dict[str, Any]:
    """OAuth mode's settings: all three secrets or none, and then the allow-list is required."""
    values = {name: env.get(name, "").strip() for name in OAUTH_VARIABLES}
    workspaces = frozenset(w.strip() for w in env.get("ITAG_WORKSPACES", "").split(",") if w.strip())
    given = [name for name, value in values.items() if value]
    if given and len(given) < len(OAUTH_VARIABLES):
        missing = next(name for name, value in values.items() if not value)
        raise SettingsError(f"{missing} is not set; OAuth mode needs {', '.join(OAUTH_VARIABLES)}")
    if given and not workspaces:
        raise SettingsError(
            "ITAG_WORKSPACES is not set; in OAuth mode list the team or enterprise ids allowed to install"
        )
    return {
        "client_id": values["SLACK_CLIENT_ID"] or None,
        "client_secret": values["SLACK_CLIENT_SECRET"] or None,
        "state_secret": values["SLACK_STATE_SECRET"] or None,
        "workspaces": workspaces,
        "redirect_uri": env.get("SLACK_REDIRECT_URI", "").strip() or None,
    }


def _check_zone(zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingsError(
            f"ITAG_TIMEZONE: unknown time zone {zone!r} (use an IANA name such as Europe/Zurich)"
        ) from error


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name} must be a positive whole number, not {raw!r}")
    return int(raw)


def _api_url(raw: str) -> str | None:
    if not raw:
        return None
    if not raw.startswith(("http://", "https://")):
        raise SettingsError(f"SLACK_API_URL must be an http(s) URL, not {raw!r}")
    return raw if raw.endswith("/") else raw + "/"


def _public_url(raw: str) -> str | None:
    if not raw:
        return None
    if not raw.startswith(("http://", "https://")) or " " in raw:
        raise SettingsError(
            f"ITAG_PUBLIC_URL must be an http(s) URL such as https://itag.example.org, not {raw!r}"
        )
    return raw.rstrip("/")
