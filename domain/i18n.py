"""Languages: the gettext catalogues, the language in force, and reading language names.

Handlers call `_()` and `ngettext()`; the language they translate into is the one the
caller put in force with `speaking(language)` for the length of one answer — the
Context carries it (`ctx.language`) and `bot.services` puts it in force with the context.
Catalogues live in domain/locales/<lang>/LC_MESSAGES/itag.po; the build compiles them to
.mo (setup.py); a source checkout without a build reads the .po files directly.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "itag"
LOCALE_DIR = Path(__file__).with_name("locales")
DEFAULT_LANGUAGE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español", "fr": "Français"}
# CLDR locale used for dates in each language: British English keeps "14 May 2027".
DATE_LOCALES: dict[str, str] = {"en": "en_GB", "es": "es", "fr": "fr"}

_NAMES: dict[str, str] = {
    "en": "en",
    "english": "en",
    "ingles": "en",
    "inglés": "en",
    "anglais": "en",
    "es": "es",
    "spanish": "es",
    "espanol": "es",
    "español": "es",
    "espagnol": "es",
    "castellano": "es",
    "fr": "fr",
    "french": "fr",
    "frances": "fr",
    "francés": "fr",
    "francais": "fr",
    "français": "fr",
}

_current: ContextVar[str] = ContextVar("itag_language", default=DEFAULT_LANGUAGE)


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The translations for a language (English, the source language, translates to itself)."""
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.exists():
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(_compile(folder / f"{DOMAIN}.po", language))


def _compile(po_file: Path, language: str) -> io.BytesIO:
    """A .po file compiled in memory, for a source tree that was never built."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        parsed = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, parsed)
    buffer.seek(0)
    return buffer


def _(message: str) -> str:
    """`message` in the language in force."""
    return catalogue(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the language in force (CLDR plural rules)."""
    return catalogue(_current.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; `_()` translates it where it is shown."""
    return message


def current_language() -> str:
    """The language answers are being built in."""
    return _current.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Build everything inside the block in `language` (unknown or None: English)."""
    chosen = language if language in LANGUAGES else DEFAULT_LANGUAGE
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def language_of_locale(locale: str | None) -> str:
    """Slack's locale ('es-ES', 'es-LA', 'fr-CA', 'en-GB') to one of our languages."""
    if not locale:
        return DEFAULT_LANGUAGE
    prefix = locale.replace("_", "-").split("-")[0].lower()
    return prefix if prefix in LANGUAGES else DEFAULT_LANGUAGE


def parse_language(text: str) -> str | None:
    """'es', 'Español', 'french', 'FR' -> a language code; None if it names none we speak."""
    return _NAMES.get(text.strip().lower())
