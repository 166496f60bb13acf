"""The figures of a year per unit, counted from querysets with a fixed number of queries (one
per kind of fact, however many sessions the year has).

Definitions (the view's legend says the same):
- planned: the year's schedule rows naming the unit (a joint row counts for each of its units);
- held: the year's sessions of the unit whose live exchange has ended and that were neither
  cancelled nor postponed;
- announcement lead time: calendar days from the day the announcement went public to the
  session day, of the held sessions (mean and minimum);
- questions: those asked on the unit's sessions of the year, by status; "accepted" counts every
  accepted question, also those answered since;
- replies on time / late: of the held sessions, published by the deadline or after it; a reply
  not published and past its deadline counts as late; one not yet due as awaiting;
- commitments: those the unit carries out from the year's sessions, open (not started or in
  progress), done, dropped.
A joint session counts for each of its units; the total row counts it once.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from onlinetalk.departments.models import Department
from onlinetalk.questions.models import ACCEPTED_STATUSES, CitizenQuestion, QuestionStatus
from onlinetalk.request_memo import default_locale
from onlinetalk.responses.models import OPEN_STATUSES, Commitment, CommitmentStatus
from onlinetalk.responses.timeliness import Timeliness
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import ScheduleChange

NOT_HELD = (ScheduleChange.CANCELLED, ScheduleChange.POSTPONED)
FIRST_YEAR, LAST_YEAR = 1900, 2999  # what a year filter accepts at all


@dataclass
class SessionFacts:
    """What the figures need of one session (the default-language page)."""

    pk: int
    title: str
    start: datetime.datetime
    duration_minutes: int
    schedule_change: str
    announced_at: datetime.datetime | None
    replies_published_at: datetime.datetime | None
    unit_keys: set = field(default_factory=set)

    @property
    def end(self):
        return self.start + datetime.timedelta(minutes=self.duration_minutes)

    def is_held(self, now):
        return self.schedule_change not in NOT_HELD and self.end <= now

    @property
    def day(self):
        return timezone.localtime(self.start).date()

    @property
    def lead_days(self):
        """Calendar days from the announcement's going public to the session day."""
        if self.announced_at is None:
            return None
        return (self.day - timezone.localtime(self.announced_at).date()).days


@dataclass
class UnitYearFigures:
    """One row of the statistics: a unit (None for the total) in a year."""

    unit: Department | None
    year: int
    planned: int = 0
    held: int = 0
    lead_days: list = field(default_factory=list)
    questions_received: int = 0
    questions_accepted: int = 0
    questions_answered_live: int = 0
    questions_answered_later: int = 0
    questions_declined: int = 0
    replies_on_time: int = 0
    replies_late: int = 0
    replies_awaiting: int = 0
    commitments_open: int = 0
    commitments_done: int = 0
    commitments_dropped: int = 0

    @property
    def name(self):
        return self.unit.name if self.unit is not None else None

    @property
    def lead_days_mean(self):
        if not self.lead_days:
            return None
        return round(sum(self.lead_days) / len(self.lead_days), 1)

    @property
    def lead_days_min(self):
        return min(self.lead_days) if self.lead_days else None


def year_range(year):
    """The first moment of the local year and of the next."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime(year, 1, 1, tzinfo=zone)
    return first, first.replace(year=year + 1)


def sessions_of_year(year, locale=None):
    first, after = year_range(year)
    return TalkSessionPage.objects.filter(
        locale=locale or default_locale(), start__gte=first, start__lt=after
    )


def known_years():
    """Years with a schedule page or a session, latest first (two queries)."""
    years = set(
        AnnualSchedulePage.objects.filter(locale=default_locale()).values_list("year", flat=True)
    )
    years.update(
        day.year
        for day in TalkSessionPage.objects.filter(locale=default_locale()).dates("start", "year")
    )
    return sorted(years, reverse=True)


def default_year(years, today):
    """This year if it is known, else the latest year with a plan or sessions."""
    if today.year in years or not years:
        return today.year
    return max(years)


def parse_year(text, years, today):
    """The year `text` names, if it is a known year; else the default."""
    try:
        year = int(text)
    except (TypeError, ValueError):
        return default_year(years, today)
    return year if year in years else default_year(years, today)


def session_facts(sessions, unit_keys):
    """SessionFacts of `sessions` (a queryset) with a unit among `unit_keys` (two queries)."""
    through = TalkSessionPage.departments.through.objects.filter(
        talksessionpage__in=sessions, department__translation_key__in=unit_keys
    ).values_list("talksessionpage_id", "department__translation_key")
    keys_of = defaultdict(set)
    for session_id, key in through:
        keys_of[session_id].add(key)
    rows = sessions.filter(pk__in=list(keys_of)).values_list(
        "pk",
        "title",
        "start",
        "duration_minutes",
        "schedule_change",
        "announced_at",
        "replies_published_at",
    )
    return [SessionFacts(*row, unit_keys=keys_of[row[0]]) for row in rows.order_by("start", "pk")]


def _planned_by_unit(year, unit_keys, locale):
    """{unit key: schedule rows naming it}, and the rows naming any of the units."""
    rows = ScheduleSlot.departments.through.objects.filter(
        scheduleslot__page__year=year,
        scheduleslot__page__locale=locale,
        department__translation_key__in=unit_keys,
    ).values_list("scheduleslot_id", "department__translation_key")
    slots_of = defaultdict(set)
    for slot_id, key in rows:
        slots_of[key].add(slot_id)
    every = set().union(*slots_of.values()) if slots_of else set()
    return {key: len(slots) for key, slots in slots_of.items()}, len(every)


def _question_counts(session_ids):
    """{session id: {status: count}} (one query)."""
    counts = defaultdict(dict)
    rows = (
        CitizenQuestion.objects.filter(session_id__in=session_ids)
        .values_list("session_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for session_id, status, count in rows:
        counts[session_id][status] = count
    return counts


def _commitment_counts(session_ids, unit_keys):
    """{unit key: {status: count}} of the commitments made in the sessions (one query)."""
    counts = defaultdict(lambda: defaultdict(int))
    rows = (
        Commitment.objects.filter(
            session_id__in=session_ids, department__translation_key__in=unit_keys
        )
        .values_list("department__translation_key", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for key, status, count in rows:
        counts[key][status] += count
    return counts


def reply_state(timeliness, session):
    """ "on_time", "late" or "awaiting" for a held session's replies."""
    timing = timeliness.of(session)
    if timing.late:
        return "late"
    return "on_time" if session.replies_published_at is not None else "awaiting"


def _add_session(figures, session, now, timeliness, questions):
    if session.is_held(now):
        figures.held += 1
        if session.lead_days is not None:
            figures.lead_days.append(session.lead_days)
        state = reply_state(timeliness, session)
        setattr(figures, f"replies_{state}", getattr(figures, f"replies_{state}") + 1)
    counts = questions.get(session.pk, {})
    figures.questions_received += sum(counts.values())
    figures.questions_accepted += sum(counts.get(status, 0) for status in ACCEPTED_STATUSES)
    figures.questions_answered_live += counts.get(QuestionStatus.ANSWERED_LIVE, 0)
    figures.questions_answered_later += counts.get(QuestionStatus.ANSWERED_LATER, 0)
    figures.questions_declined += counts.get(QuestionStatus.REJECTED, 0)


def _add_commitments(figures, counts):
    figures.commitments_open += sum(counts.get(status, 0) for status in OPEN_STATUSES)
    figures.commitments_done += counts.get(CommitmentStatus.DONE, 0)
    figures.commitments_dropped += counts.get(CommitmentStatus.DROPPED, 0)


def year_figures(units, year, now=None, *, keep_idle=False):
    """([UnitYearFigures per unit], total UnitYearFigures) for `units` (default-language
    Department rows) in `year`. Units with nothing planned, held, asked or committed are left
    out unless `keep_idle`. A fixed number of queries, whatever the number of sessions."""
    now = now or timezone.now()
    units = list(units)
    keys = [unit.translation_key for unit in units]
    locale = default_locale()
    sessions = session_facts(sessions_of_year(year, locale), keys)
    session_ids = [session.pk for session in sessions]
    planned, planned_total = _planned_by_unit(year, keys, locale)
    questions = _question_counts(session_ids)
    commitments = _commitment_counts(session_ids, keys)
    timeliness = Timeliness([s for s in sessions if s.is_held(now)], now)

    rows = {unit.translation_key: UnitYearFigures(unit, year) for unit in units}
    total = UnitYearFigures(None, year, planned=planned_total)
    for key, count in planned.items():
        rows[key].planned = count
    for session in sessions:
        _add_session(total, session, now, timeliness, questions)
        for key in session.unit_keys:
            _add_session(rows[key], session, now, timeliness, questions)
    for key, counts in commitments.items():
        _add_commitments(rows[key], counts)
        _add_commitments(total, counts)
    active = {key for session in sessions for key in session.unit_keys}
    active.update(planned, commitments)
    listed = [
        rows[unit.translation_key] for unit in units if keep_idle or unit.translation_key in active
    ]
    return listed, total
