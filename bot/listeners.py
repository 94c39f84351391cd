"""The one registration list: every command, action, view, shortcut and event, fallbacks last."""

from __future__ import annotations

from slack_bolt import App

from bot.activity_listeners import ActivityListeners
from bot.answer_listeners import AnswerListeners
from bot.fallback_listeners import ANY, FallbackListeners
from bot.home import register_home
from bot.plan_listeners import PlanFormListeners
from bot.replies import Replies
from bot.services import Services
from bot.settings_listeners import SettingsListeners, ack_only
from handlers import ids


def register(app: App, services: Services) -> None:
    """Wire every id to its listener; Bolt gives a request to the first listener that matches."""
    replies = Replies(services)  # one Sealer for every modal the app opens
    answers, activities, settings = (
        AnswerListeners(replies),
        ActivityListeners(replies),
        SettingsListeners(replies),
    )
    app.command("/itag")(answers.itag_command)
    app.action(ids.MORE_RESULTS)(answers.more_results)
    app.action(ids.SHARE_ANSWER)(answers.share_answer)
    app.action(ids.OPEN_ACTIVITY_LINK)(ack_only)
    app.action(ids.ACTIVITY_MENU)(activities.menu)
    app.action(ids.CONFIRM_CANCEL)(activities.confirm_cancel)
    app.action(ids.CONFIRM_DELETE)(activities.confirm_delete)
    app.action(ids.DISMISS)(activities.dismiss)
    app.shortcut(ids.LOG_MESSAGE_SHORTCUT)(activities.log_message)
    app.view(ids.ACTIVITY_FORM)(activities.submit)
    app.view(ids.REMINDER_SETTINGS_FORM)(settings.save)
    app.event("app_uninstalled")(settings.lifecycle_event)
    app.event("tokens_revoked")(settings.lifecycle_event)
    plans = PlanFormListeners(replies)
    app.view(ids.PROGRAMME_FORM)(plans.submit_programme)
    app.view(ids.PLAN_ITEM_FORM)(plans.submit_item)
    app.view(ids.MEMBER_FORM)(plans.submit_member)
    register_home(app, services)  # the Home tab: its event, buttons and refresh (bot/home.py)
    # Fallbacks last: an unknown button, form or shortcut gets a clear answer, not a 404.
    fallbacks = FallbackListeners(replies)
    app.action(ANY)(fallbacks.unknown_action)
    app.view(ANY)(fallbacks.unknown_view)
    app.shortcut(ANY)(fallbacks.unknown_shortcut)
