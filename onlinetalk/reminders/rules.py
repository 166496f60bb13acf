"""When each milestone of the notice is reminded, to whom, and while what holds (plain functions).

Each milestone has a series of firings: moments at which a reminder goes out. A firing stays valid
until the next firing of its series (or the moment the milestone passes): a scan sends the firing
that is valid now, if its condition still holds, and nothing older. A scan that runs late (the
cluster was down for a day) therefore sends the current reminder of each series once and does
not replay the ones it missed, and a rescheduled session's firings move with its new date (each
firing is keyed by its own moment, so a moved firing is a new one).

The rules (offsets are settings, the notice's defaults in brackets; "T(day)" is REMINDER_TIME on
that day, local time):

- plan (制定方案, due at the end of start − 15 days): T(due − 3 days) and T(due day) to the unit,
  then T(each later day) to the unit and the Office while the plan is incomplete, until the start;
- announcement: T(the day before its go-live) to the unit and the Office if the page is neither
  live nor approved for scheduled publishing; valid until the go-live;
- question briefing: T(the day before the session) to the unit, with the briefing's link;
- rehearsal (彩排): T(the day before the session) — the morning of the rehearsal's day — to the
  unit and the Office, valid until the rehearsal;
- live: an hour before the start to the unit and the Office, valid until the start;
- replies: T(working days 7 and 9 after the session day) to the unit while the hot response is
  unpublished; from the day after the deadline T(each day) to the unit and the Office;
- commitments: T(a week before the expected completion) to the unit, then T(the same day of each
  later month) to the unit while the commitment is open.

Nothing for a cancelled or postponed session. Everything here is computed from rows the scan reads
in a bounded number of queries, whatever the number of sessions: working days come from one
calendar (the office's overrides are read once per scan).
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale, Revision

from onlinetalk.conf import get_setting
from onlinetalk.responses.models import OPEN_STATUSES, Commitment
from onlinetalk.sessions.milestones import replies_due
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import ScheduleChange
from onlinetalk.workdays import working_days_after

from .models import Audience, ReminderRule

UNIT = (Audience.UNIT,)
UNIT_AND_OFFICE = (Audience.UNIT, Audience.OFFICE)
HELD_BACK = (ScheduleChange.CANCELLED, ScheduleChange.POSTPONED)


@dataclass(frozen=True)
class Firing:
    rule: str
    at: datetime.datetime  # when it goes out
    until: datetime.datetime  # after this it is no longer sent
    audiences: tuple

    @property
    def occurrence(self):
        return timezone.localtime(self.at).strftime("%Y-%m-%dT%H:%M")

    def is_valid(self, now):
        return self.at <= now < self.until


@dataclass
class DueReminder:
    """A firing valid now, about one session or one commitment."""

    rule: str
    occurrence: str
    audiences: tuple
    due_at: datetime.datetime
    valid_until: datetime.datetime
    session: object = None
    commitment: object = None
    unit_keys: frozenset = field(default_factory=frozenset)

    @property
    def key(self):
        return (
            getattr(self.session, "pk", None),
            getattr(self.commitment, "pk", None),
            self.rule,
            self.occurrence,
        )


# --- time helpers ------------------------------------------------------------------------


def _time(setting):
    hours, minutes = (int(part) for part in get_setting(setting).split(":"))
    return datetime.time(hours, minutes)


def at_reminder_time(day):
    """T(day): the day's reminder time, local."""
    naive = datetime.datetime.combine(day, _time("REMINDER_TIME"))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def end_of_day(day):
    """Midnight after `day`, local: a deadline by the end of the day."""
    naive = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(naive, timezone.get_current_timezone())


def _local_day(moment):
    return timezone.localtime(moment).date()


def _days(count):
    return datetime.timedelta(days=count)


def _add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _current(firings, now):
    """The firing of a series that is valid now, if any."""
    for firing in firings:
        if firing.is_valid(now):
            return firing
    return None


def _chain(rule_days, end, audiences_of):
    """Firings at T(day) for each (rule, day), each valid until the next one, the last until
    `end`. Days at or after `end` are dropped."""
    moments = [(rule, at_reminder_time(day)) for rule, day in rule_days]
    moments = [(rule, at) for rule, at in moments if at < end]
    firings = []
    for index, (rule, at) in enumerate(moments):
        until = moments[index + 1][1] if index + 1 < len(moments) else end
        firings.append(Firing(rule, at, until, audiences_of(rule)))
    return firings


def _daily_from(rule, first_day, now, audiences, end=None):
    """The firing valid now of a daily series T(first_day), T(first_day + 1), … (until `end`)."""
    today = _local_day(now)
    day = today if now >= at_reminder_time(today) else today - _days(1)
    if day < first_day:
        return None
    firing = Firing(rule, at_reminder_time(day), at_reminder_time(day + _days(1)), audiences)
    if end is not None:
        firing = Firing(rule, firing.at, min(firing.until, end), audiences)
    return firing if firing.is_valid(now) else None


# --- a session's series ------------------------------------------------------------------


def plan_due_day(session):
    start_day = _local_day(session.start)
    return start_day - _days(get_setting("PLAN_DAYS_BEFORE"))


def plan_firing(session, now):
    due_day = plan_due_day(session)
    before = due_day - _days(get_setting("REMINDER_PLAN_DAYS_BEFORE"))
    end = session.start
    chain = _chain(
        [(ReminderRule.PLAN_BEFORE, before), (ReminderRule.PLAN_DUE, due_day)],
        min(end, at_reminder_time(due_day + _days(1))),
        lambda rule: UNIT,
    )
    return _current(chain, now) or _daily_from(
        ReminderRule.PLAN_OVERDUE, due_day + _days(1), now, UNIT_AND_OFFICE, end=end
    )


def go_live_of(session):
    """When the announcement is to go public: the page's go-live, else the notice's offset."""
    default = session.start - _days(get_setting("ANNOUNCEMENT_DAYS_BEFORE"))
    return session.go_live_at or default


def announcement_firing(session, now):
    go_live = go_live_of(session)
    day = _local_day(go_live) - _days(get_setting("REMINDER_ANNOUNCEMENT_DAYS_BEFORE"))
    return _current(
        _chain([(ReminderRule.ANNOUNCEMENT, day)], go_live, lambda r: UNIT_AND_OFFICE), now
    )


def briefing_firing(session, now):
    day = _local_day(session.start) - _days(get_setting("REMINDER_BRIEFING_DAYS_BEFORE"))
    return _current(_chain([(ReminderRule.BRIEFING, day)], session.start, lambda r: UNIT), now)


def rehearsal_moment(session):
    day = _local_day(session.start) - _days(get_setting("REHEARSAL_DAYS_BEFORE"))
    naive = datetime.datetime.combine(day, _time("REHEARSAL_TIME"))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def rehearsal_firing(session, now):
    """The morning of the rehearsal's day (the day before the session): valid until the
    rehearsal begins (or the start, when the reminder time is after the rehearsal's)."""
    rehearsal = rehearsal_moment(session)
    day = _local_day(session.start) - _days(get_setting("REMINDER_REHEARSAL_DAYS_BEFORE"))
    end = rehearsal if rehearsal > at_reminder_time(day) else session.start
    return _current(_chain([(ReminderRule.REHEARSAL, day)], end, lambda r: UNIT_AND_OFFICE), now)


def live_firing(session, now):
    at = session.start - datetime.timedelta(minutes=get_setting("REMINDER_LIVE_MINUTES_BEFORE"))
    firing = Firing(ReminderRule.LIVE, at, session.start, UNIT_AND_OFFICE)
    return firing if firing.is_valid(now) else None


def replies_firing(session, now):
    session_day = _local_day(session.start)
    due, _estimated = replies_due(session)
    days = [
        (ReminderRule.REPLIES_BEFORE, working_days_after(session_day, count).date)
        for count in get_setting("REMINDER_REPLY_WORKING_DAYS")
    ]
    return _current(_chain(days, due, lambda rule: UNIT), now) or _daily_from(
        ReminderRule.REPLIES_OVERDUE, _local_day(due) + _days(1), now, UNIT_AND_OFFICE
    )


def commitment_firing(commitment, now):
    if commitment.expected_on is None:
        return None
    expected = commitment.expected_on
    before = expected - _days(get_setting("REMINDER_COMMITMENT_DAYS_BEFORE"))
    firing = _current(
        _chain([(ReminderRule.COMMITMENT_BEFORE, before)], end_of_day(expected), lambda r: UNIT),
        now,
    )
    if firing or now < end_of_day(expected):
        return firing
    # Monthly while overdue: T(the expected day's number in each later month).
    today = _local_day(now)
    months = (today.year - expected.year) * 12 + today.month - expected.month
    for count in (months + 1, months, months - 1):
        if count < 1:
            continue
        at = at_reminder_time(_add_months(expected, count))
        until = at_reminder_time(_add_months(expected, count + 1))
        candidate = Firing(ReminderRule.COMMITMENT_OVERDUE, at, until, UNIT)
        if candidate.is_valid(now):
            return candidate
    return None


# --- what the scan reads -----------------------------------------------------------------


def _pre_session_horizon():
    """How long before a session its first reminder can go out (days, with a margin)."""
    return (
        max(
            get_setting("PLAN_DAYS_BEFORE") + get_setting("REMINDER_PLAN_DAYS_BEFORE"),
            get_setting("ANNOUNCEMENT_DAYS_BEFORE")
            + get_setting("REMINDER_ANNOUNCEMENT_DAYS_BEFORE"),
            get_setting("BRIEFING_DAYS_BEFORE") + get_setting("REMINDER_BRIEFING_DAYS_BEFORE"),
            get_setting("REHEARSAL_DAYS_BEFORE") + get_setting("REMINDER_REHEARSAL_DAYS_BEFORE"),
        )
        + 2
    )


def sessions_to_consider(now):
    """Sessions that may have a reminder due now (one query, their units prefetched): upcoming
    within the reminders' horizon, and past ones still awaiting their replies. Default-language
    pages only: a translation is the same session. Cancelled and postponed ones are left out."""
    horizon = now + _days(_pre_session_horizon())
    return (
        TalkSessionPage.objects.filter(locale=Locale.get_default())
        .filter(
            Q(start__gt=now, start__lte=horizon)
            | Q(start__lte=now, replies_published_at__isnull=True)
        )
        .exclude(schedule_change__in=HELD_BACK)
        .annotate(leader_rows=Count("session_leaders"))
        .prefetch_related("departments")
        .defer_streamfields()
        .order_by("start", "pk")
    )


def commitments_to_consider(now):
    """Open commitments with an expected date whose first reminder may have come."""
    first = _local_day(now) + _days(get_setting("REMINDER_COMMITMENT_DAYS_BEFORE") + 1)
    return (
        Commitment.objects.filter(status__in=OPEN_STATUSES, expected_on__lte=first)
        .select_related("department", "session")
        .order_by("expected_on", "pk")
    )


def approved_for_scheduling(session_ids):
    """Which of these pages have a revision approved for scheduled publishing (one query)."""
    return set(
        Revision.page_revisions.filter(
            object_id__in=[str(pk) for pk in session_ids], approved_go_live_at__isnull=False
        ).values_list("object_id", flat=True)
    )


def session_reminders(session, now, scheduled_ids=frozenset()):
    """The reminders due now about one session."""
    if session.schedule_change in HELD_BACK:
        return []
    firings = []
    if now < session.start:
        if not session.plan_is_complete:
            firings.append(plan_firing(session, now))
        if not (session.live or session.announced_at or str(session.pk) in scheduled_ids):
            firings.append(announcement_firing(session, now))
        firings += [
            briefing_firing(session, now),
            rehearsal_firing(session, now),
            live_firing(session, now),
        ]
    elif session.replies_published_at is None:
        firings.append(replies_firing(session, now))
    due_at = {
        ReminderRule.PLAN_BEFORE: end_of_day(plan_due_day(session)),
        ReminderRule.PLAN_DUE: end_of_day(plan_due_day(session)),
        ReminderRule.PLAN_OVERDUE: end_of_day(plan_due_day(session)),
        ReminderRule.ANNOUNCEMENT: go_live_of(session),
        ReminderRule.BRIEFING: session.start,
        ReminderRule.REHEARSAL: rehearsal_moment(session),
        ReminderRule.LIVE: session.start,
    }
    unit_keys = frozenset(unit.translation_key for unit in session.departments.all())
    reminders = []
    for firing in firings:
        if firing is None:
            continue
        due = due_at.get(firing.rule) or replies_due(session)[0]
        reminders.append(
            DueReminder(
                firing.rule,
                firing.occurrence,
                firing.audiences,
                due,
                firing.until,
                session=session,
                unit_keys=unit_keys,
            )
        )
    return reminders


def commitment_reminders(commitment, now):
    firing = commitment_firing(commitment, now)
    if firing is None:
        return []
    return [
        DueReminder(
            firing.rule,
            firing.occurrence,
            firing.audiences,
            end_of_day(commitment.expected_on),
            firing.until,
            commitment=commitment,
            unit_keys=frozenset({commitment.department.translation_key}),
        )
    ]


def due_reminders(now):
    """Every reminder due now (a bounded number of queries, whatever the number of sessions)."""
    sessions = list(sessions_to_consider(now))
    upcoming = [session.pk for session in sessions if session.start > now]
    scheduled = approved_for_scheduling(upcoming) if upcoming else set()
    reminders = []
    for session in sessions:
        reminders += session_reminders(session, now, scheduled)
    for commitment in commitments_to_consider(now):
        reminders += commitment_reminders(commitment, now)
    return reminders
