"""Django finds the extension's models here; each lives in the package of its domain concept."""

from onlinetalk.access.models import AccessGroup
from onlinetalk.approval.models import OfficeApprovalTask, UnitReviewTask
from onlinetalk.departments.models import Department, Leader
from onlinetalk.live.models import LiveEntry, LiveEntryRevision, LiveStream
from onlinetalk.questions.models import (
    CitizenQuestion,
    QuestionCategory,
    QuestionEvent,
    QuestionVote,
    ReviewWord,
    SubmissionLock,
)
from onlinetalk.reminders.models import ReminderLog
from onlinetalk.responses.models import (
    Commitment,
    CommitmentUpdate,
    HotResponseIndexPage,
    HotResponsePage,
    ResponseAnswer,
)
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot, TalkIndexPage
from onlinetalk.search.models import SearchItem
from onlinetalk.sessions.models import SessionLeader, TalkSessionPage
from onlinetalk.workdays.models import HolidayArrangement

__all__ = [
    "AccessGroup",
    "AnnualSchedulePage",
    "CitizenQuestion",
    "Commitment",
    "CommitmentUpdate",
    "Department",
    "HolidayArrangement",
    "HotResponseIndexPage",
    "HotResponsePage",
    "Leader",
    "LiveEntry",
    "LiveEntryRevision",
    "LiveStream",
    "OfficeApprovalTask",
    "QuestionCategory",
    "QuestionEvent",
    "QuestionVote",
    "ReminderLog",
    "ResponseAnswer",
    "ReviewWord",
    "ScheduleSlot",
    "SearchItem",
    "SessionLeader",
    "SubmissionLock",
    "TalkIndexPage",
    "TalkSessionPage",
    "UnitReviewTask",
]
