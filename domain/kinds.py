"""Kinds of ITAG activity, their labels and the words that name them."""

from __future__ import annotations

KINDS: dict[str, str] = {
    "wto_public_forum": "WTO Public Forum session",
    "wto_ministerial": "WTO Ministerial Conference",
    "ministerial": "Ministerial meeting",
    "wto_caucus": "WTO caucus meeting",
    "webinar": "Webinar",
    "workshop": "Workshop",
    "seminar": "Seminar",
    "ceremony": "Ceremony",
    "officials_meeting": "Officials' meeting",
    "ambassadors_meeting": "Ambassadors' meeting",
    "signing": "Signing",
    "launch": "Launch",
    "other": "Other",
}

# Longest phrases first so "wto ministerial conference" wins over "ministerial".
_ALIASES: list[tuple[str, str]] = sorted(
    [
        ("wto public forum", "wto_public_forum"),
        ("public forum", "wto_public_forum"),
        ("forum", "wto_public_forum"),
        ("wto ministerial conference", "wto_ministerial"),
        ("ministerial conference", "wto_ministerial"),
        ("wto ministerial", "wto_ministerial"),
        ("mc", "wto_ministerial"),
        ("ministerial meeting", "ministerial"),
        ("ministerial", "ministerial"),
        ("ministers", "ministerial"),
        ("wto caucus", "wto_caucus"),
        ("caucus", "wto_caucus"),
        ("webinar", "webinar"),
        ("webinars", "webinar"),
        ("workshop", "workshop"),
        ("workshops", "workshop"),
        ("seminar", "seminar"),
        ("seminars", "seminar"),
        ("ceremony", "ceremony"),
        ("ceremonies", "ceremony"),
        ("welcoming ceremony", "ceremony"),
        ("officials", "officials_meeting"),
        ("officials meeting", "officials_meeting"),
        ("signing", "signing"),
        ("launch", "launch"),
        ("other", "other"),
        *[(slug.replace("_", " "), slug) for slug in KINDS],
        *[(slug, slug) for slug in KINDS],
    ],
    key=lambda pair: -len(pair[0]),
)


def kind_label(kind: str) -> str:
    """Human label for a kind slug; unknown slugs are shown as they are."""
    return KINDS.get(kind, kind)


def parse_kind(text: str) -> str | None:
    """Kind slug named exactly by `text` (case-insensitive), else None."""
    wanted = " ".join(text.lower().replace("-", " ").split())
    for phrase, slug in _ALIASES:
        if wanted == phrase:
            return slug
    return None


def find_kind(text: str) -> tuple[str, str] | None:
    """First kind phrase found inside free text: (slug, matched phrase), else None."""
    lowered = " " + " ".join(text.lower().replace("-", " ").split()) + " "
    for phrase, slug in _ALIASES:
        if len(phrase) > 2 and f" {phrase} " in lowered:
            return slug, phrase
    return None
