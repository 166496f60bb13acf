"""The demo's people and its sessions at the approval's steps (create_demo_admin, DEBUG only)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import TaskState, WorkflowState

from onlinetalk.approval.models import OfficeApprovalTask, UnitReviewTask
from onlinetalk.sessions.models import TalkSessionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(shared_demo, settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "demo-pass-123")
    call_command("create_demo_admin", stdout=StringIO())
    return {user.username: user for user in get_user_model().objects.all()}


def _state(slug):
    session = TalkSessionPage.objects.get(slug=slug, locale__language_code="zh-hans")
    return WorkflowState.objects.for_instance(session).get()


def test_one_person_per_role_logs_in_with_the_demo_password(people, client):
    expected = {"office-editor", "office-approver", "jyj-editor", "jyj-reviewer", "mzj-editor"}
    assert expected <= set(people)
    assert client.login(username="jyj-reviewer", password="demo-pass-123")
    assert client.get("/admin/").status_code == 200


def test_three_showcase_sessions_wait_at_the_workflows_steps(people):
    submitted = _state("showcase-live")
    assert submitted.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(submitted.current_task_state.task.specific, UnitReviewTask)
    assert submitted.requested_by.username == "jtj-editor"

    announced = _state("showcase-announced")
    assert announced.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(announced.current_task_state.task.specific, OfficeApprovalTask)

    ended = _state("showcase-ended")
    assert ended.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert ended.current_task_state.status == TaskState.STATUS_REJECTED
    assert "嘉宾名单" in ended.current_task_state.comment


def test_a_second_run_changes_nothing(people):
    before = (WorkflowState.objects.count(), TaskState.objects.count())
    call_command("create_demo_admin", stdout=StringIO())
    assert (WorkflowState.objects.count(), TaskState.objects.count()) == before
