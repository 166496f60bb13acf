"""Each reminder rule of the notice fires at its moment — across the National Day and Spring
Festival holidays and their 调休 working weekends — and not for cancelled or postponed sessions;
a rescheduled session's reminders follow its new date."""

import datetime

import pytest
import time_machine

from onlinetalk.reminders.models import Audience, ReminderRule
from onlinetalk.reminders.rules import due_reminders
from onlinetalk.responses.models import CommitmentStatus
from onlinetalk.sessions.status import ScheduleChange
from tests.clock import local
from tests.factories import (
    AnnualSchedulePageFactory,
    CommitmentFactory,
    DepartmentFactory,
    LeaderFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
)

R = ReminderRule
UNIT = (Audience.UNIT,)
BOTH = (Audience.UNIT, Audience.OFFICE)


@pytest.fixture
def unit(db):
    return DepartmentFactory(name="市交通运输局", short_name="交通运输局")


@pytest.fixture
def year(home):
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    return AnnualSchedulePageFactory(parent=column, year=2022)


def session_at(year, unit, start, **fields):
    return TalkSessionPageFactory(parent=year, departments=[unit], start=start, **fields)


def fired(now, session=None, commitment=None):
    """{(rule, occurrence, audiences)} due at `now` about this session or commitment."""
    reminders = due_reminders(now)
    return {
        (reminder.rule, reminder.occurrence, reminder.audiences)
        for reminder in reminders
        if (session is None or getattr(reminder.session, "pk", None) == session.pk)
        and (commitment is None or getattr(reminder.commitment, "pk", None) == commitment.pk)
    }


# The session of 28 September 2022 (a Wednesday) at 10:00: plan due 13 September, live page
# (published), no leaders yet (the plan is incomplete). Its replies are due on the 10th working
# day after the session: 29, 30 September, then the National Day holiday (1–7 October), then the
# 调休 weekend 8 and 9 October (working days 3 and 4), so working day 7 is 12 October, 9 is
# 14 October and 10 — the deadline — 17 October. A Monday-to-Friday count would say 14, 18, 19.
NATIONAL_DAY = [
    (local(2022, 9, 10, 8, 59), set()),
    (local(2022, 9, 10, 9, 0), {(R.PLAN_BEFORE, "2022-09-10T09:00", UNIT)}),
    (local(2022, 9, 12, 22, 0), {(R.PLAN_BEFORE, "2022-09-10T09:00", UNIT)}),
    (local(2022, 9, 13, 9, 5), {(R.PLAN_DUE, "2022-09-13T09:00", UNIT)}),
    (local(2022, 9, 14, 8, 0), {(R.PLAN_DUE, "2022-09-13T09:00", UNIT)}),
    (local(2022, 9, 14, 9, 0), {(R.PLAN_OVERDUE, "2022-09-14T09:00", BOTH)}),
    (local(2022, 9, 20, 12, 0), {(R.PLAN_OVERDUE, "2022-09-20T09:00", BOTH)}),
    (
        local(2022, 9, 27, 9, 5),
        {
            (R.PLAN_OVERDUE, "2022-09-27T09:00", BOTH),
            (R.BRIEFING, "2022-09-27T09:00", UNIT),
            (R.REHEARSAL, "2022-09-27T09:00", BOTH),
        },
    ),
    (
        local(2022, 9, 27, 14, 30),
        {(R.PLAN_OVERDUE, "2022-09-27T09:00", BOTH), (R.BRIEFING, "2022-09-27T09:00", UNIT)},
    ),
    (
        local(2022, 9, 28, 9, 0),
        {
            (R.PLAN_OVERDUE, "2022-09-28T09:00", BOTH),
            (R.BRIEFING, "2022-09-27T09:00", UNIT),
            (R.LIVE, "2022-09-28T09:00", BOTH),
        },
    ),
    (local(2022, 9, 28, 10, 0), set()),  # live: nothing before the replies' first reminder
    (local(2022, 10, 11, 23, 0), set()),
    (local(2022, 10, 12, 9, 0), {(R.REPLIES_BEFORE, "2022-10-12T09:00", UNIT)}),
    (local(2022, 10, 13, 18, 0), {(R.REPLIES_BEFORE, "2022-10-12T09:00", UNIT)}),
    (local(2022, 10, 14, 9, 0), {(R.REPLIES_BEFORE, "2022-10-14T09:00", UNIT)}),
    (local(2022, 10, 17, 23, 0), {(R.REPLIES_BEFORE, "2022-10-14T09:00", UNIT)}),
    (local(2022, 10, 18, 8, 0), set()),
    (local(2022, 10, 18, 9, 0), {(R.REPLIES_OVERDUE, "2022-10-18T09:00", BOTH)}),
    (local(2022, 10, 22, 9, 30), {(R.REPLIES_OVERDUE, "2022-10-22T09:00", BOTH)}),
]


@pytest.mark.parametrize(
    ("now", "expected"), NATIONAL_DAY, ids=[str(now)[:16] for now, _ in NATIONAL_DAY]
)
def test_each_milestone_fires_at_its_moment_across_the_national_day(year, unit, now, expected):
    session = session_at(year, unit, local(2022, 9, 28, 10, 0))

    assert fired(now, session) == expected


# 18 January 2023 (a Wednesday): the Spring Festival holiday is 21–27 January, with the 调休
# working weekend 28 and 29 January. Working days after the session: 19, 20, 28, 29, 30, 31
# January, 1 (7th), 2, 3 (9th) and 6 February (10th: the deadline).
SPRING_FESTIVAL = [
    (local(2023, 1, 31, 9, 0), set()),
    (local(2023, 2, 1, 9, 0), {(R.REPLIES_BEFORE, "2023-02-01T09:00", UNIT)}),
    (local(2023, 2, 3, 9, 0), {(R.REPLIES_BEFORE, "2023-02-03T09:00", UNIT)}),
    (local(2023, 2, 6, 20, 0), {(R.REPLIES_BEFORE, "2023-02-03T09:00", UNIT)}),
    (local(2023, 2, 7, 9, 0), {(R.REPLIES_OVERDUE, "2023-02-07T09:00", BOTH)}),
]


@pytest.mark.parametrize(
    ("now", "expected"), SPRING_FESTIVAL, ids=[str(now)[:16] for now, _ in SPRING_FESTIVAL]
)
def test_replies_count_working_days_across_the_spring_festival(home, unit, now, expected):
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, year=2023)
    leader = LeaderFactory(department=unit)
    session = session_at(year, unit, local(2023, 1, 18, 10, 0), leaders=[leader])

    assert fired(now, session) == expected


def test_an_office_entry_in_the_holiday_calendar_moves_the_replies_reminders(year, unit):
    from onlinetalk.workdays.models import HolidayArrangement

    session = session_at(year, unit, local(2022, 9, 28, 10, 0))
    # The office declares 12 October a day off: working day 7 becomes 13 October.
    HolidayArrangement.objects.create(date=datetime.date(2022, 10, 12), is_working_day=False)

    assert fired(local(2022, 10, 12, 9, 30), session) == set()
    assert fired(local(2022, 10, 13, 9, 0), session) == {
        (R.REPLIES_BEFORE, "2022-10-13T09:00", UNIT)
    }


def test_a_complete_plan_and_published_replies_stop_their_reminders(year, unit):
    leader = LeaderFactory(department=unit)
    session = session_at(year, unit, local(2022, 9, 28, 10, 0), leaders=[leader])

    assert fired(local(2022, 9, 14, 9, 0), session) == set()
    assert fired(local(2022, 9, 27, 9, 5), session) == {
        (R.BRIEFING, "2022-09-27T09:00", UNIT),
        (R.REHEARSAL, "2022-09-27T09:00", BOTH),
    }

    session.replies_published_at = local(2022, 10, 13, 16, 0)
    session.save(update_fields=["replies_published_at"])
    assert fired(local(2022, 10, 14, 9, 0), session) == set()
    assert fired(local(2022, 10, 20, 9, 0), session) == set()


@pytest.mark.parametrize("change", [ScheduleChange.CANCELLED, ScheduleChange.POSTPONED])
@pytest.mark.parametrize(
    "now",
    [
        local(2022, 9, 10, 9, 5),
        local(2022, 9, 20, 9, 5),
        local(2022, 9, 27, 9, 5),
        local(2022, 9, 28, 9, 5),
        local(2022, 10, 12, 9, 5),
        local(2022, 10, 20, 9, 5),
    ],
    ids=lambda v: str(v)[:10],
)
def test_nothing_for_a_cancelled_or_postponed_session(year, unit, change, now):
    session = session_at(year, unit, local(2022, 9, 28, 10, 0), live=False)
    session.schedule_change = change
    session.schedule_change_explanation = "因故调整。"
    session.save()

    assert fired(now, session) == set()
    assert due_reminders(now) == []


def test_a_rescheduled_session_is_reminded_on_its_new_date(year, unit):
    leader = LeaderFactory(department=unit)
    session = session_at(year, unit, local(2022, 9, 28, 10, 0), leaders=[leader])
    session.start = local(2022, 10, 19, 15, 0)
    session.save()

    assert fired(local(2022, 9, 27, 9, 5), session) == set()
    assert fired(local(2022, 10, 18, 9, 5), session) == {
        (R.BRIEFING, "2022-10-18T09:00", UNIT),
        (R.REHEARSAL, "2022-10-18T09:00", BOTH),
    }
    assert fired(local(2022, 10, 19, 14, 0), session) == {
        (R.BRIEFING, "2022-10-18T09:00", UNIT),
        (R.LIVE, "2022-10-19T14:00", BOTH),
    }


def test_the_announcement_is_reminded_the_day_before_its_go_live_unless_approved(year, unit):
    leader = LeaderFactory(department=unit)
    draft = session_at(year, unit, local(2022, 9, 28, 10, 0), leaders=[leader], live=False)
    scheduled = session_at(year, unit, local(2022, 9, 29, 10, 0), leaders=[leader], live=False)
    with time_machine.travel(local(2022, 9, 15, 10, 0), tick=False):
        scheduled.go_live_at = local(2022, 9, 22, 10, 0)
        scheduled.save_revision().publish()  # approved for scheduled publishing
    scheduled.refresh_from_db()
    assert not scheduled.live

    # The draft's go-live is the notice's (7 days before the start): 21 September 10:00.
    assert fired(local(2022, 9, 20, 8, 59), draft) == set()
    assert fired(local(2022, 9, 20, 9, 0), draft) == {(R.ANNOUNCEMENT, "2022-09-20T09:00", BOTH)}
    assert fired(local(2022, 9, 21, 9, 59), draft) == {(R.ANNOUNCEMENT, "2022-09-20T09:00", BOTH)}
    assert fired(local(2022, 9, 21, 10, 0), draft) == set()
    assert fired(local(2022, 9, 21, 9, 0), scheduled) == set()


def test_a_go_live_the_editor_chose_moves_the_announcement_reminder(year, unit):
    leader = LeaderFactory(department=unit)
    session = session_at(year, unit, local(2022, 9, 28, 10, 0), leaders=[leader], live=False)
    session.go_live_at = local(2022, 9, 23, 8, 0)
    session.save()

    assert fired(local(2022, 9, 20, 9, 30), session) == set()
    assert fired(local(2022, 9, 22, 9, 30), session) == {(R.ANNOUNCEMENT, "2022-09-22T09:00", BOTH)}


def test_commitments_a_week_before_then_monthly_while_open(year, unit):
    session = session_at(
        year, unit, local(2022, 9, 28, 10, 0), replies_published_at=local(2022, 10, 13, 9, 0)
    )
    commitment = CommitmentFactory(
        session=session, department=unit, expected_on=datetime.date(2022, 11, 30)
    )
    done = CommitmentFactory(
        session=session, department=unit, expected_on=datetime.date(2022, 11, 30), done=True
    )
    assert done.status == CommitmentStatus.DONE

    assert fired(local(2022, 11, 23, 8, 0), commitment=commitment) == set()
    assert fired(local(2022, 11, 23, 9, 0), commitment=commitment) == {
        (R.COMMITMENT_BEFORE, "2022-11-23T09:00", UNIT)
    }
    assert fired(local(2022, 11, 30, 23, 0), commitment=commitment) == {
        (R.COMMITMENT_BEFORE, "2022-11-23T09:00", UNIT)
    }
    assert fired(local(2022, 12, 1, 9, 0), commitment=commitment) == set()
    assert fired(local(2022, 12, 30, 9, 0), commitment=commitment) == {
        (R.COMMITMENT_OVERDUE, "2022-12-30T09:00", UNIT)
    }
    assert fired(local(2023, 1, 29, 23, 0), commitment=commitment) == {
        (R.COMMITMENT_OVERDUE, "2022-12-30T09:00", UNIT)
    }
    # 30 February does not exist: the last day of the month stands in for it.
    assert fired(local(2023, 2, 28, 9, 0), commitment=commitment) == {
        (R.COMMITMENT_OVERDUE, "2023-02-28T09:00", UNIT)
    }
    assert fired(local(2022, 11, 23, 9, 0), commitment=done) == set()
    assert fired(local(2022, 12, 30, 9, 0), commitment=done) == set()


def test_the_english_page_of_a_session_is_the_same_session(year, unit, english):
    from tests.factories import english_version

    session = session_at(year, unit, local(2022, 9, 28, 10, 0))
    english_version(session)

    reminders = due_reminders(local(2022, 9, 27, 9, 5))
    assert {reminder.session.pk for reminder in reminders} == {session.pk}
    assert len(reminders) == 3
