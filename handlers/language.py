"""/itag language: which language the bot answers you in (your Slack language unless you choose)."""

from __future__ import annotations

from domain.i18n import LANGUAGES, _, parse_language, speaking
from domain.mrkdwn import escape, truncate
from handlers.blocks import context, section
from handlers.context import Answer, Context
from storage.languages import choose_language, user_language

FOLLOW_SLACK = frozenset({"auto", "slack", "automatico", "automático", "automatique", "default"})


def language_answer(ctx: Context, args: list[str]) -> Answer:
    """Show the language in force, or store the user's choice and answer in it."""
    if not args:
        return _current(ctx)
    word = args[0].lower()
    if len(args) == 1 and word in FOLLOW_SLACK:
        choose_language(ctx.session, user_id=ctx.user_id, language=None)
        return _note(_("I will follow your Slack language again."))
    language = parse_language(" ".join(args))
    if language is None:
        shown = escape(truncate(" ".join(args), 60))
        return _note(
            _("I don't speak “{name}”. Choose one of: {choices}.").format(name=shown, choices=_choices())
        )
    choose_language(ctx.session, user_id=ctx.user_id, language=language)
    with speaking(language):
        return _note(_("From now on I answer you in {language}.").format(language=LANGUAGES[language]))


def _current(ctx: Context) -> Answer:
    record = user_language(ctx.session, user_id=ctx.user_id)
    name = LANGUAGES.get(ctx.language, ctx.language)
    if record is not None and record.chosen:
        line = _("I answer you in {language}, as you chose.").format(language=name)
    else:
        line = _("I answer you in {language}, following your Slack language.").format(language=name)
    usage = _("Change it with {examples}; `/itag language auto` follows Slack again.").format(
        examples="`/itag language es`, `/itag language fr`, `/itag language en`"
    )
    return Answer(text=f"{line}\n{usage}", blocks=[section(line), context(usage)], shareable=False)


def _choices() -> str:
    return ", ".join(f"`{code}` ({name})" for code, name in LANGUAGES.items())


def _note(text: str) -> Answer:
    return Answer(text=text, blocks=[section(text)], shareable=False)
