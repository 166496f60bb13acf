"""`manage.py reminders` says what is due and to whom without sending (in the site's language);
`--send` runs the scan."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from onlinetalk.reminders.models import ReminderLog
from tests.approval_support import role_users
from tests.factories import two_unit_programme


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    role_users(world)
    return world


def run(*args):
    out = StringIO()
    call_command("reminders", *args, stdout=out)
    return out.getvalue()


def test_the_dry_run_lists_the_due_reminders_and_sends_nothing(world):
    output = run("--at", "2022-09-27T09:05")

    assert output.startswith("reminders due at 2022-09-27 09:05: 3 (12 mails)")
    title = world["session a"].title
    assert f"- 留言简报 · {title} · 2022-09-27T09:00 → " in output
    assert "a-editor (not claimed yet), a-reviewer (not claimed yet)" in output
    assert "office-editor" in output.split("明日彩排")[1]
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_send_runs_the_scan_and_the_listing_then_shows_what_was_sent(world):
    sent = run("--at", "2022-09-27T09:05", "--send")
    listing = run("--at", "2022-09-27T09:10")

    assert sent.strip().endswith("due 3, claimed 12, retired 0, sent 12, failed 0, deferred 0")
    assert len(mail.outbox) == 12
    assert "a-editor (已发送)" in listing
    assert "not claimed yet" not in listing


def test_a_moment_that_is_no_moment_is_refused_with_an_example():
    with pytest.raises(CommandError, match=r"write e\.g\. 2022-09-27T09:05"):
        run("--at", "yesterday")
