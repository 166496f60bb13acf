"""Sending the reminders: a refusing mail server leaves the row pending with its attempt counted
and the rest for the next scan; later scans retry at REMINDER_RETRY_MINUTES; after
REMINDER_MAX_ATTEMPTS, or once its firing is no longer due, a row that failed is recorded as
failed (never dropped as "no longer due"); a recovered server sends each row once, under the
row's own Message-ID; each recipient reads the mail in their own language."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from wagtail.users.models import UserProfile

from onlinetalk.reminders.messages import compose
from onlinetalk.reminders.models import DeliveryStatus, ReminderLog, ReminderRule
from onlinetalk.reminders.scan import scan
from tests.reminder_support import (
    LIVE_DUE,
    LIVE_ROWS,
    SEVERAL_DUE,
    SEVERAL_DUE_ROWS,
    DownBackend,
    world_with_one_live_reminder,
    world_with_people,
)

pytestmark = pytest.mark.django_db

DOWN = override_settings(EMAIL_BACKEND="tests.reminder_support.DownBackend")
MINUTES = datetime.timedelta(minutes=1)


@pytest.fixture
def server():
    """The refusing server (down until the test sets DownBackend.down = False)."""
    DownBackend.reset()
    with DOWN:
        yield DownBackend
    DownBackend.reset()


def scan_at(moment):
    with time_machine.travel(moment, tick=False):
        return scan(moment)


def rows():
    return list(ReminderLog.objects.order_by("pk"))


def test_a_refusing_server_counts_one_attempt_and_leaves_the_rest_for_the_next_scan(home, server):
    world_with_people(home)

    result = scan_at(SEVERAL_DUE)

    assert (result.claimed, result.sent, result.failed, result.deferred) == (
        SEVERAL_DUE_ROWS,
        0,
        0,
        SEVERAL_DUE_ROWS,
    )
    assert server.calls == 1  # it stopped at the first refusal
    first, *rest = rows()
    assert first.status == DeliveryStatus.PENDING
    assert first.attempts == 1
    assert first.last_error == "SMTPException: 421 Service not available"
    assert first.next_attempt_at == SEVERAL_DUE + 5 * MINUTES  # REMINDER_RETRY_MINUTES[0]
    assert first.sent_at is None
    assert [(row.status, row.attempts, row.last_error, row.next_attempt_at) for row in rest] == [
        (DeliveryStatus.PENDING, 0, "", SEVERAL_DUE)
    ] * (SEVERAL_DUE_ROWS - 1)
    assert mail.outbox == []


def test_later_scans_retry_and_the_recovered_server_sends_each_row_once(home, server):
    world_with_people(home)
    scan_at(SEVERAL_DUE)
    scan_at(SEVERAL_DUE + 15 * MINUTES)  # still down: one more attempt, on another row
    assert server.calls == 2
    assert sorted(row.attempts for row in rows()) == [0] * (SEVERAL_DUE_ROWS - 2) + [1, 1]

    server.down = False
    result = scan_at(SEVERAL_DUE + 30 * MINUTES)
    again = scan_at(SEVERAL_DUE + 45 * MINUTES)

    assert (result.sent, result.deferred, again.claimed, again.sent) == (SEVERAL_DUE_ROWS, 0, 0, 0)
    assert len(mail.outbox) == SEVERAL_DUE_ROWS
    sent = rows()
    assert {row.status for row in sent} == {DeliveryStatus.SENT}
    assert sorted(row.attempts for row in sent) == [1] * (SEVERAL_DUE_ROWS - 2) + [2, 2]
    assert all(row.last_error == "" and row.subject for row in sent)
    assert sorted(message.extra_headers["Message-ID"] for message in mail.outbox) == sorted(
        f"<reminder-{row.pk}@minsheng-online>" for row in sent
    )


def test_a_row_is_retried_after_5_15_and_45_minutes_and_failed_once_its_firing_passed(home, server):
    world_with_one_live_reminder(home)  # the live reminder, valid until the start at 10:00

    scan_at(LIVE_DUE)  # 09:05
    (row,) = LIVE_ROWS.all()
    assert (row.rule, row.attempts, row.next_attempt_at) == (
        ReminderRule.LIVE,
        1,
        LIVE_DUE + 5 * MINUTES,
    )
    scan_at(LIVE_DUE + 4 * MINUTES)  # 09:09: not yet
    assert server.calls == 1
    scan_at(LIVE_DUE + 5 * MINUTES)  # 09:10: second attempt
    row.refresh_from_db()
    assert (server.calls, row.attempts, row.next_attempt_at) == (2, 2, LIVE_DUE + 20 * MINUTES)
    scan_at(LIVE_DUE + 20 * MINUTES)  # 09:25: third attempt, the next at 10:10
    row.refresh_from_db()
    assert (server.calls, row.attempts, row.next_attempt_at) == (3, 3, LIVE_DUE + 65 * MINUTES)
    scan_at(LIVE_DUE + 35 * MINUTES)  # 09:40: waiting
    row.refresh_from_db()
    assert (server.calls, row.status) == (3, DeliveryStatus.PENDING)

    server.down = False
    result = scan_at(LIVE_DUE + 65 * MINUTES)  # 10:10: the session has started

    row.refresh_from_db()
    assert (result.retired, result.sent, server.calls) == (1, 0, 3)
    assert row.status == DeliveryStatus.FAILED  # recorded, not silently "no longer due"
    assert (row.attempts, row.last_error) == (3, "SMTPException: 421 Service not available")
    assert mail.outbox == []


@override_settings(ONLINETALK_REMINDER_RETRY_MINUTES=(5,))
def test_after_the_last_attempt_the_row_is_failed_and_never_sent(home, server):
    world_with_one_live_reminder(home)
    results = [scan_at(LIVE_DUE + minutes * MINUTES) for minutes in (0, 5, 10, 15)]

    (row,) = LIVE_ROWS.all()
    assert [result.failed for result in results] == [0, 0, 0, 1]
    assert (row.status, row.attempts, server.calls) == (DeliveryStatus.FAILED, 4, 4)

    server.down = False
    scan_at(LIVE_DUE + 20 * MINUTES)
    row.refresh_from_db()
    assert (row.status, server.calls, mail.outbox) == (DeliveryStatus.FAILED, 4, [])


def test_the_retried_message_is_the_same_message(home, server):
    world_with_one_live_reminder(home)
    scan_at(LIVE_DUE)
    (row,) = LIVE_ROWS.all()
    refused = compose(row, LIVE_DUE)

    server.down = False
    for minutes in (5, 20, 35, 50):
        scan_at(LIVE_DUE + minutes * MINUTES)

    row.refresh_from_db()
    assert (row.status, row.attempts, len(mail.outbox)) == (DeliveryStatus.SENT, 2, 1)
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == refused.extra_headers["Message-ID"]
    assert message.extra_headers["Message-ID"] == f"<reminder-{row.pk}@minsheng-online>"
    assert message.extra_headers["X-Onlinetalk-Reminder"] == f"live/2022-09-28T09:00/{row.pk}"
    assert message.subject == row.subject == refused.subject


def test_rows_not_yet_attempted_are_skipped_and_the_attempted_one_failed_when_the_day_passed(
    home, server
):
    world_with_people(home)
    scan_at(SEVERAL_DUE)  # 2022-09-27 09:05: the first row (the plan, to the Office) refused
    first = rows()[0]
    assert (first.rule, first.attempts) == (ReminderRule.PLAN_OVERDUE, 1)

    scan_at(SEVERAL_DUE + datetime.timedelta(days=1))  # 09-28 09:05, still down

    yesterday = ReminderLog.objects.filter(occurrence="2022-09-27T09:00")
    statuses = sorted(yesterday.values_list("rule", "status", "attempts"))
    # The plan's and the rehearsal's firings of the 27th have passed; the briefing is valid
    # until the start (10:00 on the 28th): one of its rows is the one this scan tried.
    assert statuses == sorted(
        [
            (ReminderRule.BRIEFING, DeliveryStatus.PENDING, 0),
            (ReminderRule.BRIEFING, DeliveryStatus.PENDING, 1),
        ]
        + [(ReminderRule.PLAN_OVERDUE, DeliveryStatus.FAILED, 1)]
        + [(ReminderRule.PLAN_OVERDUE, DeliveryStatus.SKIPPED, 0)] * 4
        + [(ReminderRule.REHEARSAL, DeliveryStatus.SKIPPED, 0)] * 5
    )


def test_each_recipient_reads_the_reminder_in_their_language(home):
    world, people = world_with_people(home)
    english_editor, chinese_reviewer = people["unit a editor"], people["unit a reviewer"]
    profile = UserProfile.get_for_user(english_editor)
    profile.preferred_language = "en"
    profile.save()
    title = world["session a"].title

    scan_at(SEVERAL_DUE)

    def mail_to(user, rule):
        (message,) = [
            message
            for message in mail.outbox
            if message.to == [user.email]
            and message.extra_headers["X-Onlinetalk-Reminder"].startswith(f"{rule}/")
        ]
        return message

    english = mail_to(english_editor, ReminderRule.PLAN_OVERDUE)
    assert english.subject == (
        f"[Minsheng Online] Plan overdue: The plan of “{title}” was due on Sept. 14, 2022 and is "
        "still incomplete."
    )
    assert english.body.startswith("Dear a-editor,")
    chinese = mail_to(chinese_reviewer, ReminderRule.PLAN_OVERDUE)
    assert "2022年9月14日" in chinese.subject
    assert "Sept." not in chinese.subject + chinese.body
    rehearsal_en = mail_to(english_editor, ReminderRule.REHEARSAL)
    rehearsal_zh = mail_to(chinese_reviewer, ReminderRule.REHEARSAL)
    assert "Sept. 27, 2022, 2:30 p.m." in rehearsal_en.body
    assert "2022年9月27日 14:30" in rehearsal_zh.body
    # The log keeps the subject each person received.
    logged = dict(
        ReminderLog.objects.filter(rule=ReminderRule.PLAN_OVERDUE).values_list(
            "recipient__username", "subject"
        )
    )
    assert logged["a-editor"] == english.subject
    assert logged["a-reviewer"] == chinese.subject
