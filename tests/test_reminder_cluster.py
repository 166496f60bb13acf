"""A real task cluster (`manage.py qcluster`, django-q2's ORM broker on PostgreSQL) killed with
SIGKILL in the middle of a reminder scan, then started again: each reminder is sent exactly once.

The scan's worker dies while its mail server is "talking" (tests.task_cluster.mail waits half a
second before it keeps a message as a file): that row's transaction dies with it and the row
stays pending, as do the rows not reached yet. The restarted cluster gets a new scan (as the
15-minute schedule would give it; twice, and the cluster's two workers run them at once) and, `retry` seconds after the killed worker took it, the old
scan again (the broker never got its acknowledgement): between them they send what is left, and
nothing twice. The scans run at a fixed moment, passed to the task as its argument.

A transactional test in a file of its own (the cluster reads what the test committed, and the
flush at the end would empty the database under other tests); on SQLite it is skipped (never two
processes writing SQLite; the claim relies on PostgreSQL's row locks)."""

import collections
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_q.models import OrmQ
from django_q.tasks import async_task

from onlinetalk.reminders.models import DeliveryStatus, ReminderLog
from tests.reminder_support import SEVERAL_DUE, SEVERAL_DUE_ROWS, world_with_people
from tests.task_cluster.mail import header_of, mail_files

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="a cluster beside the test needs PostgreSQL (never two processes on SQLite)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent
SCAN = "onlinetalk.reminders.scan.scan"
# Bounds against a hang, not measurements.
START_BOUND_SECONDS = 60
DONE_BOUND_SECONDS = 60
STOP_GRACE_SECONDS = 5


def start_cluster(mail_directory, log):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.task_cluster.settings",
        "REMINDER_CLUSTER_DATABASE": connection.settings_dict["NAME"],
        "REMINDER_MAIL_DIRECTORY": str(mail_directory),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=environment,
        start_new_session=True,  # a process group of its own: SIGKILL reaches every process
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def kill_group(cluster):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(cluster.pid, signal.SIGKILL)
    cluster.wait(timeout=10)


def stop(cluster):
    """SIGTERM to the main process only (sent to the whole group, django-q2 1.11 hangs: see
    bin/run_task_cluster.py), SIGKILL to the group if it is still there after the grace."""
    cluster.send_signal(signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        cluster.wait(timeout=STOP_GRACE_SECONDS)
    kill_group(cluster)


def wait_until(condition, bound, what, log_path):
    deadline = time.monotonic() + bound
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not within {bound} s:\n{log_path.read_text()[-4000:]}")
        time.sleep(0.05)


def pending():
    return ReminderLog.objects.filter(status=DeliveryStatus.PENDING).count()


def test_a_cluster_killed_mid_scan_and_restarted_sends_each_reminder_exactly_once(home, tmp_path):
    world_with_people(home)
    mail_directory = tmp_path / "mail"
    mail_directory.mkdir()
    log_path = tmp_path / "cluster.log"

    with log_path.open("ab") as log:
        cluster = start_cluster(mail_directory, log)
        try:
            async_task(SCAN, SEVERAL_DUE, sync=False)
            wait_until(
                lambda: mail_files(mail_directory), START_BOUND_SECONDS, "a first mail", log_path
            )
            # Well inside the next message's half second of "SMTP": the previous row committed.
            time.sleep(0.2)
        finally:
            kill_group(cluster)

        sent_before_the_kill = len(mail_files(mail_directory))
        assert 1 <= sent_before_the_kill < SEVERAL_DUE_ROWS
        assert ReminderLog.objects.count() == SEVERAL_DUE_ROWS
        # The row being sent when the worker died was rolled back: it is pending, as is the rest.
        assert pending() == SEVERAL_DUE_ROWS - sent_before_the_kill
        assert OrmQ.objects.count() == 1  # the killed scan, never acknowledged

        cluster = start_cluster(mail_directory, log)
        try:
            # The schedule's next scan, twice (two clusters, or a scan that overran): the two
            # workers run them at once, in two processes.
            async_task(SCAN, SEVERAL_DUE, sync=False)
            async_task(SCAN, SEVERAL_DUE, sync=False)
            # Everything sent, and the killed scan delivered again and finished (the queue
            # empty): a second send would have shown by then.
            wait_until(
                lambda: pending() == 0 and not OrmQ.objects.exists(),
                DONE_BOUND_SECONDS,
                "every reminder sent and the queue empty",
                log_path,
            )
        finally:
            stop(cluster)

    rows = list(ReminderLog.objects.all())
    files = collections.Counter(header_of(path) for path in mail_files(mail_directory))
    assert {row.status for row in rows} == {DeliveryStatus.SENT}
    assert files == collections.Counter(f"{row.rule}/{row.occurrence}/{row.pk}" for row in rows)
    assert set(files.values()) == {1}
    assert len(rows) == len(files) == SEVERAL_DUE_ROWS
