"""/itag about: the group's background and the programmes on record, as the record gives them."""

from __future__ import annotations

from domain.dates import local_today
from domain.i18n import _
from domain.mrkdwn import escape
from domain.programme import status_line
from handlers.blocks import divider, header
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.context import Answer, Context
from storage.programme import list_programmes


def about_answer(ctx: Context) -> Answer:
    """Each programme's background text, then every programme with its title and period."""
    today = local_today(ctx.now, ctx.tz)
    programmes = list_programmes(ctx.session)
    title = _("About the Inclusive Trade Action Group (ITAG)")
    blocks = [header(title)]
    lines = [title]
    for programme in programmes:
        if programme.background:
            blocks.append(section(_("*Background* (from the {title})").format(title=escape(programme.title))))
            blocks.extend(
                section(escape(part)) for part in programme.background.split("\n\n") if part.strip()
            )
            lines += [_("Background (from the {title})").format(title=programme.title), programme.background]
    listed = [f"• *{escape(p.title)}* — {escape(status_line(p, today))}" for p in programmes]
    on_record = "*" + _("Programmes on record") + "*\n" + ("\n".join(listed) or _("None yet."))
    blocks += [divider(), section(on_record)]
    blocks.append(context(_("`/itag plan PERIOD` shows a programme, e.g. `/itag plan 2022-2024`.")))
    lines += [_("Programmes on record") + ":", *(f"{p.title} — {status_line(p, today)}" for p in programmes)]
    return Answer(text="\n".join(lines), blocks=blocks[:50])
