"""Shared helpers of the session tests: the demo loaded once per module at a fixed moment."""

import contextlib
import datetime
import io

import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from tests.serialized_rollback import restore_what_the_migrations_made

# The moment the showcase sessions are built around (a Wednesday, 10:00 Beijing time).
DEMO_NOW = datetime.datetime.fromisoformat("2026-11-25T10:00:00+08:00")


def load_demo(now=DEMO_NOW):
    """Run `load_demo --now NOW` with the clock frozen at NOW (scheduled publishing compares
    go_live_at with the real clock)."""
    with time_machine.travel(now, tick=False):
        call_command("load_demo", "--now", now.isoformat(), stdout=io.StringIO())


@contextlib.contextmanager
def demo_for_module(django_db_blocker, now=DEMO_NOW):
    """Load the demo once inside a transaction that is rolled back when the module is done;
    each test still runs in its own savepoint (pytest-django's `db`)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            restore_what_the_migrations_made()
            load_demo(now)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
