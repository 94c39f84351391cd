"""/itag plan: the 2020-2022 and 2022-2024 work plans, or one item in full."""

from __future__ import annotations

from domain.mrkdwn import Mrkdwn, md, truncate
from domain.records import PlanItem
from handlers.blocks import context, header, section
from handlers.context import Answer, Context
from handlers.help import help_answer
from storage.programme import plan_ids, plan_items
from storage.settings_repo import get_setting

CURRENT_PLAN = "2022-2024"


def plan_answer(ctx: Context, args: list[str]) -> Answer:
    """The whole plan, or the item named by its number."""
    plans = plan_ids(ctx.session)
    plan = CURRENT_PLAN
    if args and args[0] in plans:
        plan, args = args[0], args[1:]
    if len(args) > 1 or (args and args[0].count("-") == 1 and args[0][:4].isdigit()):
        return help_answer(f"I don't know the plan “{' '.join(args)}”. Plans: {', '.join(plans)}.")
    items = plan_items(ctx.session, plan=plan)
    if args:
        return _one_item(ctx, plan, items, args[0])
    return _whole_plan(ctx, plan, items)


def _whole_plan(ctx: Context, plan: str, items: list[PlanItem]) -> Answer:
    title = get_setting(ctx.session, key=f"plan.{plan}.title", default=f"Work plan {plan}")
    intro = get_setting(ctx.session, key=f"plan.{plan}.intro")
    blocks = [header(title)]
    if intro:
        blocks.append(section(intro))
    for item in items:
        blocks.append(section(_item_line(item)))
    blocks.append(context(f"`/itag plan {plan} N` shows one item in full."))
    text = f"{title}\n" + "\n".join(_plain_line(item) for item in items)
    return Answer(text=text, blocks=blocks)


def _item_line(item: PlanItem) -> Mrkdwn:
    line = md("*{}.* {}", item.ref, truncate(item.title, 600))
    if item.body and not item.children:
        line = md("{}\n{}", line, truncate(item.body, 400))
    for child in item.children:
        line = md("{}\n  • _{}_ {}", line, child.ref, child.title)
    return line


def _plain_line(item: PlanItem) -> str:
    return f"{item.ref}. {item.title}" + "".join(f"\n   {child.ref} {child.title}" for child in item.children)


def _one_item(ctx: Context, plan: str, items: list[PlanItem], ref: str) -> Answer:
    wanted = ref.strip().lower().rstrip(".")
    for item in items:
        for candidate in (item, *item.children):
            if candidate.ref.lower() == wanted:
                return _item_answer(plan, candidate)
    refs = ", ".join(item.ref for item in items)
    return help_answer(f"The {plan} plan has no item “{ref}”. Its items are {refs}.")


def _item_answer(plan: str, item: PlanItem) -> Answer:
    blocks = [header(truncate(f"{plan} · {item.ref}. {item.title}", 150))]
    if len(item.title) > 140:
        blocks.append(section(md("*{}*", item.title)))
    if item.body:
        blocks.append(section(item.body))
    for child in item.children:
        blocks.append(section(md("*{} {}*\n{}", child.ref, child.title, child.body)))
    text = "\n".join(
        [f"{plan} {item.ref}. {item.title}", item.body]
        + [f"{c.ref} {c.title}: {c.body}" for c in item.children]
    )
    return Answer(text=text, blocks=blocks)
