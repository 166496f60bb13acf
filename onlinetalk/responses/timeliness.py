"""Deadlines of many sessions at once: the same answers as deadlines.punctuality, from one
working-day calendar for the whole run of years (one query for the office's overrides) instead
of one per session. The open data and the admin's report of due replies list dozens of sessions.
"""

import datetime

from django.utils import timezone

from onlinetalk.conf import get_setting
from onlinetalk.workdays import WorkingDayCalendar
from onlinetalk.workdays.calendar import ESTIMATED

from .deadlines import Punctuality

# 10 working days never span more than about six weeks, even across the Spring Festival.
_REPLY_SPAN = datetime.timedelta(days=90)


def _local_day(moment):
    return timezone.localtime(moment).date()


class Timeliness:
    """`punctuality(session, published_at)` for any of `sessions`, as of `now`."""

    def __init__(self, sessions, now=None):
        self.now = now or timezone.now()
        self.today = _local_day(self.now)
        self.reply_days = get_setting("REPLY_WORKING_DAYS")
        days = [_local_day(session.start) for session in sessions]
        published = [
            _local_day(session.replies_published_at)
            for session in sessions
            if session.replies_published_at is not None
        ]
        first = min([*days, self.today])
        last = max([*(day + _REPLY_SPAN for day in days), self.today, *published])
        self.calendar = WorkingDayCalendar(first, last)

    def _status(self, day):
        working, source = self.calendar.status(day)
        return working, source == ESTIMATED

    def due(self, session):
        """(the last day of the reply period, whether a day on the way was guessed)."""
        current, remaining, estimated = _local_day(session.start), self.reply_days, False
        while remaining:
            current += datetime.timedelta(days=1)
            working, guessed = self._status(current)
            estimated = estimated or guessed
            remaining -= working
        return current, estimated

    def between(self, day, later):
        """Working days after `day` up to and including `later`, and whether one was guessed."""
        count, estimated, current = 0, False, day
        while current < later:
            current += datetime.timedelta(days=1)
            working, guessed = self._status(current)
            estimated = estimated or guessed
            count += working
        return count, estimated

    def of(self, session, published_at=None):
        """The session's Punctuality: published at `published_at` (default: its replies'
        publication), or, unpublished, as of `now`."""
        published_at = published_at or session.replies_published_at
        due, estimated = self.due(session)
        if published_at is not None:
            published = _local_day(published_at)
            late, guessed = self.between(due, published)
            return Punctuality(due, published, late, 0, estimated or guessed)
        late, guessed = self.between(due, self.today)
        left, guessed_left = self.between(self.today, due)
        return Punctuality(due, None, late, left, estimated or guessed or guessed_left)
