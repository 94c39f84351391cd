"""Plain tables for benchmark output."""

from __future__ import annotations

from typing import Any


def print_table(title: str, rows: list[dict[str, Any]]) -> None:
    """Print rows (dicts) as an aligned table under a title."""
    print(f"\n## {title}\n")
    if not rows:
        print("(no rows)")
        return
    columns = list(dict.fromkeys(key for row in rows for key in row))
    widths = {c: max(len(c), *(len(str(row.get(c, ""))) for row in rows)) for c in columns}
    print("| " + " | ".join(c.ljust(widths[c]) for c in columns) + " |")
    print("|" + "|".join("-" * (widths[c] + 2) for c in columns) + "|")
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")).ljust(widths[c]) for c in columns) + " |")
