"""China's statutory working days: holidays, 调休 weekends, the office's overrides and the
Monday–Friday fallback for years nobody knows yet (issue 3, "Milestones and working days")."""

import datetime

import pytest

from onlinetalk.workdays import (
    Deadline,
    add_working_days,
    is_known_year,
    is_working_day,
    working_days_after,
)
from onlinetalk.workdays.models import HolidayArrangement

pytestmark = pytest.mark.django_db

date = datetime.date


# --- the packaged State Council arrangements -----------------------------------------------


def test_replies_after_the_national_day_holiday():
    # 2022-09-28 (Wed): 9-29, 9-30, [10-01…10-07 off], 10-08 (Sat, 调休), 10-09 (Sun, 调休),
    # 10-10 … 10-14, 10-17 is the tenth working day.
    assert add_working_days(date(2022, 9, 28), 10) == date(2022, 10, 17)
    assert working_days_after(date(2022, 9, 28), 10) == Deadline(date(2022, 10, 17), False)


def test_replies_after_the_labour_day_holiday():
    # 2022-04-28 (Thu): 4-29, [4-30…5-04 off], 5-05, 5-06, 5-07 (Sat, 调休), 5-09 … 5-13, 5-16.
    assert add_working_days(date(2022, 4, 28), 10) == date(2022, 5, 16)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        # Day 1 is the first working day *after* the day, never the day itself.
        (date(2022, 9, 28), 1, date(2022, 9, 29)),
        (date(2022, 9, 29), 1, date(2022, 9, 30)),
        # From the last working day before the holiday, day 1 is the 调休 Saturday.
        (date(2022, 9, 30), 1, date(2022, 10, 8)),
        (date(2022, 9, 30), 2, date(2022, 10, 9)),
        (date(2022, 9, 30), 3, date(2022, 10, 10)),
        # From inside the holiday as well.
        (date(2022, 10, 3), 1, date(2022, 10, 8)),
        # A Friday: day 1 is the Monday.
        (date(2022, 6, 10), 1, date(2022, 6, 13)),
        # Across the new year (both years known).
        (date(2022, 12, 28), 10, date(2023, 1, 12)),
    ],
)
def test_day_one_is_the_first_working_day_after_the_day(day, count, expected):
    assert add_working_days(day, count) == expected


def test_working_days_on_a_session_day_that_is_itself_a_holiday_do_not_count_it():
    # A session held on a working Saturday (调休) counts from the next working day.
    assert is_working_day(date(2022, 10, 8))
    assert add_working_days(date(2022, 10, 8), 1) == date(2022, 10, 9)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2022, 10, 8), True),  # Saturday made a working day (调休)
        (date(2022, 10, 9), True),  # Sunday made a working day (调休)
        (date(2022, 5, 7), True),  # Saturday made a working day (调休, Labour Day)
        (date(2022, 10, 3), False),  # Monday, National Day holiday
        (date(2022, 10, 1), False),  # National Day
        (date(2022, 5, 4), False),  # Wednesday, Labour Day holiday
        (date(2022, 10, 15), False),  # an ordinary Saturday
        (date(2022, 10, 12), True),  # an ordinary Wednesday
    ],
)
def test_is_working_day_follows_the_state_council_arrangement(day, working):
    assert is_working_day(day) is working


def test_zero_or_negative_working_days_is_an_error():
    with pytest.raises(ValueError):
        add_working_days(date(2022, 9, 28), 0)
    with pytest.raises(ValueError):
        working_days_after(date(2022, 9, 28), -1)


# --- the office's overrides ------------------------------------------------------------------


def test_an_office_day_off_beats_the_package():
    # 2022-10-10 (Mon) is a working day in the package; the office declares it a day off.
    assert is_working_day(date(2022, 10, 10))
    HolidayArrangement.objects.create(date=date(2022, 10, 10), is_working_day=False, note="测试")

    assert not is_working_day(date(2022, 10, 10))


def test_an_office_working_day_beats_the_package():
    # 2022-10-15 is an ordinary Saturday; the office makes it a working day.
    HolidayArrangement.objects.create(date=date(2022, 10, 15), is_working_day=True, note="调休")

    assert is_working_day(date(2022, 10, 15))


def test_an_office_day_off_moves_the_deadline_by_one_working_day():
    """One day off entered by the office moves the deadline by exactly one working day; the rest
    of the packaged arrangement (the National Day holiday, the 调休 weekends) still applies."""
    HolidayArrangement.objects.create(date=date(2022, 10, 10), is_working_day=False, note="测试")

    deadline = working_days_after(date(2022, 9, 28), 10)

    assert deadline.date == date(2022, 10, 18)
    assert deadline.estimated is False


def test_an_office_day_off_keeps_the_rest_of_the_packaged_year():
    # Entering one day of 2022 must not turn the National Day holiday back into working days.
    HolidayArrangement.objects.create(date=date(2022, 12, 30), is_working_day=False, note="测试")

    assert not is_working_day(date(2022, 10, 3))
    assert is_working_day(date(2022, 10, 8))


# --- a year nobody knows yet ------------------------------------------------------------------


def test_an_unknown_year_falls_back_to_monday_to_friday_and_says_so():
    assert not is_known_year(2030)
    # 2030-05-01 is a Wednesday; Labour Day is not known for 2030, so it counts as a working day.
    deadline = working_days_after(date(2030, 4, 30), 10)
    # 5-01 … 5-03, 5-06 … 5-10, 5-13, 5-14.
    assert deadline == Deadline(date(2030, 5, 14), True)
    assert is_working_day(date(2030, 5, 1))
    assert not is_working_day(date(2030, 5, 4))  # a Saturday


def test_known_years_are_known():
    assert is_known_year(2022)
    assert is_known_year(2026)


def test_a_deadline_that_runs_into_an_unknown_year_is_estimated():
    # The package knows 2026 but not 2027.
    assert not is_known_year(2027)
    deadline = working_days_after(date(2026, 12, 28), 10)
    assert deadline.estimated is True
    within_2026 = working_days_after(date(2026, 12, 1), 10)
    assert within_2026.estimated is False


def test_once_the_office_enters_a_day_of_the_year_its_deadlines_are_no_longer_estimated():
    assert working_days_after(date(2030, 6, 3), 10).estimated is True

    HolidayArrangement.objects.create(date=date(2030, 1, 1), is_working_day=False, note="元旦")

    assert is_known_year(2030)
    deadline = working_days_after(date(2030, 6, 3), 10)
    assert deadline.estimated is False
    # Days the office did not enter follow Monday–Friday: 6-04 … 6-07, 6-10 … 6-14, 6-17.
    assert deadline.date == date(2030, 6, 17)


def test_the_office_can_enter_a_whole_unknown_year_holiday():
    # The office publishes 2030's Dragon Boat Festival: 2030-06-05 (Wed) off, 2030-06-08 (Sat)
    # a working day.
    HolidayArrangement.objects.bulk_create(
        [
            HolidayArrangement(date=date(2030, 6, 5), is_working_day=False, note="端午节"),
            HolidayArrangement(date=date(2030, 6, 8), is_working_day=True, note="端午节调休"),
        ]
    )
    assert not is_working_day(date(2030, 6, 5))
    assert is_working_day(date(2030, 6, 8))
    # 6-04, [6-05 off], 6-06, 6-07, 6-08 (Sat, working), 6-10 … 6-14, 6-17.
    assert working_days_after(date(2030, 6, 3), 10) == Deadline(date(2030, 6, 17), False)
    assert working_days_after(date(2030, 6, 3), 9) == Deadline(date(2030, 6, 14), False)


# --- cost ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10, 60, 200])
def test_working_days_after_costs_one_query_whatever_the_count(count, django_assert_num_queries):
    HolidayArrangement.objects.create(date=date(2022, 10, 10), is_working_day=False)
    with django_assert_num_queries(1):
        working_days_after(date(2022, 9, 28), count)


def test_working_days_after_costs_one_query_across_years(django_assert_num_queries):
    with django_assert_num_queries(1):
        working_days_after(date(2022, 12, 20), 30)
    with django_assert_num_queries(1):
        working_days_after(date(2029, 12, 20), 30)
