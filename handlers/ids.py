"""Every action, block and callback id the app uses, in one place."""

SHOW_ACTIVITY = "itag_show_activity"
MORE_RESULTS = "itag_more_results"
SHARE_ANSWER = "itag_share_answer"

# Message shortcut declared in manifest.yml.
LOG_MESSAGE_SHORTCUT = "itag_log_message"
