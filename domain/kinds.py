"""Kinds of ITAG activity, their labels and the words that name them."""

from __future__ import annotations

from domain.i18n import N_, _
from domain.text import fold

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


# Spanish and French names, for commands (`/itag próximos taller`); folded: no accents, any case.
# Free-text reading (find_kind) keeps to the English phrases, so a word like "signature" in an
# English announcement does not turn it into a signing.
_COMMAND_NAMES: list[tuple[str, str]] = sorted(
    [
        *_ALIASES,
        ("foro publico", "wto_public_forum"),
        ("foro publico de la omc", "wto_public_forum"),
        ("forum public", "wto_public_forum"),
        ("forum public de l'omc", "wto_public_forum"),
        ("conferencia ministerial", "wto_ministerial"),
        ("conference ministerielle", "wto_ministerial"),
        ("reunion ministerial", "ministerial"),
        ("ministerial", "ministerial"),
        ("reunion ministerielle", "ministerial"),
        ("ministerielle", "ministerial"),
        ("ministres", "ministerial"),
        ("ministros", "ministerial"),
        ("caucus de la omc", "wto_caucus"),
        ("caucus de l'omc", "wto_caucus"),
        ("seminario web", "webinar"),
        ("webinario", "webinar"),
        ("webinarios", "webinar"),
        ("webinaire", "webinar"),
        ("webinaires", "webinar"),
        ("taller", "workshop"),
        ("talleres", "workshop"),
        ("atelier", "workshop"),
        ("ateliers", "workshop"),
        ("seminario", "seminar"),
        ("seminarios", "seminar"),
        ("seminaire", "seminar"),
        ("seminaires", "seminar"),
        ("ceremonia", "ceremony"),
        ("ceremonie", "ceremony"),
        ("reunion de funcionarios", "officials_meeting"),
        ("reunion de hauts fonctionnaires", "officials_meeting"),
        ("fonctionnaires", "officials_meeting"),
        ("funcionarios", "officials_meeting"),
        ("reunion de embajadores", "ambassadors_meeting"),
        ("reunion des ambassadeurs", "ambassadors_meeting"),
        ("firma", "signing"),
        ("signature", "signing"),
        ("lanzamiento", "launch"),
        ("lancement", "launch"),
        ("otro", "other"),
        ("otra", "other"),
        ("autre", "other"),
    ],
    key=lambda pair: -len(pair[0]),
)


def kind_label(kind: str) -> str:
    """Human label for a kind slug in the reader's language; unknown slugs are shown as they are."""
    label = KINDS.get(kind)
    return _(label) if label else kind


def parse_kind(text: str) -> str | None:
    """Kind slug named exactly by `text` (case-insensitive), else None."""
    wanted = " ".join(fold(text).replace("-", " ").split())
    for phrase, slug in _COMMAND_NAMES:
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
