"""Reads `/itag TEXT` and hands it to the handler for its first word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.i18n import _
from domain.mrkdwn import truncate
from domain.text import fold
from handlers.about import about_answer
from handlers.activities import past_answer, search_answer, show_answer, upcoming_answer
from handlers.activity_changes import confirm_command
from handlers.activity_forms import add_command, edit_command
from handlers.blocks import paging_actions
from handlers.calendar import calendar_answer
from handlers.context import Answer, Context, Reply
from handlers.help import help_answer
from handlers.language import language_answer
from handlers.member_forms import members_command
from handlers.plan_forms import plan_command
from handlers.record_history import history_answer
from handlers.reminders import reminders_answer
from handlers.review import review_answer
from handlers.subscriptions import subscribe_answer, unsubscribe_answer

Handler = Callable[[Context, list[str], int], Reply]


@dataclass(frozen=True)
class Route:
    """A command's handler, and whether its answer may be cached.

    Cacheable means the answer depends only on the data, the query and the day: not on who
    asks, and on no table in `storage.versions.UNTRACKED`. Every route says which it is.
    """

    handler: Handler
    cacheable: bool


ROUTES: dict[str, Route] = {
    "help": Route(lambda ctx, args, offset: help_answer(), cacheable=True),
    "about": Route(lambda ctx, args, offset: about_answer(ctx), cacheable=True),
    "add": Route(lambda ctx, args, offset: add_command(ctx, args), cacheable=False),
    "log": Route(lambda ctx, args, offset: add_command(ctx, args), cacheable=False),
    "edit": Route(lambda ctx, args, offset: edit_command(ctx, args), cacheable=False),
    "cancel": Route(lambda ctx, args, offset: confirm_command(ctx, args, "cancel"), cacheable=False),
    "delete": Route(lambda ctx, args, offset: confirm_command(ctx, args, "delete"), cacheable=False),
    "history": Route(lambda ctx, args, offset: history_answer(ctx, args), cacheable=False),
    "upcoming": Route(lambda ctx, args, offset: upcoming_answer(ctx, args, offset=offset), cacheable=True),
    "next": Route(lambda ctx, args, offset: upcoming_answer(ctx, args, offset=offset), cacheable=True),
    "past": Route(lambda ctx, args, offset: past_answer(ctx, args, offset=offset), cacheable=True),
    "plan": Route(lambda ctx, args, offset: plan_command(ctx, args), cacheable=True),
    "review": Route(lambda ctx, args, offset: review_answer(ctx, args, offset=offset), cacheable=False),
    "search": Route(lambda ctx, args, offset: search_answer(ctx, args, offset=offset), cacheable=True),
    "find": Route(lambda ctx, args, offset: search_answer(ctx, args, offset=offset), cacheable=True),
    "show": Route(lambda ctx, args, offset: show_answer(ctx, args), cacheable=True),
    "members": Route(lambda ctx, args, offset: members_command(ctx, args), cacheable=True),
    "reminders": Route(lambda ctx, args, offset: reminders_answer(ctx, args), cacheable=False),
    "subscribe": Route(lambda ctx, args, offset: subscribe_answer(ctx, args), cacheable=False),
    "unsubscribe": Route(lambda ctx, args, offset: unsubscribe_answer(ctx, args), cacheable=False),
    "calendar": Route(lambda ctx, args, offset: calendar_answer(ctx, args), cacheable=False),
    "language": Route(lambda ctx, args, offset: language_answer(ctx, args), cacheable=False),
}

# Command words stay English; these Spanish and French words (folded: no accents, any case)
# reach the same commands.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(["ayuda", "aide"], "help"),
    **dict.fromkeys(["acerca", "apropos"], "about"),
    **dict.fromkeys(["agregar", "anadir", "registrar", "ajouter", "enregistrer"], "add"),
    **dict.fromkeys(["editar", "modificar", "modifier"], "edit"),
    **dict.fromkeys(["cancelar", "annuler"], "cancel"),
    **dict.fromkeys(["eliminar", "borrar", "supprimer"], "delete"),
    **dict.fromkeys(["historial", "historique"], "history"),
    **dict.fromkeys(["proximos", "proximas", "siguientes", "prochaines", "prochains", "avenir"], "upcoming"),
    **dict.fromkeys(["pasados", "pasadas", "anteriores", "passees", "passes", "precedentes"], "past"),
    **dict.fromkeys(["programa", "programme"], "plan"),
    **dict.fromkeys(["buscar", "rechercher", "chercher"], "search"),
    **dict.fromkeys(["ver", "mostrar", "voir", "afficher"], "show"),
    **dict.fromkeys(["miembros", "membres"], "members"),
    **dict.fromkeys(["recordatorios", "rappels"], "reminders"),
    **dict.fromkeys(["suscribir", "suscribirse", "abonner", "sabonner"], "subscribe"),
    **dict.fromkeys(["desuscribir", "desuscribirse", "desabonner", "sedesabonner"], "unsubscribe"),
    **dict.fromkeys(["calendario", "calendrier"], "calendar"),
    **dict.fromkeys(["idioma", "lengua", "langue"], "language"),
}


def command_word(word: str) -> str:
    """The command a first word names: itself, or the English command a synonym stands for."""
    folded = fold(word).replace("'", "").replace("’", "")
    return SYNONYMS.get(folded, folded)


MAX_TEXT = 3000
FORM_VERBS = frozenset({"new", "add", "edit"})  # `/itag plan new`, `members add`: forms for editors


def route(ctx: Context, text: str, *, offset: int = 0) -> Reply:
    """The reply to `/itag TEXT` (a page further on when `offset` is given)."""
    words = text.split()
    if not words:
        return help_answer()
    if len(text) > MAX_TEXT:
        return help_answer(
            _("That is {count} characters; /itag takes at most {limit}.").format(
                count=len(text), limit=MAX_TEXT
            )
        )
    command, args = command_word(words[0]), words[1:]
    found = ROUTES.get(command)
    if found is None:
        return help_answer(
            _("I don't know “{word}”. Here is what I can do:").format(word=truncate(words[0], 60))
        )
    return _shareable(found.handler(ctx, args, max(offset, 0)), text)


def _shareable(reply: Reply, text: str) -> Reply:
    """Give every answer a way into the channel (paged answers already carry one)."""
    if not isinstance(reply, Answer) or not reply.shareable:
        return reply
    if any(b.get("type") == "actions" for b in reply.blocks):
        return reply
    share = paging_actions(text, offset=0, shown=0, more=False)
    return Answer(text=reply.text, blocks=[*reply.blocks, share])


def answer_text(ctx: Context, text: str) -> Answer:
    """Like `route`, for callers that can only show messages (a modal becomes a hint)."""
    reply = route(ctx, text)
    if isinstance(reply, Answer):
        return reply
    return help_answer(_("That command opens a form, which needs Slack."))


def is_cacheable(text: str) -> bool:
    """True for `/itag` texts whose answer the cache may keep (help, for an empty text)."""
    words = text.split()
    if len(words) > 1 and words[1].lower() in FORM_VERBS:
        return False
    found = ROUTES.get(command_word(words[0])) if words else ROUTES["help"]
    return found is not None and found.cacheable
