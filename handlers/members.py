"""/itag members: who is in ITAG and the GTAGA, and since when."""

from __future__ import annotations

from domain.mrkdwn import md
from handlers.blocks import context, header, section
from handlers.context import Answer, Context
from storage.programme import list_members


def members_answer(ctx: Context) -> Answer:
    """Every member with what the programme says about when it joined."""
    members = list_members(ctx.session)
    blocks = [header(f"ITAG members ({len(members)})")]
    lines = []
    for member in members:
        itag = member.itag_joined or "not stated in the work programme"
        gtaga = member.gtaga_joined or "not stated in the work programme"
        body = md("*{}*\nITAG: {}\nGTAGA: {}", member.name, itag, gtaga)
        if member.notes:
            body = md("{}\n_{}_", body, member.notes)
        blocks.append(section(body))
        lines.append(f"{member.name} — ITAG: {itag}; GTAGA: {gtaga}")
    blocks.append(context("GTAGA: Global Trade and Gender Arrangement."))
    return Answer(text="ITAG members:\n" + "\n".join(lines), blocks=blocks)
