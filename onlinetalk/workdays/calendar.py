"""China's statutory working days: the packaged State Council arrangements (chinesecalendar),
overridden by what the office enters in the admin, with an honest Monday–Friday guess for years
that neither knows."""

import datetime
from dataclasses import dataclass

import chinese_calendar

from onlinetalk.request_memo import remembered_for_this_request

from .models import HolidayArrangement

OFFICIAL = "official"  # the packaged State Council arrangement
OFFICE = "office"  # entered by the office in the admin
ESTIMATED = "estimated"  # nobody knows this year yet: Monday–Friday


@dataclass(frozen=True)
class Deadline:
    date: datetime.date
    estimated: bool  # some day on the way was guessed (Monday–Friday)


def _office_overrides():
    """Every entry the office made (a short table: only the days the packaged arrangement lacks
    or gets wrong), read once per request, so that a page showing many deadlines — a session's
    milestones and its hot response, a list of responses — asks once."""
    return remembered_for_this_request(
        ("holiday arrangements",),
        lambda: dict(HolidayArrangement.objects.values_list("date", "is_working_day")),
    )


class WorkingDayCalendar:
    """Answers for a run of days with one query for the office's overrides (one per request)."""

    def __init__(self, first_day, last_day):
        self.overrides = _office_overrides()
        self.office_years = {day.year for day in self.overrides}
        self.last_year = last_day.year

    def status(self, day):
        """(is working day, source) for one day."""
        if day in self.overrides:
            return self.overrides[day], OFFICE
        try:
            return chinese_calendar.is_workday(day), OFFICIAL
        except NotImplementedError:
            # A year the package does not know: the office's entries make it known.
            source = OFFICE if day.year in self.office_years else ESTIMATED
            return day.weekday() < 5, source


def _calendar_for(day, working_days):
    # 10 working days never span more than about six weeks, even across the Spring Festival.
    return WorkingDayCalendar(day, day + datetime.timedelta(days=working_days * 3 + 30))


def is_working_day(day):
    working, _source = WorkingDayCalendar(day, day).status(day)
    return working


def is_known_year(year):
    """Whether a year's arrangement is known (packaged or entered by the office)."""
    day = datetime.date(year, 6, 1)
    _working, source = WorkingDayCalendar(day, day).status(day)
    return source != ESTIMATED


def working_days_after(day, count):
    """The `count`-th working day after `day`; day 1 is the first working day after `day`."""
    if count < 1:
        raise ValueError("count must be at least 1")
    calendar = _calendar_for(day, count)
    estimated = False
    remaining = count
    current = day
    while remaining:
        current += datetime.timedelta(days=1)
        if current.year > calendar.last_year:
            calendar = _calendar_for(current, remaining)
        working, source = calendar.status(current)
        estimated = estimated or source == ESTIMATED
        if working:
            remaining -= 1
    return Deadline(current, estimated)


def add_working_days(day, count):
    return working_days_after(day, count).date


def working_days_between(day, later):
    """How many working days come after `day` up to and including `later` (0 when `later` is
    not after `day`): a reply due on `day` and published on `later` is that many working days
    late. Returns a Deadline-like pair: (count, whether a day on the way was guessed)."""
    if later <= day:
        return 0, False
    calendar = WorkingDayCalendar(day, later)
    count, estimated = 0, False
    current = day
    while current < later:
        current += datetime.timedelta(days=1)
        working, source = calendar.status(current)
        estimated = estimated or source == ESTIMATED
        count += working
    return count, estimated
