"""The reminder benchmark still runs (its figures are read by people, not asserted)."""

from __future__ import annotations

from bench.bench_reminders import run


def test_reminder_benchmark_runs_quickly_and_reports_rows() -> None:
    rows = run(quick=True)
    assert [row["size"] for row in rows] == [1_000, 10_000]
    assert all({"name", "size", "ms_per_pass", "note"} <= set(row) for row in rows)
