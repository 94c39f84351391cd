"""Run an action once after a burst of triggers: each trigger moves the deadline, up to a cap."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("itag.debounce")


class Debouncer:
    """`poke()` from any thread; `action` runs `delay` s after the last poke of a burst, and at
    most `max_wait` s after its first, so a steady stream of edits still refreshes now and then."""

    def __init__(self, delay: float, action: Callable[[], None], *, max_wait: float | None = None) -> None:
        self.delay = delay
        self.max_wait = max_wait if max_wait is not None else 5 * delay
        self.action = action
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._generation = 0
        self._first = 0.0

    def poke(self) -> None:
        with self._lock:
            now = time.monotonic()
            if self._timer is None:
                self._first = now
            else:
                self._timer.cancel()
            self._generation += 1
            wait = max(min(self.delay, self._first + self.max_wait - now), 0.0)
            self._timer = threading.Timer(wait, self._fire, args=(self._generation,))
            self._timer.daemon = True
            self._timer.start()

    def _fire(self, generation: int) -> None:
        with self._lock:
            if generation != self._generation:  # a later poke superseded this timer
                return
            self._timer = None
        try:
            self.action()
        except Exception:  # a background thread: nobody else would see the failure
            log.exception("debounced action failed")

    def cancel(self) -> None:
        """Drop a pending run (shutdown)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None
            self._generation += 1
