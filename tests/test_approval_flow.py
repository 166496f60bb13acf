"""A session of unit A through the workflow, over the admin's own POST actions: the editor's
"submit" on the edit view, then the workflow action URLs for the unit's review and the Office's
approval. Rejections return it to the editor with the comment; nobody approves what they wrote;
ids copied into another page's URL, or made up, are refused."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from onlinetalk.approval.models import OfficeApprovalTask, UnitReviewTask
from tests.approval_forms import edit_form, post_edit
from tests.approval_support import role_users
from tests.factories import two_unit_programme

COMMENT_UNIT = "请补充主持人信息。"
COMMENT_OFFICE = "标题请与年度计划一致。"


@pytest.fixture
def world(home):
    programme = two_unit_programme(home)
    programme["users"] = role_users(programme)
    return programme


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def login(client, world, role):
    client.force_login(world["users"][role])


def submit(client, world, page, title, role="unit a editor"):
    login(client, world, role)
    response = post_edit(client, fresh(page), "action-submit", title=title)
    assert response.status_code == 302, response.status_code
    return fresh(page).current_workflow_state


def workflow_action(client, page, task_state, action, comment="", **headers):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment}, headers=headers)


XHR = {"x-requested-with": "XMLHttpRequest"}  # as the admin's workflow action modal posts


def refused(response):
    """Wagtail's answer to a PermissionDenied: 403 to the modal's request, a redirect to the
    dashboard to a plain form."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def current_task(page):
    state = fresh(page).current_workflow_state
    return state.current_task_state.specific if state and state.current_task_state else None


def test_a_page_of_unit_a_goes_through_both_steps_and_becomes_live(client, world):
    session = world["session a"]
    live_title = session.title

    state = submit(client, world, session, "课后服务（修订）")

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(current_task(session).task.specific, UnitReviewTask)
    assert fresh(session).title == live_title  # still the live version

    # The unit's reviewer opens it while it awaits their step, and approves it.
    login(client, world, "unit a reviewer")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[session.pk])).status_code == 200
    unit_step = current_task(session)
    response = workflow_action(client, session, unit_step, "approve", "同意")
    assert response.status_code == 302
    unit_step.refresh_from_db()
    assert unit_step.status == TaskState.STATUS_APPROVED
    assert unit_step.finished_by == world["users"]["unit a reviewer"]
    assert isinstance(current_task(session).task.specific, OfficeApprovalTask)
    assert not fresh(session).title.endswith("（修订）")

    # The Office's approver sees "Approve and publish", and their approval publishes.
    approver = world["users"]["office approver"]
    profile = UserProfile.get_for_user(approver)
    profile.preferred_language = "en"
    profile.save()
    login(client, world, "office approver")
    with translation.override("en"):
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
    assert "Approve and publish" in edit.content.decode()
    office_step = current_task(session)
    response = workflow_action(client, session, office_step, "approve", "")
    assert response.status_code == 302

    page = fresh(session)
    assert page.live and page.title == "课后服务（修订）"
    assert page.live_revision == office_step.revision
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def _rejected_returns_to_the_editor(client, world, session, rejected_step, comment):
    state = fresh(session).workflow_states.order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected_step.refresh_from_db()
    assert rejected_step.status == TaskState.STATUS_REJECTED
    assert rejected_step.comment == comment
    assert not fresh(session).title.endswith("（修订）")  # nothing went live
    # The editor sees the comment on their page and may edit it again.
    login(client, world, "unit a editor")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
    assert edit.status_code == 200
    assert comment in edit.content.decode()
    history = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[session.pk, state.pk])
    )
    assert comment in history.content.decode()
    return state


def test_a_rejection_at_the_unit_step_returns_it_to_the_editor_with_the_comment(client, world):
    session = world["session a"]
    submit(client, world, session, "课后服务（修订）")
    login(client, world, "unit a reviewer")
    unit_step = current_task(session)

    response = workflow_action(client, session, unit_step, "reject", COMMENT_UNIT)

    assert response.status_code == 302
    state = _rejected_returns_to_the_editor(client, world, session, unit_step, COMMENT_UNIT)

    # Edited and resubmitted, it awaits the unit's review again.
    resubmitted = submit(client, world, session, "课后服务（再次修订）")
    assert resubmitted.pk == state.pk and resubmitted.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(current_task(session).task.specific, UnitReviewTask)
    assert current_task(session).revision == fresh(session).latest_revision


def test_a_rejection_at_the_office_step_returns_it_to_the_editor_with_the_comment(client, world):
    session = world["session a"]
    submit(client, world, session, "课后服务（修订）")
    login(client, world, "unit a reviewer")
    workflow_action(client, session, current_task(session), "approve", "")
    login(client, world, "office approver")
    office_step = current_task(session)

    response = workflow_action(client, session, office_step, "reject", COMMENT_OFFICE)

    assert response.status_code == 302
    _rejected_returns_to_the_editor(client, world, session, office_step, COMMENT_OFFICE)

    # Edited and resubmitted, the new text needs the unit's review before the Office sees it.
    submit(client, world, session, "课后服务（再次修订）")
    step = current_task(session)
    assert isinstance(step.task.specific, UnitReviewTask)
    assert step.revision == fresh(session).latest_revision


def test_a_reviewer_who_edited_the_page_cannot_approve_it(client, world):
    session = world["session a"]
    submit(client, world, session, "课后服务（修订）")
    # The reviewer edits the page while it awaits their step (their own revision) ...
    login(client, world, "unit a reviewer")
    saved = client.post(
        reverse("wagtailadmin_pages:edit", args=[session.pk]),
        edit_form(fresh(session), "action-save", title="课后服务（审核人修改）"),
    )
    assert saved.status_code == 302
    assert fresh(session).latest_revision.user == world["users"]["unit a reviewer"]
    unit_step = current_task(session)

    # ... and may not approve it; another reviewer of the unit may.
    response = workflow_action(client, session, unit_step, "approve", "")

    assert refused(response)
    unit_step.refresh_from_db()
    assert unit_step.status == TaskState.STATUS_IN_PROGRESS
    assert (
        reverse("wagtailadmin_pages:workflow_action", args=[session.pk, "approve", unit_step.pk])
        not in client.get(reverse("wagtailadmin_pages:edit", args=[session.pk])).content.decode()
    )


def test_an_office_approver_who_edited_the_page_at_the_office_step_cannot_approve_it(client, world):
    session = world["session a"]
    submit(client, world, session, "课后服务（修订）")
    login(client, world, "unit a reviewer")
    workflow_action(client, session, current_task(session), "approve", "")
    login(client, world, "office approver")
    saved = client.post(
        reverse("wagtailadmin_pages:edit", args=[session.pk]),
        edit_form(fresh(session), "action-save", title="课后服务（办公室修改）"),
    )
    assert saved.status_code == 302
    office_step = current_task(session)

    response = workflow_action(client, session, office_step, "approve", "")

    assert refused(response)
    office_step.refresh_from_db()
    assert office_step.status == TaskState.STATUS_IN_PROGRESS
    assert not fresh(session).title.endswith("（办公室修改）")

    # The other approver of the Office approves it, and it goes live as the Office edited it.
    login(client, world, "office approver 2")
    workflow_action(client, session, office_step, "approve", "")
    office_step.refresh_from_db()
    assert office_step.status == TaskState.STATUS_APPROVED
    assert fresh(session).live and fresh(session).title == "课后服务（办公室修改）"


def test_an_editor_cannot_approve_what_they_submitted_even_as_a_reviewer(client, world):
    """Someone in both groups of the unit: their own submission awaits another reviewer."""
    session = world["session a"]
    editor = world["users"]["unit a editor"]
    reviewer_group = world["users"]["unit a reviewer"].groups.get()
    editor.groups.add(reviewer_group)
    submit(client, world, session, "课后服务（修订）")
    unit_step = current_task(session)

    response = workflow_action(client, session, unit_step, "approve", "")

    assert refused(response)
    unit_step.refresh_from_db()
    assert unit_step.status == TaskState.STATUS_IN_PROGRESS


# --- tampered ids -----------------------------------------------------------------------------


def test_a_unit_b_reviewer_with_unit_as_task_state_under_their_own_page_is_refused(client, world):
    session_a, session_b = world["session a"], world["session b"]
    submit(client, world, session_a, "课后服务（修订）")
    submit(client, world, session_b, "养老服务（修订）", role="unit b editor")
    task_a = current_task(session_a)
    login(client, world, "unit b reviewer")

    for action in ("approve", "reject"):
        modal = workflow_action(client, session_b, task_a, action, "伪造", **XHR)
        form = workflow_action(client, session_b, task_a, action, "伪造")

        assert modal.status_code == 403
        assert refused(form)
    task_a.refresh_from_db()
    assert task_a.status == TaskState.STATUS_IN_PROGRESS and task_a.comment == ""
    assert fresh(session_a).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task(session_b).status == TaskState.STATUS_IN_PROGRESS


def test_a_unit_b_reviewer_cannot_act_on_unit_as_page_directly(client, world):
    session_a = world["session a"]
    submit(client, world, session_a, "课后服务（修订）")
    task_a = current_task(session_a)
    login(client, world, "unit b reviewer")

    assert workflow_action(client, session_a, task_a, "approve", "", **XHR).status_code == 403
    assert refused(workflow_action(client, session_a, task_a, "approve", ""))
    task_a.refresh_from_db()
    assert task_a.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("bad_id", [0, 999999, 2**31, 2**63, 10**30])
@pytest.mark.parametrize("which", ["page", "task state"])
def test_nonexistent_and_overflowing_ids_are_not_found(client, world, which, bad_id):
    session_a = world["session a"]
    submit(client, world, session_a, "课后服务（修订）")
    task_a = current_task(session_a)
    login(client, world, "unit a reviewer")
    page_id, task_state_id = (bad_id, task_a.pk) if which == "page" else (session_a.pk, bad_id)

    for name in ("workflow_action", "collect_workflow_action_data"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[page_id, "approve", task_state_id])
        assert client.post(url, {"comment": ""}).status_code == 404
    task_a.refresh_from_db()
    assert task_a.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.parametrize("bad_id", [999999, 2**31, 2**63, 10**30])
@pytest.mark.parametrize(
    "view", ["edit", "view_draft", "history", "copy", "move", "delete", "unpublish"]
)
def test_page_views_with_nonexistent_ids_are_not_found(client, world, view, bad_id):
    login(client, world, "unit a editor")

    assert client.get(reverse(f"wagtailadmin_pages:{view}", args=[bad_id])).status_code == 404


def test_a_revision_of_another_page_is_not_shown_under_unit_bs_page(client, world):
    """Unit B's editor puts the id of a revision of A's page under their own page's URL."""
    session_a, session_b = world["session a"], world["session b"]
    a_revision = fresh(session_a).save_revision(user=world["users"]["unit a editor"])
    fresh(session_b).save_revision(user=world["users"]["unit b editor"])
    login(client, world, "unit b editor")

    for url in (
        reverse("wagtailadmin_pages:revisions_view", args=[session_b.pk, a_revision.pk]),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[session_b.pk, a_revision.pk, "latest"],
        ),
        reverse("wagtailadmin_pages:revisions_revert", args=[session_b.pk, a_revision.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert session_a.title not in response.content.decode()
