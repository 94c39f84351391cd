"""Every action, block and callback id the app uses, in one place."""

SHOW_ACTIVITY = "itag_show_activity"
MORE_RESULTS = "itag_more_results"
SHARE_ANSWER = "itag_share_answer"

# The activity form (a modal) and its input blocks, one per field of a draft.
ACTIVITY_FORM = "itag_activity_form"
FIELD_ACTION = "value"
FIELD_BLOCKS = {
    name: f"itag_{name}"
    for name in (
        "title",
        "kind",
        "start",
        "end",
        "precision",
        "at",
        "zone",
        "place",
        "hosts",
        "plan_ref",
        "description",
        "link",
    )
}

# The overflow menu on every activity card (Details / Edit / Cancel / Delete), and its follow-ups.
ACTIVITY_MENU = "itag_activity_menu"
CONFIRM_CANCEL = "itag_confirm_cancel"
CONFIRM_DELETE = "itag_confirm_delete"
DISMISS = "itag_dismiss"

# Message shortcut declared in manifest.yml.
LOG_MESSAGE_SHORTCUT = "itag_log_message"

# Reminders: the link button on a reminder opens a URL; Slack still sends an action to ack.
OPEN_ACTIVITY_LINK = "itag_open_activity_link"

# The reminder settings modal (`/itag reminders edit`) and its input blocks.
REMINDER_SETTINGS_FORM = "itag_reminder_settings"
SETTINGS_CHANNEL = "itag_rs_channel"
SETTINGS_DIGEST_DAY = "itag_rs_digest_day"
SETTINGS_DIGEST_HOUR = "itag_rs_digest_hour"
SETTINGS_KIND_PREFIX = "itag_rs_kind_"

# Work programmes: `/itag plan new` and `/itag plan edit PERIOD ITEM` (modals) and their input blocks.
PROGRAMME_FORM = "itag_programme_form"
PLAN_ITEM_FORM = "itag_plan_item_form"
PLAN_ACTION = "value"
PROGRAMME_BLOCKS = {name: f"itag_pg_{name}" for name in ("title", "start", "end", "outline")}
PLAN_ITEM_BLOCKS = {name: f"itag_pi_{name}" for name in ("ref", "under", "lead", "body", "status")}

# The Home tab: its buttons (each opens a form or an answer in a modal) and its paging.
HOME_LOG = "itag_home_log"
HOME_CALENDAR = "itag_home_calendar"
HOME_REMINDERS = "itag_home_reminders"
HOME_SUBSCRIPTIONS = "itag_home_subscriptions"
HOME_PAGE = "itag_home_page"
HOME_ADD_TO_CALENDAR = "itag_home_add_to_calendar"

# Members: `/itag members add` and `/itag members edit CODE` (a modal) and its input blocks.
MEMBER_FORM = "itag_member_form"
MEMBER_BLOCKS = {
    name: f"itag_mb_{name}"
    for name in (
        "code",
        "name",
        "ITAG_date",
        "ITAG_precision",
        "ITAG_source",
        "GTAGA_date",
        "GTAGA_precision",
        "GTAGA_source",
    )
}
