"""Labels and messages of the log actions the features write on the session page (questions'
moderation, the live broadcast). Registered through Wagtail's `register_log_actions` hook.

A moderation entry names its questions by id (one entry per bulk action and session), never
their text or a citizen's contact."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

from onlinetalk.live import stream
from onlinetalk.questions import moderation
from onlinetalk.questions.models import QuestionAction

QUESTION_LABELS = {
    QuestionAction.ACCEPTED: gettext_lazy("Accepted questions"),
    QuestionAction.REJECTED: gettext_lazy("Questions declined"),
    QuestionAction.REOPENED: gettext_lazy("Questions back to pending"),
    QuestionAction.ANSWERED_LIVE: gettext_lazy("Questions answered live"),
    QuestionAction.ANSWERED_LATER: gettext_lazy("Questions answered in the hot response"),
    QuestionAction.CATEGORISED: gettext_lazy("Questions categorised"),
    QuestionAction.MERGED: gettext_lazy("Questions merged"),
}

LIVE_LABELS = {
    stream.POST_LOG_ACTION: gettext_lazy("Live entry posted"),
    stream.CORRECTION_LOG_ACTION: gettext_lazy("Live entry corrected"),
    stream.WITHDRAWAL_LOG_ACTION: gettext_lazy("Live entry withdrawn"),
}


def question_ids(log_entry):
    return "、".join(f"#{pk}" for pk in (log_entry.data or {}).get("questions", []))


class QuestionLogFormatter(LogFormatter):
    """A message such as "Accepted questions: #12、#13"; the reason, category or target as its
    comment."""

    def format_message(self, log_entry):
        return _("%(label)s: %(ids)s") % {"label": self.label, "ids": question_ids(log_entry)}

    def format_comment(self, log_entry):
        data = log_entry.data or {}
        if data.get("reason"):
            return data["reason"]
        if data.get("category"):
            return data["category"]
        if data.get("into"):
            return f"→ #{data['into']}"
        return ""


class LiveLogFormatter(LogFormatter):
    def format_message(self, log_entry):
        data = log_entry.data or {}
        return f"{self.label} (#{data.get('entry', '?')})"


def register(actions):
    for action, label in QUESTION_LABELS.items():
        formatter = type("Formatter", (QuestionLogFormatter,), {"label": label})
        actions.register_action(moderation.log_action_for(action))(formatter)
    for action, label in LIVE_LABELS.items():
        formatter = type("Formatter", (LiveLogFormatter,), {"label": label})
        actions.register_action(action)(formatter)
