"""Text folded for matching: accents and case do not count, in any language."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """'São Paulo' -> 'sao paulo', 'Valparaíso' -> 'valparaiso', 'Straße' -> 'strasse'.

    Case-folded, decomposed, combining marks dropped: the same function folds what is
    stored and what is searched for, so both databases compare like with like.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Control characters match nothing and PostgreSQL refuses NUL in text: they fold to a space.
    kept = "".join(
        " " if unicodedata.category(ch) == "Cc" and ch not in "\n\t" else ch
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    return unicodedata.normalize("NFC", kept)


def search_text(parts: Iterable[str | None]) -> str:
    """The folded text a row is searched by: its parts, one per line."""
    return "\n".join(fold(part) for part in parts if part)
