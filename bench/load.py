"""A small load generator: signed Slack requests over keep-alive connections on loopback."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.slack_requests import signed_headers


@dataclass
class LoadResult:
    """Latencies (seconds) of every request, wall time and any non-200 answers."""

    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    failures: int = 0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index]

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def summary(self) -> dict[str, float]:
        ms = 1000.0
        return {
            "requests": len(self.latencies),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50) * ms, 2),
            "p95_ms": round(self.percentile(95) * ms, 2),
            "p99_ms": round(self.percentile(99) * ms, 2),
            "max_ms": round(max(self.latencies, default=0) * ms, 2),
            "mean_ms": round(statistics.fmean(self.latencies) * ms, 2) if self.latencies else 0.0,
            "over_3s": sum(1 for x in self.latencies if x > 3.0),
            "failures": self.failures,
        }


def drive(url: str, body_for: Callable[[int], str], *, total: int, concurrency: int) -> LoadResult:
    """Send `total` signed POSTs to `url` from `concurrency` keep-alive connections."""
    parts = urlsplit(url)
    result = LoadResult()
    lock = threading.Lock()
    counter = iter(range(total))

    def worker() -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            body = body_for(index)
            headers = signed_headers(body)
            started = time.perf_counter()
            try:
                conn.request("POST", parts.path, body=body.encode(), headers=headers)
                reply = conn.getresponse()
                reply.read()
                ok = reply.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                ok = False
            took = time.perf_counter() - started
            with lock:
                result.latencies.append(took)
                result.failures += 0 if ok else 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - started
    return result
