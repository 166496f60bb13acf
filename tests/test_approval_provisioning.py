"""setup_portal's part of the approval: one workflow, 单位审核 → 市政府办公室审批, on every locale's
column pages (run it again as often as you like), so that no page of the column or of the hot
responses falls back to Wagtail's "Moderators approval", and an English translation goes
through the same two steps as its Chinese source."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    Locale,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.approval.models import OfficeApprovalTask, UnitReviewTask
from onlinetalk.responses.models import HotResponseIndexPage
from onlinetalk.schedule.models import TalkIndexPage
from tests.approval_support import column_workflow, role_users
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
    english_version,
    suggestion_block,
)


def setup_portal():
    call_command("setup_portal", stdout=StringIO())


@pytest.fixture
def site(home):
    """Both columns with a session and its response, in Chinese and English."""
    unit = DepartmentFactory(name="市教育局", short_name="教育局")
    other_unit = DepartmentFactory(name="市民政局", short_name="民政局")
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, year=2022)
    session = TalkSessionPageFactory(parent=year, departments=[unit], title="课后服务")
    responses = HotResponseIndexPageFactory(parent=home, slug="hot-responses")
    response = HotResponsePageFactory(
        parent=responses, session=session, body=[suggestion_block()], published=True
    )
    english_session = english_version(session)
    english_response = english_version(response)
    setup_portal()
    return {
        "unit": unit,
        "other unit": other_unit,
        "year": year,
        "session": session,
        "response": response,
        "english session": english_session,
        "english response": english_response,
        "english year": english_session.get_parent().specific,
    }


def column_pages():
    return [*TalkIndexPage.objects.all(), *HotResponseIndexPage.objects.all()]


def test_setup_portal_twice_makes_one_workflow_with_its_two_steps_in_order(site):
    setup_portal()

    workflow = column_workflow()
    assert Workflow.objects.filter(workflow_tasks__task__unitreviewtask__isnull=False).count() == 1
    assert UnitReviewTask.objects.count() == 1 and OfficeApprovalTask.objects.count() == 1
    steps = [type(step.task.specific) for step in workflow.workflow_tasks.order_by("sort_order")]
    assert steps == [UnitReviewTask, OfficeApprovalTask]
    assert workflow.active and all(task.active for task in Task.objects.all())
    approvers = AccessGroup.objects.get(role=AccessRole.OFFICE_APPROVER, department=None).group
    assert list(OfficeApprovalTask.objects.get().groups.all()) == [approvers]


def test_the_workflow_is_on_every_locales_column_pages(site):
    setup_portal()

    pages = column_pages()
    assert {page.locale.language_code for page in pages} == {"zh-hans", "en"}
    assert len(pages) == 4
    for page in pages:
        assert WorkflowPage.objects.get(page=page).workflow == column_workflow()


def test_a_renamed_workflow_or_task_is_kept_not_doubled(site):
    workflow = column_workflow()
    workflow.name = "审批流程（改名）"
    workflow.save()
    UnitReviewTask.objects.update(name="单位审核（改名）")

    setup_portal()

    assert column_workflow().pk == workflow.pk
    assert Workflow.objects.filter(name="审批流程（改名）").count() == 1
    assert UnitReviewTask.objects.get().name == "单位审核（改名）"


def test_a_step_taken_out_of_order_is_put_back(site):
    workflow = column_workflow()
    workflow.workflow_tasks.all().delete()
    office = OfficeApprovalTask.objects.get()
    workflow.workflow_tasks.create(task=office, sort_order=0)

    setup_portal()

    steps = [step.task.specific for step in column_workflow().workflow_tasks.order_by("sort_order")]
    assert [type(task) for task in steps] == [UnitReviewTask, OfficeApprovalTask]


def test_moderators_approval_never_applies_to_a_column_page(site):
    moderators = Workflow.objects.filter(name="Moderators approval").first()
    column_pages_and_below = [
        page.specific
        for column in column_pages()
        for page in Page.objects.descendant_of(column, inclusive=True)
    ]

    assert len(column_pages_and_below) >= 10
    for page in column_pages_and_below:
        assert page.get_workflow() == column_workflow(), page
        assert moderators is None or page.get_workflow() != moderators


def test_an_english_column_made_after_setup_portal_gets_the_workflow_at_the_next_run(home):
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, year=2022)
    setup_portal()
    english_year = english_version(year)
    english_column = english_year.get_parent()

    setup_portal()

    assert WorkflowPage.objects.get(page=english_column).workflow == column_workflow()
    assert english_year.get_workflow() == column_workflow()


def test_page_permissions_by_role_on_every_locales_columns(site):
    setup_portal()

    def codenames(role, page, unit=None):
        group = AccessGroup.objects.get(role=role, department=unit).group
        return set(
            GroupPagePermission.objects.filter(group=group, page=page).values_list(
                "permission__codename", flat=True
            )
        )

    for page in column_pages():
        assert codenames(AccessRole.UNIT_EDITOR, page, site["unit"]) == {"add_page", "change_page"}
        assert codenames(AccessRole.UNIT_REVIEWER, page, site["unit"]) == set()
        assert "publish_page" not in codenames(AccessRole.OFFICE_EDITOR, page)
        assert "publish_page" in codenames(AccessRole.OFFICE_APPROVER, page)
    for name in ("Editors", "Moderators"):
        assert not GroupPagePermission.objects.filter(group__name=name).exists()
    assert Group.objects.filter(name__in=("Editors", "Moderators")).count() == 2


# --- an English translation goes through the same two steps ---------------------------------


@pytest.mark.parametrize("kind", ["english session", "english response"])
def test_an_english_translation_goes_through_both_steps_to_live(client, site, kind):
    page = site[kind]
    users = role_users({"unit a": site["unit"], "unit b": site["other unit"]})
    assert page.locale == Locale.objects.get(language_code="en")
    assert page.get_workflow() == column_workflow()
    page.unpublish()

    # The unit's editor submits the English version from its edit view.
    client.force_login(users["unit a editor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    submitted = client.post(edit_url, {"action-submit": "action"})
    assert submitted.status_code == 302
    state = Page.objects.get(pk=page.pk).specific.current_workflow_state
    assert state is not None and state.workflow == column_workflow()
    unit_step = state.current_task_state.specific
    assert isinstance(unit_step.task.specific, UnitReviewTask)
    assert unit_step.revision.user == users["unit a editor"]

    # Another unit's reviewer may not take the step; the unit's own reviewer does.
    for role, expected in (("unit b reviewer", TaskState.STATUS_IN_PROGRESS),):
        client.force_login(users[role])
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", unit_step.pk]),
            {"comment": ""},
        )
        unit_step.refresh_from_db()
        assert unit_step.status == expected
    client.force_login(users["unit a reviewer"])
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", unit_step.pk]),
        {"comment": ""},
    )
    unit_step.refresh_from_db()
    assert unit_step.status == TaskState.STATUS_APPROVED
    assert not Page.objects.get(pk=page.pk).live

    client.force_login(users["office approver"])
    office_step = Page.objects.get(pk=page.pk).specific.current_workflow_state.current_task_state
    assert isinstance(office_step.task.specific, OfficeApprovalTask)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", office_step.pk]
            ),
            {"comment": ""},
        )

    page = Page.objects.get(pk=page.pk)
    assert page.live and page.live_revision == unit_step.revision
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_an_english_translation_is_not_submitted_by_another_units_editor(client, site):
    page = site["english session"]
    users = role_users({"unit a": site["unit"], "unit b": site["other unit"]})
    client.force_login(users["unit b editor"])

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-submit": "action"}
    )

    # The edit view refuses before any hook runs: Wagtail's "no permission" redirect home.
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert Page.objects.get(pk=page.pk).specific.current_workflow_state is None


def test_an_english_translation_sent_back_is_resubmitted_to_its_unit(client, site):
    page = site["english session"]
    users = role_users({"unit a": site["unit"], "unit b": site["other unit"]})
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(users["unit a editor"])
    client.post(edit_url, {"action-submit": "action"})
    state = Page.objects.get(pk=page.pk).specific.current_workflow_state
    client.force_login(users["unit a reviewer"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "英文标题请与中文一致。"},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(users["unit a editor"])
    response = client.post(edit_url, {"action-submit": "action"})

    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert isinstance(state.current_task_state.task.specific, UnitReviewTask)
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
