"""What the edit view says about the approval: the last step's approve action reads "Approve and
publish" (or "schedule"), and a reviewer who wrote the latest changes is told why they have no
approve action."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.approval_support import role_users
from tests.factories import two_unit_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    world["users"] = role_users(world)
    return world


def _submit(page, user, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    page.refresh_from_db()
    return page


def _approve(page, user):
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, user, "approve")
    page.refresh_from_db()


def _edit_view(client, page):
    with translation.override("en"):
        return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


def test_the_office_step_approves_and_publishes(world, client):
    users = world["users"]
    page = _submit(world["session a"], users["unit a editor"], summary="新的摘要。")
    _approve(page, users["unit a reviewer"])
    client.force_login(users["office approver"])
    users["office approver"].wagtail_userprofile.preferred_language = "en"
    users["office approver"].wagtail_userprofile.save()
    html = _edit_view(client, page)
    assert "Approve and publish" in html
    assert "Approve with comment and publish" in html
    assert "Approve and schedule" not in html
    assert 'data-workflow-action-name="approve"' in html


def test_with_a_go_live_moment_the_office_step_approves_and_schedules(world, client):
    users = world["users"]
    go_live = timezone.now() + datetime.timedelta(days=3)
    page = _submit(world["session a"], users["unit a editor"], go_live_at=go_live)
    _approve(page, users["unit a reviewer"])
    profile = users["office approver"].wagtail_userprofile
    profile.preferred_language = "en"
    profile.save()
    client.force_login(users["office approver"])
    html = _edit_view(client, page)
    assert "Approve and schedule" in html
    assert "Approve and publish" not in html


def test_the_unit_step_does_not_say_publish(world, client):
    users = world["users"]
    page = _submit(world["session a"], users["unit a editor"], summary="新的摘要。")
    profile = users["unit a reviewer"].wagtail_userprofile
    profile.preferred_language = "en"
    profile.save()
    client.force_login(users["unit a reviewer"])
    html = _edit_view(client, page)
    assert "Request changes" in html
    assert "Approve with comment" in html
    assert "Approve and publish" not in html
    assert "Approve with comment and publish" not in html


def test_a_reviewer_who_wrote_the_changes_is_told_why_they_cannot_approve(world, client):
    users = world["users"]
    reviewer = users["unit a reviewer"]
    page = _submit(world["session a"], users["unit a editor"], summary="新的摘要。")
    page.summary = "审核人改写的摘要。"
    page.save_revision(user=reviewer)
    profile = reviewer.wagtail_userprofile
    profile.preferred_language = "en"
    profile.save()
    client.force_login(reviewer)
    html = _edit_view(client, page)
    assert "You wrote the latest changes of this page, so you cannot approve them" in html
    assert 'data-workflow-action-name="approve"' not in html
    state = page.current_workflow_task_state
    assert state.task.specific.get_actions(page, reviewer) == []
