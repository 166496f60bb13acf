"""Attacks on the reminders: a row claimed for someone is sent only while that person is still
someone it would go to — active, with an address, in the Office or in a group of a unit the
reminder is about now. A person deactivated, or who left the unit's group, or whose unit the
session no longer belongs to, between the claim and the send (a mail server that was down, the
Office's "Send again") gets nothing; the row is recorded as no longer due. And the mail's subject
and HTML take a title's newlines and markup as text."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.reminders.models import DeliveryStatus, ReminderLog
from onlinetalk.reminders.resend import send_again
from onlinetalk.reminders.scan import scan
from tests.reminder_support import (
    SEVERAL_DUE,
    SEVERAL_DUE_ROWS,
    DownBackend,
    scan_everything,
    scan_failing,
    world_with_people,
)

pytestmark = pytest.mark.django_db

DOWN = override_settings(EMAIL_BACKEND="tests.reminder_support.DownBackend")
LOCMEM = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
LATER = SEVERAL_DUE + datetime.timedelta(minutes=30)


@pytest.fixture
def pending(home):
    """SEVERAL_DUE's rows claimed while the mail server was down: all pending."""
    world, people = world_with_people(home)
    DownBackend.reset()
    with DOWN, time_machine.travel(SEVERAL_DUE, tick=False):
        scan(SEVERAL_DUE)
    DownBackend.reset()
    assert ReminderLog.objects.filter(status=DeliveryStatus.PENDING).count() == SEVERAL_DUE_ROWS
    mail.outbox.clear()
    return world, people


def addressed_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def rows_of(user):
    return set(ReminderLog.objects.filter(recipient=user).values_list("status", flat=True))


def send_the_rest():
    with LOCMEM:
        scan_everything(LATER)


def test_a_person_deactivated_after_the_claim_is_not_mailed(pending):
    _world, people = pending
    editor = people["unit a editor"]
    editor.is_active = False
    editor.save()

    send_the_rest()

    assert addressed_to(editor) == []
    assert rows_of(editor) == {DeliveryStatus.SKIPPED}
    assert addressed_to(people["unit a reviewer"])  # the others still get theirs


def test_a_person_who_left_the_units_group_after_the_claim_is_not_mailed(pending):
    world, people = pending
    editor = people["unit a editor"]
    editor.groups.remove(
        AccessGroup.objects.get(role=AccessRole.UNIT_EDITOR, department=world["unit a"]).group
    )

    send_the_rest()

    assert addressed_to(editor) == []
    assert rows_of(editor) == {DeliveryStatus.SKIPPED}


def test_a_person_whose_address_was_removed_after_the_claim_is_not_mailed(pending):
    _world, people = pending
    office = people["office editor"]
    office.email = ""
    office.save()

    send_the_rest()

    assert rows_of(office) == {DeliveryStatus.SKIPPED}


def test_a_session_moved_to_another_unit_is_not_mailed_to_the_old_units_people(pending):
    world, people = pending
    session = world["session a"]
    session.departments = [world["unit b"]]
    session.save()

    send_the_rest()

    for old in ("unit a editor", "unit a reviewer"):
        assert addressed_to(people[old]) == []
        assert rows_of(people[old]) == {DeliveryStatus.SKIPPED}
    # The new unit is reminded instead (its own rows, claimed by the next scan).
    assert addressed_to(people["unit b editor"])
    assert addressed_to(people["office editor"])


def test_the_office_sending_again_does_not_reach_a_deactivated_person(home):
    _world, people = world_with_people(home)
    scan_failing(SEVERAL_DUE)
    editor = people["unit a editor"]
    failed = ReminderLog.objects.filter(recipient=editor, status=DeliveryStatus.FAILED)
    assert failed.exists()
    editor.is_active = False
    editor.save()
    mail.outbox.clear()

    for row in failed:
        assert send_again(row.pk, now=LATER)
    send_the_rest()

    assert addressed_to(editor) == []
    assert rows_of(editor) == {DeliveryStatus.SKIPPED}


def test_a_title_with_newlines_and_markup_stays_text_in_subject_and_html(home):
    world, people = world_with_people(home)
    session = world["session a"]
    session.title = 'Evil\r\nBcc: spy@example.com\n<script>alert("x")</script>' + "长" * 190
    session.save()

    with LOCMEM:
        scan_everything(SEVERAL_DUE)

    message = addressed_to(people["unit a editor"])[0]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert len(message.subject) <= 250
    assert "spy@example.com" not in message.to + message.cc + message.bcc
    assert "Bcc" not in message.extra_headers
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    row = ReminderLog.objects.filter(recipient=people["unit a editor"]).first()
    assert row.status == DeliveryStatus.SENT and len(row.subject) <= 300


# --- the admin: the log, Send again, the dashboard ----------------------------------------------

LOG = "/admin/reports/onlinetalk/reminders/"


def send_again_url(row_id):
    return f"{LOG}{row_id}/send-again/"


@pytest.fixture
def failed_rows(home):
    world, people = world_with_people(home)
    scan_failing(SEVERAL_DUE)
    return world, people


@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_send_again_answers_only_a_post(client, failed_rows, method):
    _world, people = failed_rows
    row = ReminderLog.objects.filter(status=DeliveryStatus.FAILED).first()
    client.force_login(people["office editor"])
    response = getattr(client, method)(send_again_url(row.pk))
    assert response.status_code == 405
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED


@pytest.mark.parametrize("row_id", [0, 2**31, 2**63, 10**30])
def test_send_again_of_a_row_that_does_not_exist_is_refused_politely(client, failed_rows, row_id):
    _world, people = failed_rows
    client.force_login(people["office editor"])
    response = client.post(send_again_url(row_id))
    assert response.status_code == 302 and response.url == LOG
    assert ReminderLog.objects.filter(status=DeliveryStatus.PENDING).count() == 0


@pytest.mark.parametrize("method", ["put", "delete", "post"])
def test_another_unit_reads_nothing_of_the_log_whatever_the_method(client, failed_rows, method):
    _world, people = failed_rows
    client.force_login(people["unit b editor"])
    response = getattr(client, method)(LOG)
    assert response.status_code == 405
    assert "a-editor" not in response.content.decode()


def test_an_inactive_user_is_sent_to_the_login(client, failed_rows):
    _world, people = failed_rows
    user = people["office editor"]
    user.is_active = False
    user.save()
    client.force_login(user)
    for response in (client.get(LOG), client.post(send_again_url(1))):
        assert response.status_code == 302 and response.url.startswith("/admin/login/")
    assert ReminderLog.objects.filter(status=DeliveryStatus.PENDING).count() == 0


def test_another_units_dashboard_names_none_of_unit_as_sessions(client, home):
    world, people = world_with_people(home)
    session = world["session a"]
    session.title = "教育局独有的访谈标题"
    session.save()
    client.force_login(people["unit b editor"])
    with time_machine.travel(SEVERAL_DUE, tick=False):
        response = client.get("/admin/")
    assert response.status_code == 200
    assert "教育局独有的访谈标题" not in response.content.decode()


def test_an_english_translation_of_a_session_adds_no_reminder(home):
    from wagtail.models import Locale

    world, _people = world_with_people(home)
    english = Locale.objects.get(language_code="en")
    with time_machine.travel(SEVERAL_DUE, tick=False):
        world["session a"].copy_for_translation(english, copy_parents=True)
    with LOCMEM:
        scan_everything(SEVERAL_DUE)
    assert ReminderLog.objects.count() == SEVERAL_DUE_ROWS
    assert ReminderLog.objects.filter(session__locale=english).count() == 0


# --- the subject changes between the claim and the send -----------------------------------------


@pytest.fixture
def pending_with_commitment(home):
    """As `pending`, and unit b's open commitment on session a, due in three days (its reminder
    claimed, pending)."""
    from tests.factories import CommitmentFactory

    world, people = world_with_people(home)
    with time_machine.travel(SEVERAL_DUE - datetime.timedelta(days=1), tick=False):
        commitment = CommitmentFactory(
            session=world["session a"],
            department=world["unit b"],
            expected_on=SEVERAL_DUE.date() + datetime.timedelta(days=3),
        )
    DownBackend.reset()
    with DOWN, time_machine.travel(SEVERAL_DUE, tick=False):
        scan(SEVERAL_DUE)
    DownBackend.reset()
    rows = ReminderLog.objects.filter(commitment=commitment)
    assert rows.exists() and set(rows.values_list("status", flat=True)) == {"pending"}
    mail.outbox.clear()
    return world, people, commitment


def test_a_commitment_of_unit_b_on_unit_as_session_reaches_unit_b_only(pending_with_commitment):
    _world, _people, commitment = pending_with_commitment
    recipients = set(
        ReminderLog.objects.filter(commitment=commitment, audience="unit").values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {"b-editor", "b-reviewer"}


def test_a_commitment_done_while_its_reminder_waits_is_not_mailed(pending_with_commitment):
    _world, _people, commitment = pending_with_commitment
    commitment.status = "done"
    commitment.save()

    send_the_rest()

    rows = ReminderLog.objects.filter(commitment=commitment)
    assert set(rows.values_list("status", flat=True)) == {DeliveryStatus.SKIPPED}
    assert not [m for m in mail.outbox if "commitment" in m.extra_headers["X-Onlinetalk-Reminder"]]


def test_a_session_deleted_while_its_reminders_wait_takes_them_along(pending):
    world, _people = pending
    world["session a"].delete()

    send_the_rest()

    assert not ReminderLog.objects.filter(status=DeliveryStatus.SENT).exists()
    assert mail.outbox == []
