"""Four scans at the same instant, in threads on PostgreSQL, with a slow mail server: each
reminder is sent once. The claim (INSERT … ON CONFLICT DO NOTHING) gives each reminder one log
row whoever inserts it; the send takes each row under FOR UPDATE SKIP LOCKED and marks it sent
in the same transaction, so no two scans send one row.

A transactional test in a file of its own (its flush would empty the database under the
others); on SQLite, which serialises writers by itself, it is skipped."""

import collections
import threading

import pytest
import time_machine
from django.db import connection, connections
from django.test import override_settings

from onlinetalk.reminders.models import DeliveryStatus, ReminderLog
from onlinetalk.reminders.scan import scan
from tests.factories import TalkSessionPageFactory
from tests.reminder_support import (
    BUILT_AT,
    SEVERAL_DUE,
    SEVERAL_DUE_ROWS,
    RecordingBackend,
    world_with_people,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers by itself; the row locks matter on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCANS = 4
MORE_SESSIONS = 3  # like session a: each has as many reminders due


def scans_at_once(now, count):
    """scan(now) in `count` threads released together: their results and errors."""
    start = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            start.wait()
            results.append(scan(now))
        except Exception as error:  # the test reports it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@override_settings(EMAIL_BACKEND="tests.reminder_support.RecordingBackend")
def test_four_scans_at_once_send_each_reminder_once(home):
    world, _people = world_with_people(home)
    with time_machine.travel(BUILT_AT, tick=False):
        for _number in range(MORE_SESSIONS):
            TalkSessionPageFactory(
                parent=world["session a"].get_parent(), departments=[world["unit a"]]
            )
    expected_rows = SEVERAL_DUE_ROWS * (1 + MORE_SESSIONS)
    RecordingBackend.headers = []

    with time_machine.travel(SEVERAL_DUE, tick=False):
        results, errors = scans_at_once(SEVERAL_DUE, SCANS)

    assert errors == []
    rows = list(ReminderLog.objects.all())
    assert len(rows) == expected_rows
    assert {row.status for row in rows} == {DeliveryStatus.SENT}
    assert {row.attempts for row in rows} == {1}
    sent = collections.Counter(RecordingBackend.headers)
    assert len(RecordingBackend.headers) == expected_rows
    assert sent == collections.Counter(f"{row.rule}/{row.occurrence}/{row.pk}" for row in rows)
    assert set(sent.values()) == {1}
    assert sum(result.sent for result in results) == expected_rows
    # The scans really overlapped: more than one of them sent something.
    assert sum(1 for result in results if result.sent) > 1
