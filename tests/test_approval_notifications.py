"""The approval's e-mails: who is told at each step, in their own language, never the person who
acted (issue 10, "Notifications and the dashboard")."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from onlinetalk.access.models import AccessRole
from onlinetalk.templatetags.onlinetalk_tags import talk_datetime
from tests.approval_support import column_workflow, member, role_users
from tests.factories import english_version, two_unit_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    return two_unit_programme(home)


@pytest.fixture
def people(world):
    users = role_users(world)
    users["unit a reviewer en"] = member(
        "a-reviewer-en", AccessRole.UNIT_REVIEWER, world["unit a"], language="en"
    )
    return users


def submit(page, editor):
    page.save_revision(user=editor)
    column_workflow().start(page, editor)
    page.refresh_from_db()
    return page.current_workflow_task_state


def act(page, user, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    return task_state


def mails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def only_mail_to(user):
    messages = mails_to(user)
    assert len(messages) == 1, [message.subject for message in messages]
    return messages[0]


# --- the unit step: the page's own unit's reviewers -----------------------------------------------


def test_a_submission_reaches_the_reviewers_of_the_pages_unit_only(world, people):
    page = world["session a"]
    with translation.override("en"):
        submit(page, people["unit a editor"])
    recipients = {address for message in mail.outbox for address in message.to}
    assert people["unit a reviewer"].email in recipients
    assert people["unit a reviewer en"].email in recipients
    assert people["unit b reviewer"].email not in recipients
    assert people["office approver"].email not in recipients
    assert people["unit a editor"].email not in recipients  # the person who submitted


def test_each_reviewer_reads_the_submission_in_their_own_language(world, people):
    page = world["session a"]
    with translation.override("en"):  # the submitter works in English: it does not leak
        submit(page, people["unit a editor"])
    chinese = only_mail_to(people["unit a reviewer"])
    english = only_mail_to(people["unit a reviewer en"])
    title = page.title
    assert chinese.subject == f"“{title}”等待本单位审核"
    assert "单位审核" in chinese.body
    assert "你好" in chinese.body
    assert english.subject == f'"{title}" awaits your unit\'s review'
    assert 'at the step "Unit review"' in english.body
    assert "Hello" in english.body
    assert f"/admin/pages/{page.pk}/edit/" in english.body


def test_a_reviewer_without_a_language_reads_the_sites_default(world, people, settings):
    profile = UserProfile.get_for_user(people["unit a reviewer"])
    profile.preferred_language = ""
    profile.save()
    with translation.override("en"):
        submit(world["session a"], people["unit a editor"])
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert "等待本单位审核" in only_mail_to(people["unit a reviewer"]).subject


def test_a_reviewer_who_turned_submissions_off_gets_none(world, people):
    profile = UserProfile.get_for_user(people["unit a reviewer en"])
    profile.submitted_notifications = False
    profile.save()
    submit(world["session a"], people["unit a editor"])
    assert mails_to(people["unit a reviewer en"]) == []
    assert len(mails_to(people["unit a reviewer"])) == 1


def test_an_inactive_reviewer_gets_none(world, people):
    people["unit a reviewer en"].is_active = False
    people["unit a reviewer en"].save()
    submit(world["session a"], people["unit a editor"])
    assert mails_to(people["unit a reviewer en"]) == []


def test_the_english_page_reaches_the_same_reviewers(world, people):
    english = english_version(world["session a"])
    call_command("setup_portal", stdout=StringIO())  # the workflow on the English column too
    mail.outbox.clear()
    task_state = submit(english, people["unit a editor"])
    assert task_state.task.specific.__class__.__name__ == "UnitReviewTask"
    recipients = {address for message in mail.outbox for address in message.to}
    assert people["unit a reviewer"].email in recipients
    assert people["unit a reviewer en"].email in recipients
    assert people["unit b reviewer"].email not in recipients
    assert english.title in only_mail_to(people["unit a reviewer en"]).subject


def test_unit_b_reviewers_get_unit_bs_submission(world, people):
    submit(world["session b"], people["unit b editor"])
    assert len(mails_to(people["unit b reviewer"])) == 1
    assert mails_to(people["unit a reviewer"]) == []


# --- the Office step ------------------------------------------------------------------------------


def test_the_units_approval_tells_the_offices_approvers_not_the_reviewer(world, people):
    page = world["session a"]
    submit(page, people["unit a editor"])
    mail.outbox.clear()
    with translation.override("zh-hans"):
        act(page, people["unit a reviewer"], "approve")
    assert mails_to(people["unit a reviewer"]) == []  # the person who acted
    assert mails_to(people["unit a editor"]) == []  # not final yet
    chinese = only_mail_to(people["office approver"])
    assert "市政府办公室审批" in chinese.subject
    assert "审批" in chinese.body
    assert mails_to(people["unit b reviewer"]) == []


def test_the_office_step_speaks_english_to_an_english_approver(world, people):
    profile = UserProfile.get_for_user(people["office approver 2"])
    profile.preferred_language = "en"
    profile.save()
    page = world["session a"]
    submit(page, people["unit a editor"])
    mail.outbox.clear()
    with translation.override("zh-hans"):  # the reviewer works in Chinese
        act(page, people["unit a reviewer"], "approve")
    english = only_mail_to(people["office approver 2"])
    assert english.subject == (
        f'The page "{page.title}" has been submitted for approval in moderation stage '
        '"Office approval"'
    )
    assert "Hello" in english.body


# --- rejection at either step ---------------------------------------------------------------------


def test_a_rejection_by_the_unit_returns_the_comment_to_the_submitter(world, people):
    page = world["session a"]
    submit(page, people["unit a editor"])
    mail.outbox.clear()
    act(page, people["unit a reviewer"], "reject", comment="请补充嘉宾名单。")
    message = only_mail_to(people["unit a editor"])
    assert "请补充嘉宾名单。" in message.body
    assert "单位审核" in message.body
    assert "被拒绝" in message.subject
    assert mails_to(people["unit a reviewer"]) == []
    assert len(mail.outbox) == 1


def test_a_rejection_by_the_office_returns_the_comment_in_english(world, people):
    profile = UserProfile.get_for_user(people["unit a editor"])
    profile.preferred_language = "en"
    profile.save()
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "approve")
    mail.outbox.clear()
    with translation.override("zh-hans"):
        act(page, people["office approver"], "reject", comment="Please add the venue.")
    message = only_mail_to(people["unit a editor"])
    assert 'The following comment was left: "Please add the venue."' in message.body
    assert 'rejected during "Office approval"' in message.body
    assert mails_to(people["office approver"]) == []
    assert len(mail.outbox) == 1


# --- final approval -------------------------------------------------------------------------------


def test_the_final_approval_tells_the_submitter_the_page_is_live(world, people):
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "approve")
    mail.outbox.clear()
    act(page, people["office approver"], "approve")
    page.refresh_from_db()
    assert page.current_workflow_state is None
    message = only_mail_to(people["unit a editor"])
    assert message.subject == f"“{page.title}”已审批并发布"
    assert page.full_url in message.body
    assert mails_to(people["office approver"]) == []
    assert len(mail.outbox) == 1


def test_the_final_approval_of_a_scheduled_page_says_when_it_goes_live(world, people):
    profile = UserProfile.get_for_user(people["unit a editor"])
    profile.preferred_language = "en"
    profile.save()
    page = world["session a"].specific
    moment = timezone.now() + datetime.timedelta(days=3)
    page.go_live_at = moment
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "approve")
    mail.outbox.clear()
    act(page, people["office approver"], "approve")
    message = only_mail_to(people["unit a editor"])
    assert message.subject == f'"{page.title}" has been approved and scheduled'
    with translation.override("en"), timezone.override("Asia/Shanghai"):
        expected = talk_datetime(moment)
    assert f"will go live on {expected}." in message.body


def test_a_superuser_who_submits_is_not_mailed_about_it(world, people):
    """A superuser who submits is not sent Wagtail's "submitted" copy of their own submission."""
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("boss", "boss@example.gov.cn", "pw")
    page = world["session a"]
    submit(page, boss)
    assert mails_to(boss) == []
    assert len(mails_to(people["unit a reviewer"])) == 1


def test_no_unit_step_mail_for_a_finished_unit_step(world, people):
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "approve")
    states = TaskState.objects.filter(workflow_state__object_id=str(page.pk))
    assert {state.status for state in states} == {
        TaskState.STATUS_APPROVED,
        TaskState.STATUS_IN_PROGRESS,
    }
    assert len(mails_to(people["unit a reviewer en"])) == 1  # the submission only


def test_the_html_part_is_in_the_recipients_language_too(world, people, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    with translation.override("zh-hans"):
        submit(world["session a"], people["unit a editor"])
    english = only_mail_to(people["unit a reviewer en"])
    html, content_type = english.alternatives[0]
    assert content_type == "text/html"
    assert 'lang="en"' in html
    assert "awaits your unit's review at the step" in html


def test_a_resubmission_after_the_offices_rejection_goes_to_the_unit_first(world, people):
    """The changed text is the unit's to review again before the Office sees it."""
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "approve")
    act(page, people["office approver"], "reject", comment="Venue missing.")
    mail.outbox.clear()
    page.refresh_from_db()
    page.save_revision(user=people["unit a editor"])
    page.current_workflow_state.resume(user=people["unit a editor"])
    assert len(mails_to(people["unit a reviewer"])) == 1
    assert mails_to(people["office approver"]) == []
    assert mails_to(people["office approver 2"]) == []
    assert mails_to(people["unit a editor"]) == []


def test_a_resubmission_after_the_units_rejection_goes_back_to_the_unit(world, people):
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "reject", comment="Guests missing.")
    mail.outbox.clear()
    page.refresh_from_db()
    page.save_revision(user=people["unit a editor"])
    page.current_workflow_state.resume(user=people["unit a editor"])
    assert len(mails_to(people["unit a reviewer"])) == 1
    assert mails_to(people["office approver"]) == []
    assert mails_to(people["unit b reviewer"]) == []


def test_a_rejection_through_the_admin_mails_the_comment(
    client, world, people, django_capture_on_commit_callbacks
):
    page = world["session a"]
    task_state = submit(page, people["unit a editor"])
    mail.outbox.clear()
    client.force_login(people["unit a reviewer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
            {"comment": "请补充嘉宾名单。"},
        )
    assert response.status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    message = only_mail_to(people["unit a editor"])
    assert "请补充嘉宾名单。" in message.body
    assert len(mail.outbox) == 1
