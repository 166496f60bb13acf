"""What the scan reads costs the same for 1 session as for 20 of each kind: the sessions in one
query with their units, the pages approved for scheduling in one, the commitments in one, the
working-day calendar once (not once per session), the recipients in one. bench/reminder_scan.py
measures the same at 1,000 and 10,000 sessions."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from onlinetalk.reminders.models import ReminderRule
from onlinetalk.reminders.recipients import recipients
from onlinetalk.reminders.rules import due_reminders
from onlinetalk.reminders.scan import rows_for
from onlinetalk.request_memo import remembering
from tests.clock import local
from tests.factories import CommitmentFactory, DepartmentFactory, TalkSessionPageFactory

pytestmark = pytest.mark.django_db

NOW = local(2022, 9, 27, 9, 5)
DAY = datetime.timedelta(days=1)


def sessions_of_each_kind(year_page, count, first=0):
    """`count` sessions of each kind the scan considers, each of its own unit: tomorrow's (the
    plan overdue, the briefing, the rehearsal), one that ended unreplied (its 7th working day today), and one
    with an open commitment due within a week; plus replied ones the scan does not read."""
    with time_machine.travel(local(2022, 9, 1, 10, 0), tick=False):
        for number in range(first, first + count):
            unit = DepartmentFactory(name=f"市测试{number}局")
            TalkSessionPageFactory(
                parent=year_page, departments=[unit], start=local(2022, 9, 28, 10, 0)
            )
            ended = TalkSessionPageFactory(
                parent=year_page, departments=[unit], start=local(2022, 9, 16, 10, 0)
            )
            TalkSessionPageFactory(
                parent=year_page,
                departments=[unit],
                start=local(2022, 8, 3, 10, 0),
                replies_published_at=local(2022, 8, 10, 10, 0),
            )
            CommitmentFactory(session=ended, department=unit, expected_on=NOW.date() + 3 * DAY)


def queries_of(work):
    clock = time_machine.travel(NOW, tick=False)
    with clock, remembering(), CaptureQueriesContext(connection) as captured:
        result = work()
    return len(captured), result


def what_the_scan_reads():
    due = due_reminders(NOW)
    return due, rows_for(due, recipients(), NOW)


def test_the_rules_cost_the_same_queries_for_1_and_for_20_sessions_of_each_kind(
    year_page, django_assert_num_queries
):
    sessions_of_each_kind(year_page, 1)
    one, (due_of_one, _rows) = queries_of(lambda: what_the_scan_reads())
    rules_one, _due = queries_of(lambda: due_reminders(NOW))
    assert sorted(reminder.rule for reminder in due_of_one) == sorted(
        [
            ReminderRule.PLAN_OVERDUE,
            ReminderRule.BRIEFING,
            ReminderRule.REHEARSAL,
            ReminderRule.REPLIES_BEFORE,
            ReminderRule.COMMITMENT_BEFORE,
        ]
    )

    sessions_of_each_kind(year_page, 19, first=1)
    with time_machine.travel(NOW, tick=False):
        with remembering(), django_assert_num_queries(one):
            due, _rows = what_the_scan_reads()
        with remembering(), django_assert_num_queries(rules_one):
            due_reminders(NOW)
    assert len(due) == 20 * len(due_of_one)
