"""/itag help: what the bot can do, with examples."""

from __future__ import annotations

from domain.i18n import N_, _
from domain.mrkdwn import escape, truncate
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.blocks import header
from handlers.context import Answer

COMMANDS: list[tuple[str, str]] = [
    (
        "/itag upcoming [WINDOW] [KIND]",
        N_("what is coming, soonest first — `upcoming 90d`, `upcoming 6 months ministerial`"),
    ),
    ("/itag past [YEAR|KIND]", N_("what was done, newest first — `past 2019`, `past webinar`")),
    (
        "/itag plan [PERIOD] [N]",
        N_(
            "the current work programme (or `plan 2020-2022`), or one item in full with its activities"
            " — `plan 2022-2024 2.i`"
        ),
    ),
    ("/itag about", N_("ITAG's background and the programmes on record")),
    ("/itag review [PERIOD]", N_("the programme's review: per item what was held, what is planned, totals")),
    ("/itag search TEXT", N_("activities and plan items matching words — `search indigenous`")),
    ("/itag show ID", N_("one activity in full — `show 12`")),
    (
        "/itag add [TEXT]",
        N_("log an activity in a form, pre-filled from the text — `add Webinar on MSMEs 3 March 2027 15:00`"),
    ),
    ("/itag edit ID", N_("change an activity you logged (editors: any activity)")),
    ("/itag cancel ID", N_("mark an activity cancelled; `/itag delete ID` removes a mistake")),
    ("/itag history ID", N_("who changed what in an activity, and when")),
    ("/itag members", N_("the members: what each joined (ITAG, the GTAGA), when, and the source")),
    (
        "/itag plan new | add PERIOD | edit PERIOD N",
        N_("editors: add a programme or an item, edit, renumber or retire one (`members add|edit CODE` too)"),
    ),
    ("/itag help", N_("this message")),
]

EXTRA_COMMANDS: list[tuple[str, str]] = [
    ("/itag reminders", N_("reminder channel, rules per kind and what is due next (editors change them)")),
    ("/itag subscribe KIND|ID", N_("get reminders by DM — `subscribe ministerial`, `subscribe 12`")),
    ("/itag unsubscribe KIND|ID", N_("stop those DMs")),
    (
        "/itag language es|fr|en",
        N_("answer me in Spanish, French or English; `auto` follows Slack"),
    ),
    ("/itag calendar", N_("subscribe your own calendar (Outlook, Google, Apple) to ITAG's activities")),
]


def help_answer(hint: str | None = None) -> Answer:
    """The help text, led by a hint when the user typed something we did not understand."""
    commands = [(usage, _(about)) for usage, about in [*COMMANDS, *EXTRA_COMMANDS]]
    lines = [f"`{usage}` — {about}" for usage, about in commands]
    blocks = [header(_("ITAG bot — what I can do"))]
    text = _("ITAG bot commands:") + "\n" + "\n".join(f"{u} — {a}" for u, a in commands)
    if hint:
        blocks.append(section(f":warning: {escape(truncate(hint, 500))}"))
        text = f"{truncate(hint, 500)}\n{text}"
    blocks.append(section("\n".join(lines)))
    blocks.append(
        context(
            _(
                "Answers are visible only to you; use *Share in channel* to post one. "
                "Times show in your own time zone."
            )
        )
    )
    return Answer(text=text, blocks=blocks, shareable=False)
