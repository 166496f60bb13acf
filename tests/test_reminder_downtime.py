"""After downtime, no flood: a scan that comes days late sends the firing of each series that is
valid now, once, and none of the firings it missed; a reminder whose moment passed while nothing
ran (the live exchange's hour) is not sent late. django-q2's side: with `catch_up: False` a
schedule that missed many slots runs once, then waits for its next slot in the future."""

import datetime

import pytest
import time_machine
from django.core import mail
from django_q.conf import Conf
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler

from onlinetalk.provisioning import (
    OVERDUE_DIGEST_NAME,
    PUBLISH_SCHEDULED_NAME,
    PURGE_CONTACTS_NAME,
    REMINDER_SCAN_NAME,
)
from onlinetalk.reminders.models import DeliveryStatus, ReminderLog, ReminderRule
from onlinetalk.reminders.scan import scan
from tests.clock import local
from tests.reminder_support import SEVERAL_DUE, SEVERAL_DUE_ROWS, world_with_people

pytestmark = pytest.mark.django_db

OFFICE_AND_UNIT_A = 5  # the Office's three people and unit a's two


def scan_at(moment):
    with time_machine.travel(moment, tick=False):
        return scan(moment)


def sent_by_occurrence():
    rows = ReminderLog.objects.filter(status=DeliveryStatus.SENT)
    found = {}
    for rule, occurrence in rows.values_list("rule", "occurrence"):
        found[(rule, occurrence)] = found.get((rule, occurrence), 0) + 1
    return found


def test_three_days_down_the_daily_series_sends_todays_firing_once_and_none_it_missed(home):
    world_with_people(home)
    scan_at(local(2022, 9, 14, 9, 5))  # the first day the plan is overdue
    assert sent_by_occurrence() == {(ReminderRule.PLAN_OVERDUE, "2022-09-14T09:00"): 5}

    late = scan_at(local(2022, 9, 17, 16, 0))  # nothing ran on the 15th, 16th and 17th morning
    again = scan_at(local(2022, 9, 17, 16, 15))

    assert (late.due, late.sent, again.claimed, again.sent) == (1, OFFICE_AND_UNIT_A, 0, 0)
    assert sent_by_occurrence() == {
        (ReminderRule.PLAN_OVERDUE, "2022-09-14T09:00"): OFFICE_AND_UNIT_A,
        (ReminderRule.PLAN_OVERDUE, "2022-09-17T09:00"): OFFICE_AND_UNIT_A,
    }
    assert len(mail.outbox) == 2 * OFFICE_AND_UNIT_A


def test_thirty_hours_down_over_the_live_hour_sends_nothing_late(home):
    world_with_people(home)
    scan_at(SEVERAL_DUE)  # 09-27 09:05: the plan, the briefing, the rehearsal
    assert len(mail.outbox) == SEVERAL_DUE_ROWS

    # Down until 09-28 15:05: the plan's reminder of the 28th and the live reminder (09:00 to
    # the start at 10:00) fell due and passed while nothing ran.
    late = scan_at(SEVERAL_DUE + datetime.timedelta(hours=30))

    assert (late.due, late.claimed, late.sent) == (0, 0, 0)
    assert len(mail.outbox) == SEVERAL_DUE_ROWS
    assert not ReminderLog.objects.filter(rule=ReminderRule.LIVE).exists()
    assert not ReminderLog.objects.filter(occurrence__startswith="2022-09-28").exists()


def test_the_cluster_settings_do_not_catch_up():
    assert Conf.CATCH_UP is False


def test_a_schedule_that_missed_many_slots_runs_once_then_waits_for_the_next_slot(home):
    world_with_people(home)  # setup_portal made the schedules on 2022-09-01
    schedule = Schedule.objects.get(name=REMINDER_SCAN_NAME)
    # Nothing else is due in this world at these moments.
    Schedule.objects.filter(
        name__in=[PUBLISH_SCHEDULED_NAME, OVERDUE_DIGEST_NAME, PURGE_CONTACTS_NAME]
    ).update(repeats=0)
    back = local(2022, 9, 17, 16, 0)  # sixteen days (over 1,500 slots of 15 minutes) later
    assert schedule.next_run < back - datetime.timedelta(days=16)

    with time_machine.travel(back, tick=False):
        scheduler()  # sync in tests: the queued scan runs at once
        scheduler()  # the next tick of the cluster's scheduler, at the same moment
    with time_machine.travel(back + datetime.timedelta(seconds=30), tick=False):
        scheduler()

    runs = Task.objects.filter(group=REMINDER_SCAN_NAME)
    assert runs.count() == 1
    (run,) = runs
    assert run.success and run.func == "onlinetalk.tasks.scan_reminders"
    assert run.result.startswith(f"due 1, claimed {OFFICE_AND_UNIT_A},")
    schedule.refresh_from_db()
    assert back < schedule.next_run <= back + datetime.timedelta(minutes=15)
    # The one scan sent the day's plan reminder, nothing of the sixteen days before.
    assert sent_by_occurrence() == {
        (ReminderRule.PLAN_OVERDUE, "2022-09-17T09:00"): OFFICE_AND_UNIT_A
    }


def test_with_catch_up_the_same_schedule_would_run_again_at_every_tick(home, monkeypatch):
    """What `catch_up: False` prevents: django-q2's default moves next_run one slot on per run,
    so each tick of the scheduler (every 30 seconds) runs the scan again."""
    world_with_people(home)
    Schedule.objects.exclude(name=REMINDER_SCAN_NAME).update(repeats=0)
    monkeypatch.setattr(Conf, "CATCH_UP", True)
    back = local(2022, 9, 17, 16, 0)

    for tick in range(3):
        with time_machine.travel(back + datetime.timedelta(seconds=30 * tick), tick=False):
            scheduler()

    assert Task.objects.filter(group=REMINDER_SCAN_NAME).count() == 3
    schedule = Schedule.objects.get(name=REMINDER_SCAN_NAME)
    assert schedule.next_run < back
    # The claim still sends each reminder once; the scan just runs for nothing.
    assert sent_by_occurrence() == {
        (ReminderRule.PLAN_OVERDUE, "2022-09-17T09:00"): OFFICE_AND_UNIT_A
    }
