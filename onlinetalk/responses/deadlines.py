"""Whether a hot response came on time: the deadline is the session's replies-due date (the 10th
China working day after the session day, sessions.milestones); a response published after it is
late by the number of working days between the two dates."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from onlinetalk.sessions.milestones import replies_due
from onlinetalk.workdays import working_days_between


@dataclass(frozen=True)
class Punctuality:
    due: datetime.date  # the last day of the reply period
    published: datetime.date | None  # None: not published (yet)
    working_days_late: int  # 0: on time (or not published and not overdue yet)
    working_days_left: int  # working days from today to the deadline (0 when past it)
    estimated: bool  # a day on the way was guessed (Monday–Friday)

    @property
    def on_time(self):
        return self.published is not None and self.working_days_late == 0

    @property
    def late(self):
        return self.working_days_late > 0


def reply_deadline(session):
    """The last day (a date) of the session's reply period, and whether it was guessed."""
    due_at, estimated = replies_due(session)
    return timezone.localtime(due_at).date(), estimated


def punctuality(session, published_at=None, now=None):
    """The deadline and, for a response published at `published_at` (or, unpublished, as of
    `now`), how many working days late it is — or how many are left."""
    due, estimated = reply_deadline(session)
    if published_at is not None:
        published = timezone.localtime(published_at).date()
        late, guessed = working_days_between(due, published)
        return Punctuality(due, published, late, 0, estimated or guessed)
    today = timezone.localtime(now or timezone.now()).date()
    late, guessed = working_days_between(due, today)
    left, guessed_left = working_days_between(today, due) if today < due else (0, False)
    return Punctuality(due, None, late, left, estimated or guessed or guessed_left)


def would_be_late(session, at):
    """Whether a response published at `at` would be late."""
    return punctuality(session, published_at=at).late
