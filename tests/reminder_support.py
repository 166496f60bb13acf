"""The reminders' tests: the two-unit programme with its people, the moments at which reminders
are due, and mail backends that fail, record or write files."""

import smtplib
import threading

import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings

from onlinetalk.access.models import AccessRole
from onlinetalk.reminders.models import DeliveryStatus, ReminderLog, ReminderRule
from onlinetalk.reminders.scan import scan as run_scan
from onlinetalk.sessions.models import SessionLeader
from tests.approval_support import member, role_users
from tests.clock import local
from tests.factories import LeaderFactory, two_unit_programme

BUILT_AT = local(2022, 9, 1, 10, 0)
# Session a starts on 2022-09-28 at 10:00. At this moment its plan is overdue (no leaders), the
# question briefing and the rehearsal's reminder are due: 5 + 2 + 5 rows with role_users' people.
SEVERAL_DUE = local(2022, 9, 27, 9, 5)
SEVERAL_DUE_ROWS = 12
# An hour before session a: its live reminder (until the start at 10:00).
LIVE_DUE = local(2022, 9, 28, 9, 5)


def world_with_people(home):
    """two_unit_programme and role_users, built before any reminder is due."""
    with time_machine.travel(BUILT_AT, tick=False):
        world = two_unit_programme(home)
        people = role_users(world)
    return world, people


def world_with_one_live_reminder(home):
    """Session a with a complete plan and one unit editor, whose reminders of the day before (the
    briefing, the rehearsal) were sent: at LIVE_DUE only the live reminder is due, to that one
    person (one row, LIVE_ROWS)."""
    from onlinetalk.reminders.scan import scan

    with time_machine.travel(BUILT_AT, tick=False):
        world = two_unit_programme(home)
        session = world["session a"]
        leader = LeaderFactory(department=world["unit a"])
        SessionLeader.objects.create(page=session, leader=leader, locale=session.locale)
        editor = member("a-editor", AccessRole.UNIT_EDITOR, world["unit a"])
    locmem = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    with locmem, time_machine.travel(SEVERAL_DUE, tick=False):
        assert scan(SEVERAL_DUE).sent == 2
    mail.outbox.clear()
    return world, editor


LIVE_ROWS = ReminderLog.objects.filter(rule=ReminderRule.LIVE)


class DownBackend(BaseEmailBackend):
    """A mail server that refuses everything while `down` is set (the default); otherwise it
    delivers to django.core.mail.outbox. `calls` counts every message it was handed."""

    down = True
    calls = 0

    def send_messages(self, messages):
        for message in messages:
            DownBackend.calls += 1
            if DownBackend.down:
                raise smtplib.SMTPException("421 Service not available")
            mail.outbox.append(message)
        return len(messages)

    @classmethod
    def reset(cls, down=True):
        cls.down, cls.calls = down, 0


class RecordingBackend(BaseEmailBackend):
    """Records every message's X-Onlinetalk-Reminder header, from any thread, and waits a
    little per message (a slow server widens the window in which two scans could both send)."""

    lock = threading.Lock()
    headers = []
    pause = 0.02

    def send_messages(self, messages):
        import time

        for message in messages:
            time.sleep(RecordingBackend.pause)
            with RecordingBackend.lock:
                RecordingBackend.headers.append(message.extra_headers["X-Onlinetalk-Reminder"])
        return len(messages)


# --- the admin's reminder log (test_reminder_log_admin, test_reminder_dashboard) -------------------

# The day before session a: the moment of SEVERAL_DUE (its plan overdue, the briefing and the
# rehearsal due).
DAY_BEFORE = SEVERAL_DUE


def scan_everything(now):
    """Scan at `now` until nothing due is left pending (a scan stops at the first refusal)."""
    with time_machine.travel(now, tick=False):
        for _ in range(200):
            run_scan(now)
            if not ReminderLog.objects.filter(
                status=DeliveryStatus.PENDING, next_attempt_at__lte=now, valid_until__gt=now
            ).exists():
                return
    raise AssertionError("the scans did not finish")


def scan_failing(now):
    """Every reminder due at `now` recorded as failed: the server refuses, one attempt each."""
    DownBackend.reset(down=True)
    refusing = override_settings(
        EMAIL_BACKEND="tests.reminder_support.DownBackend", ONLINETALK_REMINDER_MAX_ATTEMPTS=1
    )
    with refusing:
        scan_everything(now)
