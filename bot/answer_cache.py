"""Rendered answers to read-only queries, kept per worker and keyed on the data stamp."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from handlers.context import Reply


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
