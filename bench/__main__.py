"""Run every benchmark: `python -m bench` (BENCH_QUICK=1 for a short run)."""

from __future__ import annotations

import importlib
import os
import platform
from datetime import UTC, datetime

from bench.report import print_table

SUITES = [
    ("/itag upcoming through `itag-bot serve`, 10,000 activities, vs bare Bolt", "bench.bench_serve"),
    ("1,000 mixed /itag commands at 50 concurrent, 10,000 activities, vs bare Bolt", "bench.bench_load"),
    ("/itag add -> views.open and view_submission, 10,000 activities, vs bare Bolt", "bench.bench_forms"),
    ("Due-reminder pass over 1,000 / 10,000 / 100,000 activities", "bench.bench_reminders"),
    (
        "Calendar feed (first, cached, 304) and Home tab publish, 10,000 activities, vs bare",
        "bench.bench_calendar",
    ),
    (
        "itag-bot import: 10,000 CSV rows and a 2,000-event .ics (series expanded) vs the old import",
        "bench.bench_import",
    ),
    (
        "Prefill on the 46-phrase announcement table: itag's reader vs dateutil and dateparser",
        "bench.bench_prefill",
    ),
]


def main() -> None:
    quick = os.environ.get("BENCH_QUICK") == "1"
    cpus = os.cpu_count()
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    machine = f"{platform.machine()}, {cpus} cores, Python {platform.python_version()}"
    print(f"# itag-bot benchmarks — {when}, {machine}{' (quick)' if quick else ''}")
    for title, module in SUITES:
        print_table(title, importlib.import_module(module).run(quick=quick))


if __name__ == "__main__":
    main()
