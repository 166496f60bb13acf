"""The notice's milestones of one session, all derived from its start.

Offsets are settings (defaults from the notice): plan 15 days before, announcement 7 days
before, questions to the leaders and rehearsal the day before (rehearsal in the afternoon), the
live hour, and the replies within 10 China working days after the session day.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onlinetalk.conf import get_setting
from onlinetalk.workdays import working_days_after

from .lifecycle import has_published_replies, is_announced


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str
    due: datetime.datetime  # when it is due (or when it starts, for the live hour)
    end: datetime.datetime | None = None
    public: bool = True  # shown to citizens on the session page's timeline
    done: bool | None = None  # None: the system has no fact to tell (a date only)
    estimated: bool = False  # derived from a guessed calendar (Monday–Friday)
    now: datetime.datetime | None = None

    @property
    def overdue(self):
        return self.done is False and self.now is not None and self.now > (self.end or self.due)


def _at_local_time(day, time_text):
    hours, minutes = (int(part) for part in time_text.split(":"))
    naive = datetime.datetime.combine(day, datetime.time(hours, minutes))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def _end_of_local_day(day):
    return _at_local_time(day, "23:59")


def replies_due(session):
    """When the session's replies are due (end of the Nth China working day after the session
    day), and whether that date rests on a guessed calendar."""
    replies = working_days_after(
        timezone.localtime(session.start).date(), get_setting("REPLY_WORKING_DAYS")
    )
    return _end_of_local_day(replies.date), replies.estimated


def session_milestones(session, now=None):
    now = now or timezone.now()
    start = timezone.localtime(session.start)
    end = timezone.localtime(session.end)
    start_day = start.date()
    replies_at, replies_estimated = replies_due(session)
    announcement_due = start - datetime.timedelta(days=get_setting("ANNOUNCEMENT_DAYS_BEFORE"))
    return [
        Milestone(
            "plan",
            _("Plan due"),
            _end_of_local_day(start_day - datetime.timedelta(days=get_setting("PLAN_DAYS_BEFORE"))),
            public=False,
            done=session.plan_is_complete,
            now=now,
        ),
        Milestone(
            "announcement",
            _("Announcement"),
            announcement_due,
            done=is_announced(session, now),
            now=now,
        ),
        Milestone(
            "briefing",
            _("Questions handed to the leaders"),
            _end_of_local_day(
                start_day - datetime.timedelta(days=get_setting("BRIEFING_DAYS_BEFORE"))
            ),
            public=False,
            now=now,
        ),
        Milestone(
            "rehearsal",
            _("Rehearsal"),
            _at_local_time(
                start_day - datetime.timedelta(days=get_setting("REHEARSAL_DAYS_BEFORE")),
                get_setting("REHEARSAL_TIME"),
            ),
            public=False,
            now=now,
        ),
        Milestone("live", _("Live exchange"), start, end=end, done=now >= end, now=now),
        Milestone(
            "replies",
            _("Replies due"),
            replies_at,
            done=has_published_replies(session, now),
            estimated=replies_estimated,
            now=now,
        ),
    ]
