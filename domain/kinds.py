"""Kinds of ITAG activity, their labels and the words that name them."""

from __future__ import annotations

import re
import unicodedata

from domain.i18n import N_, _

# Labels are marked for translation here and translated where shown (kind_label).
KINDS: dict[str, str] = {
    "wto_public_forum": N_("WTO Public Forum session"),
    "wto_ministerial": N_("WTO Ministerial Conference"),
    "ministerial": N_("Ministerial meeting"),
    "wto_caucus": N_("WTO caucus meeting"),
    "webinar": N_("Webinar"),
    "workshop": N_("Workshop"),
    "seminar": N_("Seminar"),
    "ceremony": N_("Ceremony"),
    "officials_meeting": N_("Officials' meeting"),
    "ambassadors_meeting": N_("Ambassadors' meeting"),
    "signing": N_("Signing"),
    "launch": N_("Launch"),
    "other": N_("Other"),
}

# Phrases that name a kind inside free text (a title, an announcement), in English, Spanish
# and French, compared without accents or punctuation. Only phrases that cannot name anything
# else: a bare "forum" is also the APEC Business Forum, "officials" or "ministers" are often
# the audience of a webinar, so they are not here.
TEXT_PHRASES: dict[str, str] = {
    "wto public forum": "wto_public_forum",
    "public forum": "wto_public_forum",
    "foro publico": "wto_public_forum",
    "forum public": "wto_public_forum",
    "wto ministerial conference": "wto_ministerial",
    "ministerial conference": "wto_ministerial",
    "wto ministerial": "wto_ministerial",
    "conferencia ministerial": "wto_ministerial",
    "conference ministerielle": "wto_ministerial",
    "ministerial meeting": "ministerial",
    "ministers meeting": "ministerial",
    "meeting of ministers": "ministerial",
    "ministerial": "ministerial",
    "reunion ministerial": "ministerial",
    "reunion ministerielle": "ministerial",
    "wto caucus": "wto_caucus",
    "caucus": "wto_caucus",
    "webinar": "webinar",
    "webinars": "webinar",
    "seminario web": "webinar",
    "webinario": "webinar",
    "webinaire": "webinar",
    "workshop": "workshop",
    "workshops": "workshop",
    "taller": "workshop",
    "atelier": "workshop",
    "seminar": "seminar",
    "seminars": "seminar",
    "seminario": "seminar",
    "seminaire": "seminar",
    "ceremony": "ceremony",
    "ceremonies": "ceremony",
    "welcoming ceremony": "ceremony",
    "ceremonia": "ceremony",
    "ceremonie": "ceremony",
    "officials meeting": "officials_meeting",
    "meeting of officials": "officials_meeting",
    "reunion de funcionarios": "officials_meeting",
    "ambassadors meeting": "ambassadors_meeting",
    "meeting of ambassadors": "ambassadors_meeting",
    "signing": "signing",
    "signing ceremony": "signing",
    "launch": "launch",
    "lanzamiento": "launch",
    "lancement": "launch",
}
# "MC14", "MC 14", "MC-14" (and "CM14" in Spanish and French): the WTO Ministerial Conference.
_MC_NUMBER = re.compile(r"\b(?:mc|cm)\s?(\d{1,2})\b")

# Exact words a command may use for a kind (`/itag upcoming forum`): the text phrases plus
# short names that are safe when they are the whole argument.
_COMMAND_WORDS: dict[str, str] = {
    **TEXT_PHRASES,
    "forum": "wto_public_forum",
    "mc": "wto_ministerial",
    "ministers": "ministerial",
    "officials": "officials_meeting",
    "other": "other",
    **{slug.replace("_", " "): slug for slug in KINDS},
    # Spanish and French command words (plurals, short names) for `/itag próximos talleres`.
    **dict.fromkeys(["talleres", "ateliers"], "workshop"),
    **dict.fromkeys(["seminarios", "seminaires"], "seminar"),
    **dict.fromkeys(["webinarios", "webinaires", "seminarios web"], "webinar"),
    **dict.fromkeys(["ministros", "ministres", "ministerielle"], "ministerial"),
    **dict.fromkeys(["funcionarios", "fonctionnaires"], "officials_meeting"),
    **dict.fromkeys(["embajadores", "ambassadeurs"], "ambassadors_meeting"),
    **dict.fromkeys(["firma", "signature"], "signing"),
    **dict.fromkeys(["otro", "otra", "autre"], "other"),
}

# Longest phrases first so "wto ministerial conference" wins over "ministerial" at one place.
_BY_LENGTH = sorted(TEXT_PHRASES.items(), key=lambda pair: -len(pair[0]))


def kind_label(kind: str) -> str:
    """Human label for a kind slug in the reader's language; unknown slugs are shown as they are."""
    label = KINDS.get(kind)
    return _(label) if label else kind


def plain_words(text: str) -> str:
    """Lower case, no accents or punctuation, single spaces: 'Conférence: MC-14' → 'conference mc 14'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+|_", " ", bare.replace("'", "").replace("’", "")).split())


def parse_kind(text: str) -> str | None:
    """Kind slug named exactly by `text` (case-insensitive), else None."""
    return _COMMAND_WORDS.get(plain_words(text))


def find_kind(text: str) -> tuple[str, str] | None:
    """The kind named first in free text: (slug, matched phrase), else None.

    Whole words only, in any punctuation ("WTO Public Forum: ITAG session"); where two
    phrases start at the same word the longer wins ("ministerial conference" over
    "ministerial").
    """
    words = f" {plain_words(text)} "
    found: list[tuple[int, int, str, str]] = []
    for phrase, slug in _BY_LENGTH:
        at = words.find(f" {phrase} ")
        if at >= 0:
            found.append((at, -len(phrase), slug, phrase))
    number = _MC_NUMBER.search(words)
    if number:
        found.append((number.start() - 1, -len(number.group(0)), "wto_ministerial", number.group(0)))
    if not found:
        return None
    _at, _length, slug, phrase = min(found)
    return slug, phrase
