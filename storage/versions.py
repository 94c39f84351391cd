"""A data version stamp, changed in the same transaction as any write to what answers show.

Readers that cache rendered answers key them on this stamp: read it first, then the data,
and an answer can never be cached under a stamp older than the data it shows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from storage.models import AppSetting, Base

VERSION_KEY = "data_version"
# Every table is tracked unless it is listed here: writes to these never change what a cached
# answer shows (tests/test_answer_cache.py checks that no cacheable route reads them).
UNTRACKED = frozenset(
    {
        "audit_entries",
        "channel_languages",  # the reader's language is in the answer cache's key instead
        "deliveries",
        "digest_runs",
        "home_readers",
        "reminder_rules",
        "slack_bots",  # slack_sdk's OAuth stores
        "slack_installations",
        "slack_oauth_states",
        "subscriptions",
        "user_languages",
    }
)
_TRACKED = tuple(m.class_ for m in Base.registry.mappers if m.local_table.name not in UNTRACKED)  # type: ignore[attr-defined]
_DIRTY = "itag_data_changed"
_COMMITTED = "itag_data_committed"


def data_version(session: Session) -> str:
    """The current stamp ('' before the first write)."""
    stamp = session.scalar(select(AppSetting.value).where(AppSetting.key == VERSION_KEY))
    return stamp or ""


def track_writes(factory: sessionmaker[Session], on_change: Callable[[], None] | None = None) -> None:
    """Make every committing session that wrote tracked rows change the stamp, and then (once
    committed) call `on_change`, e.g. to refresh Home tabs."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _after_dml)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_rollback", _forget)
    if on_change is not None:

        def _after_commit(session: Session) -> None:
            if session.info.pop(_COMMITTED, False):
                on_change()

        event.listen(factory, "after_commit", _after_commit)


def _forget(session: Session) -> None:
    session.info.pop(_DIRTY, None)
    session.info.pop(_COMMITTED, None)


def _after_flush(session: Session, _context: Any) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(obj, _TRACKED) and not _is_stamp(obj) for obj in changed):
        session.info[_DIRTY] = True


def _is_stamp(obj: object) -> bool:
    return isinstance(obj, AppSetting) and obj.key == VERSION_KEY


def _after_dml(state: ORMExecuteState) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and any(
        mapper.class_ in _TRACKED for mapper in state.all_mappers
    ):
        state.session.info[_DIRTY] = True


def _before_commit(session: Session) -> None:
    session.flush()
    if not session.info.pop(_DIRTY, False):
        return
    session.info[_COMMITTED] = True
    connection = session.connection()
    stamp = uuid.uuid4().hex
    changed = connection.execute(update(AppSetting).where(AppSetting.key == VERSION_KEY).values(value=stamp))
    if changed.rowcount == 0:
        connection.execute(insert(AppSetting).values(key=VERSION_KEY, value=stamp))
