"""Who gets each reminder, once, in their own language, with a link to the thing to do."""

import pytest
import time_machine
from django.core import mail

from onlinetalk.access.models import AccessRole
from onlinetalk.reminders.models import Audience, DeliveryStatus, ReminderLog, ReminderRule
from onlinetalk.reminders.scan import scan
from tests.approval_support import member, role_users
from tests.clock import local
from tests.factories import TalkSessionPageFactory, two_unit_programme

THE_DAY_BEFORE = local(2022, 9, 27, 9, 5)  # plan overdue, briefing and rehearsal of session a


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    world["people"] = role_users(world)
    return world


def scan_at(moment):
    with time_machine.travel(moment, tick=False):
        return scan()


def sent_to(rule):
    return sorted(
        ReminderLog.objects.filter(rule=rule, status=DeliveryStatus.SENT).values_list(
            "recipient__username", "audience"
        )
    )


def test_unit_reminders_reach_the_units_people_and_shared_ones_the_office(world):
    scan_at(THE_DAY_BEFORE)

    assert sent_to(ReminderRule.BRIEFING) == [
        ("a-editor", Audience.UNIT),
        ("a-reviewer", Audience.UNIT),
    ]
    assert sent_to(ReminderRule.REHEARSAL) == [
        ("a-editor", Audience.UNIT),
        ("a-reviewer", Audience.UNIT),
        ("office-approver", Audience.OFFICE),
        ("office-approver-2", Audience.OFFICE),
        ("office-editor", Audience.OFFICE),
    ]
    # Unit b's people hear nothing of unit a's session (theirs is in November).
    assert not ReminderLog.objects.filter(recipient__username__startswith="b-").exists()
    assert len(mail.outbox) == ReminderLog.objects.filter(status=DeliveryStatus.SENT).count() == 12


def test_a_scan_run_again_sends_nothing_more(world):
    first = scan_at(THE_DAY_BEFORE)
    again = scan_at(local(2022, 9, 27, 9, 20))

    assert (first.claimed, first.sent) == (12, 12)
    assert (again.due, again.claimed, again.sent) == (3, 0, 0)
    assert len(mail.outbox) == 12


def test_a_joint_session_reaches_both_units_once_each(world):
    session = TalkSessionPageFactory(
        parent=world["session a"].get_parent(),
        departments=[world["unit a"], world["unit b"]],
        start=local(2022, 12, 7, 10, 0),
    )
    scan_at(local(2022, 12, 6, 9, 5))

    rehearsal = ReminderLog.objects.filter(session=session, rule=ReminderRule.REHEARSAL)
    assert sorted(rehearsal.values_list("recipient__username", "department__name")) == [
        ("a-editor", "市教育局"),
        ("a-reviewer", "市教育局"),
        ("b-editor", "市民政局"),
        ("b-reviewer", "市民政局"),
        ("office-approver", "市教育局"),
        ("office-approver-2", "市教育局"),
        ("office-editor", "市教育局"),
    ]


def test_people_without_an_address_or_no_longer_active_are_not_mailed(world):
    people = world["people"]
    people["unit a reviewer"].is_active = False
    people["unit a reviewer"].save()
    people["unit a editor"].email = ""
    people["unit a editor"].save()
    member("a-editor-2", AccessRole.UNIT_EDITOR, world["unit a"])

    scan_at(THE_DAY_BEFORE)

    assert sent_to(ReminderRule.BRIEFING) == [("a-editor-2", Audience.UNIT)]


def test_each_recipient_reads_the_reminder_in_their_language(world):
    people = world["people"]
    english = member("a-editor-en", AccessRole.UNIT_EDITOR, world["unit a"], language="en")

    scan_at(THE_DAY_BEFORE)

    def message(user, rule):
        row = ReminderLog.objects.get(recipient=user, rule=rule)
        [found] = [
            m
            for m in mail.outbox
            if m.extra_headers["Message-ID"].startswith(f"<reminder-{row.pk}@")
        ]
        return found

    chinese_mail = message(people["unit a editor"], ReminderRule.BRIEFING)
    english_mail = message(english, ReminderRule.BRIEFING)
    assert chinese_mail.subject.startswith("[民生在线] 留言简报：")
    assert "请将留言交给领导" in chinese_mail.subject
    assert english_mail.subject.startswith("[Minsheng Online] Question briefing:")
    assert "hand the questions to the leaders" in english_mail.subject
    # The briefing's link, absolute, in both parts.
    session = world["session a"]
    link = f"http://testserver/admin/onlinetalk/briefings/{session.pk}/"
    assert link in english_mail.body
    assert f'href="{link}"' in english_mail.alternatives[0][0]
    assert english_mail.to == ["a-editor-en@example.gov.cn"]


def test_each_reminder_links_to_where_its_work_is_done(world):
    session = world["session a"]
    scan_at(local(2022, 9, 28, 9, 5))

    live = ReminderLog.objects.filter(rule=ReminderRule.LIVE, status=DeliveryStatus.SENT).first()
    [message] = [
        m
        for m in mail.outbox
        if m.extra_headers["Message-ID"] == f"<reminder-{live.pk}@minsheng-online>"
    ]
    assert f"http://testserver/admin/onlinetalk/live/{session.pk}/" in message.body
    plan = ReminderLog.objects.filter(rule=ReminderRule.PLAN_OVERDUE).first()
    [message] = [
        m
        for m in mail.outbox
        if m.extra_headers["Message-ID"] == f"<reminder-{plan.pk}@minsheng-online>"
    ]
    assert f"http://testserver/admin/pages/{session.pk}/edit/" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_title_with_markup_is_escaped_in_the_html_part(world):
    session = world["session a"]
    session.title = "<img src=x onerror=alert(1)>访谈"
    session.save()

    scan_at(THE_DAY_BEFORE)

    html = mail.outbox[0].alternatives[0][0]
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;访谈" in html
    assert "<img src=x onerror=alert(1)>访谈" in mail.outbox[0].body  # plain text stays text


def test_a_full_batch_queues_another_scan_at_once(world, settings):
    from onlinetalk import tasks

    settings.ONLINETALK_REMINDER_BATCH = 5
    with time_machine.travel(THE_DAY_BEFORE, tick=False):
        tasks.scan_reminders()  # sync cluster in the tests: the follow-up scans run inline

    assert len(mail.outbox) == 12
    assert ReminderLog.objects.filter(status=DeliveryStatus.SENT).count() == 12
