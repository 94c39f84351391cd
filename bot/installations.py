"""Installations in OAuth mode: slack_sdk's SQLAlchemy store, limited to the group's members.

A workspace (or Enterprise Grid org) is a member when its id is in ITAG_WORKSPACES. The
store finds nothing for anyone else, so Bolt's authorize answers their requests with no data,
even for an installation stored before the allow-list changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, and_, select

from bot.languages import slack_locale_lookup

log = logging.getLogger("itag.installations")


def workspace_key(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool) -> str | None:
    """What an installation is for: the org for an org-wide install, else the workspace."""
    return enterprise_id if is_enterprise_install else team_id


@dataclass(frozen=True)
class Workspace:
    """One installed member: its key (team or org id) and its current bot."""

    key: str
    bot: Bot


class MemberInstallationStore(SQLAlchemyInstallationStore):
    """The SQLAlchemy installation store on the app's database, seeing members only."""

    def __init__(self, client_id: str, engine: Engine, members: frozenset[str]) -> None:
        super().__init__(client_id=client_id, engine=engine, logger=log)
        self.members = members

    def allows(self, enterprise_id: str | None, team_id: str | None) -> bool:
        """True for a listed team, or any team of a listed Enterprise Grid org."""
        return bool({enterprise_id, team_id} & self.members)

    def find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        if not self.allows(enterprise_id, team_id):
            return None
        return super().find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )

    def find_installation(self, **kwargs: Any) -> Installation | None:
        if not self.allows(kwargs.get("enterprise_id"), kwargs.get("team_id")):
            return None
        return super().find_installation(**kwargs)

    def workspaces(self) -> list[Workspace]:
        """Every installed member with a bot token: who the clock sends for."""
        c = self.bots.c
        query = (
            select(c.enterprise_id, c.team_id, c.is_enterprise_install)
            .where(and_(c.client_id == self.client_id, c.bot_token.is_not(None)))
            .distinct()
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        found = []
        for enterprise_id, team_id, org_wide in rows:
            bot = self.find_bot(enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=org_wide)
            key = workspace_key(enterprise_id, team_id, bool(org_wide))
            if bot is not None and key is not None:
                found.append(Workspace(key, bot))
        return sorted(found, key=lambda w: w.key)

    def locale_lookup(self, api_url: str | None) -> Callable[[str], str | None]:
        """users.info's locale asked with each installed member's token in turn (a Slack user id
        is global, but only a workspace the user belongs to, or shares a channel with, knows it)."""

        def lookup(user_id: str) -> str | None:
            for workspace in self.workspaces():
                try:
                    return slack_locale_lookup(workspace.bot.bot_token, api_url)(user_id)
                except LookupError:
                    continue
            raise LookupError(f"no member workspace knows {user_id}")

        return lookup

    def forget(self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool) -> None:
        """Delete every installation and bot of a workspace (or an org-wide install)."""
        team = None if is_enterprise_install else team_id
        self.delete_all(enterprise_id=enterprise_id, team_id=team)
