"""/itag calendar: the private subscription URL with one-click steps; editors rotate it."""

from __future__ import annotations

from urllib.parse import quote

from domain.i18n import _
from domain.mrkdwn import escape
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.blocks import header
from handlers.context import Answer, Context
from handlers.help import help_answer
from storage.calendar_feed import ensure_nonce, rotate_nonce


def calendar_answer(ctx: Context, args: list[str]) -> Answer:
    """The subscription URL (never shareable: it opens the whole programme), or rotate it."""
    problem = ctx.calendar.problem()
    if problem:
        return help_answer(problem)
    verb = args[0].lower() if args else ""
    if verb not in ("", "rotate"):
        return help_answer(
            _("`/itag calendar` shows your subscription link; editors use `/itag calendar rotate`.")
        )
    if verb == "rotate":
        if not ctx.is_editor:
            return help_answer(_("Only editors (ITAG_EDITORS) can give the calendar a new address."))
        url = ctx.calendar.feed_url(rotate_nonce(ctx.session))
        note = _("*New address.* The old one stopped working just now; everyone subscribed needs this one.")
        return _subscribe(url, f":arrows_counterclockwise: {note}")
    return _subscribe(ctx.calendar.feed_url(ensure_nonce(ctx.session)), None)


def one_click_links(url: str) -> list[tuple[str, str]]:
    """(label, link) that add a subscription to each client with the feed URL filled in."""
    webcal = "webcal://" + url.split("://", 1)[1]
    encoded = quote(url, safe="")
    return [
        (
            "Outlook (Microsoft 365)",
            f"https://outlook.office.com/calendar/0/addfromweb?url={encoded}&name=ITAG",
        ),
        ("Outlook.com", f"https://outlook.live.com/calendar/0/addfromweb?url={encoded}&name=ITAG"),
        ("Google Calendar", f"https://calendar.google.com/calendar/r?cid={quote(webcal, safe='')}"),
        ("Apple Calendar", webcal),
    ]


def _subscribe(url: str, note: str | None) -> Answer:
    links = one_click_links(url)
    steps = "\n".join(f"• <{escape(link)}|{escape(label)}>" for label, link in links)
    blocks = [header(_("Subscribe to ITAG's activities in your calendar"))]
    if note:
        blocks.append(section(note))
    blocks += [
        section(_("*Your subscription address* (keep it within ITAG):") + f"\n```{escape(url)}```"),
        section(_("*One click:*") + f"\n{steps}"),
        section(
            _(
                "*By hand:* Outlook desktop: _Add calendar → From internet_; Google: _Other calendars → "
                "+ → From URL_; Apple: _File → New Calendar Subscription_ — then paste the address. "
                "Only one kind? Add `?kind=ministerial` (or `webinar`, `wto_caucus`…) to it."
            )
        ),
        context(
            _(
                "Google refreshes subscribed calendars every few hours; Outlook and Apple more often. "
                "Every activity card also has *Add to calendar* for a single event."
            )
        ),
    ]
    text = (
        _("Subscribe to ITAG's activities: {url}").format(url=url)
        + "\n"
        + "\n".join(f"{lbl}: {lnk}" for lbl, lnk in links)
    )
    return Answer(text=text, blocks=blocks, shareable=False)
