"""Benchmarks: `python -m bench.<name>`; each exposes `run(quick=False) -> list[dict]`."""
