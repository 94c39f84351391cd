"""Every action, block and callback id the app uses, in one place."""

SHOW_ACTIVITY = "itag_show_activity"
MORE_RESULTS = "itag_more_results"
SHARE_ANSWER = "itag_share_answer"

# Message shortcut declared in manifest.yml.
LOG_MESSAGE_SHORTCUT = "itag_log_message"

# Reminders: the link button on a reminder opens a URL; Slack still sends an action to ack.
OPEN_ACTIVITY_LINK = "itag_open_activity_link"
