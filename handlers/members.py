"""/itag members: the economies on record and, for each, what the record says it joined and when."""

from __future__ import annotations

from domain.dates import format_spec
from domain.i18n import N_, _
from domain.mrkdwn import escape
from domain.records import Member, MemberFact
from handlers.blocks import escaped_context as context
from handlers.blocks import escaped_section as section
from handlers.blocks import header
from handlers.context import Answer, Context
from storage.programme import list_members

JOINABLE = ("ITAG", "GTAGA")
NOT_STATED = N_("not stated")  # translated where shown
MEMBERS_SHOWN = 45  # a message holds at most 50 blocks


def members_answer(ctx: Context) -> Answer:
    """Every member with each recorded joining fact and its source; "not stated" where there is none."""
    members = list_members(ctx.session)
    summary = _("Economies the record names as taking part in ITAG or the GTAGA: {count}.").format(
        count=len(members)
    )
    blocks = [header(_("Members")), context(escape(summary))]
    blocks.extend(section(_member_text(member)) for member in members[:MEMBERS_SHOWN])
    if len(members) > MEMBERS_SHOWN:
        blocks.append(context(_("…and {count} more.").format(count=len(members) - MEMBERS_SHOWN)))
    blocks.append(context(_("GTAGA: Global Trade and Gender Arrangement.")))
    lines = [summary, *(_member_plain(member) for member in members)]
    return Answer(text="\n".join(lines), blocks=blocks)


def fact_plain(fact: MemberFact | None) -> str:
    """'6 October 2021 (source: …)' or 'not stated'."""
    if fact is None:
        return _(NOT_STATED)
    when = format_spec(fact.when) if fact.when.start else _("date not stated")
    return _("{when} (source: {source})").format(when=when, source=fact.source) if fact.source else when


def _member_text(member: Member) -> str:
    lines = [f"*{escape(member.name)}*"]
    lines += [f"{name}: {escape(fact_plain(member.fact(name)))}" for name in JOINABLE]
    if member.notes:
        lines.append(f"_{escape(member.notes)}_")
    return "\n".join(lines)


def _member_plain(member: Member) -> str:
    facts = "; ".join(f"{name}: {fact_plain(member.fact(name))}" for name in JOINABLE)
    return f"{member.name} — {facts}"
