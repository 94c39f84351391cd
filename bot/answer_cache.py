"""Rendered answers to read-only queries, kept per worker and keyed on the data stamp."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from handlers.context import Reply
from handlers.router import command_word

# Commands whose answer depends only on the data, the query and the day.
CACHEABLE = frozenset(
    {"help", "upcoming", "next", "past", "plan", "search", "find", "show", "members", "about"}
)
FORM_VERBS = frozenset({"new", "add", "edit"})  # `/itag plan new`: a form, and who asks matters


class AnswerCache:
    """A small thread-safe LRU; a changed data stamp makes old entries unreachable."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Reply] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_build(self, key: Hashable, build: Callable[[], Reply]) -> Reply:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        reply = build()
        with self._lock:
            self._entries[key] = reply
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return reply


def is_cacheable(text: str) -> bool:
    """True for `/itag` texts whose answer the cache may keep."""
    words = text.split()
    if len(words) > 1 and words[1].lower() in FORM_VERBS:
        return False
    return not words or command_word(words[0]) in CACHEABLE
