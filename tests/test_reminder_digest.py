"""The Office's overdue digest: on working days only (a 调休 Saturday is one, a holiday is not),
one mail per Office member and day whatever the cluster does, listing what is late."""

import datetime

import pytest
import time_machine
from django.core import mail

from onlinetalk import tasks
from onlinetalk.reminders.digest import send_digest
from onlinetalk.reminders.models import DeliveryStatus, ReminderLog, ReminderRule
from tests.approval_support import role_users
from tests.clock import local
from tests.factories import CommitmentFactory, two_unit_programme


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    world["people"] = role_users(world)
    return world


def digest_at(moment):
    with time_machine.travel(moment, tick=False):
        return send_digest()


def digests():
    return ReminderLog.objects.filter(rule=ReminderRule.OFFICE_DIGEST)


@pytest.mark.parametrize(
    ("moment", "sent"),
    [
        (local(2022, 10, 18, 9, 0), 3),  # a Tuesday
        (local(2022, 10, 22, 9, 0), 0),  # a Saturday
        (local(2022, 10, 23, 9, 0), 0),  # a Sunday
        (local(2022, 10, 4, 9, 0), 0),  # the National Day holiday (a Tuesday)
        (local(2022, 10, 8, 9, 0), 3),  # 调休: a Saturday that is a working day
    ],
    ids=["tuesday", "saturday", "sunday", "national-day", "tiaoxiu-saturday"],
)
def test_the_digest_goes_out_on_working_days_only(world, moment, sent):
    CommitmentFactory(
        session=world["session a"],
        department=world["unit a"],
        expected_on=datetime.date(2022, 9, 30),
    )  # overdue on each of these days

    digest_at(moment)

    assert len(mail.outbox) == sent
    assert digests().filter(status=DeliveryStatus.SENT).count() == sent


def test_one_digest_per_office_member_and_day_however_often_it_runs(world):
    digest_at(local(2022, 10, 18, 9, 0))
    digest_at(local(2022, 10, 18, 9, 0))
    with time_machine.travel(local(2022, 10, 18, 11, 0), tick=False):
        tasks.send_overdue_digest()

    assert sorted(digests().values_list("recipient__username", flat=True)) == [
        "office-approver",
        "office-approver-2",
        "office-editor",
    ]
    assert len(mail.outbox) == 3
    digest_at(local(2022, 10, 19, 9, 0))
    assert len(mail.outbox) == 6


def test_the_digest_lists_what_is_late_and_links_to_it(world):
    session_a = world["session a"]
    commitment = CommitmentFactory(
        session=session_a,
        department=world["unit a"],
        text="增开夜间公交线路",
        expected_on=datetime.date(2022, 10, 10),
    )

    digest_at(local(2022, 10, 18, 9, 0))

    body = mail.outbox[0].body
    # Session a's replies were due on 17 October; session b (16 November) is not late yet.
    assert session_a.title in body
    assert world["session b"].title not in body
    assert f"http://testserver/admin/pages/{session_a.pk}/edit/" in body
    assert "增开夜间公交线路" in body
    assert f"/admin/snippets/onlinetalk/commitment/edit/{commitment.pk}/" in body
    assert "逾期事项：2项" in mail.outbox[0].subject
    assert "逾期1天" in body  # the replies, due at the end of 17 October
    assert "逾期8天" in body  # the commitment, due at the end of 10 October


def test_no_digest_when_nothing_is_late(world):
    session = world["session a"]
    session.replies_published_at = local(2022, 10, 14, 9, 0)
    session.save(update_fields=["replies_published_at"])

    result = digest_at(local(2022, 10, 18, 9, 0))

    assert (result.due, result.claimed) == (0, 0)
    assert mail.outbox == []
