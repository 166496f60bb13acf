"""An English version goes through the same two steps. It is edited in wagtail-localize's
translation editor, which offers no "Submit": the listing's "Submit for approval" sends the
saved translation to the workflow, and the reviewers act from their dashboard."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, TaskState, WorkflowState

from onlinetalk.approval.models import OfficeApprovalTask, UnitReviewTask
from onlinetalk.localization import translate_in_code
from tests.approval_support import role_users
from tests.factories import english_version, two_unit_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    world["english a"] = english_version(world["session a"], {})
    english_version(world["session b"], {})
    call_command("setup_portal", stdout=StringIO())  # the English column gets its workflow
    world["users"] = role_users(world)
    return world


@pytest.fixture
def draft(world):
    """Unit A's editor saved a change to the English version (the translation editor's Save)."""
    english = Locale.objects.get(language_code="en")
    title = world["session a"].title
    page = translate_in_code(
        world["session a"],
        english,
        {title: "Better bus routes"},
        publish=False,
        user=world["users"]["unit a editor"],
    )
    assert page.has_unpublished_changes
    return page


def _submit_url(page):
    return reverse("onlinetalk_submit_for_approval", args=[page.pk])


def _action_url(page, action):
    state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


def test_the_english_column_has_the_same_workflow(world, draft):
    chinese_workflow = world["session a"].get_workflow()
    assert draft.get_workflow() == chinese_workflow
    assert [task.specific_class for task in chinese_workflow.tasks] == [
        UnitReviewTask,
        OfficeApprovalTask,
    ]


def test_the_listing_offers_submit_for_approval_to_the_units_editor_only(world, draft, client):
    explore = reverse("wagtailadmin_explore", args=[draft.get_parent().pk])
    client.force_login(world["users"]["unit a editor"])
    assert _submit_url(draft) in client.get(explore).content.decode()
    client.force_login(world["users"]["unit b editor"])
    assert _submit_url(draft) not in client.get(explore).content.decode()


@pytest.mark.parametrize("role", ["unit b editor", "unit b reviewer", "unit a reviewer"])
def test_others_cannot_submit_unit_as_translation(world, draft, client, role):
    client.force_login(world["users"][role])
    assert client.get(_submit_url(draft)).status_code == 404
    assert client.post(_submit_url(draft)).status_code == 404
    assert not WorkflowState.objects.for_instance(draft).exists()


def test_anonymous_is_sent_to_the_login(world, draft, client):
    response = client.post(_submit_url(draft))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("page_id", [0, 999999, 2**63])
def test_unknown_page_ids_are_not_found(world, client, page_id):
    client.force_login(world["users"]["unit a editor"])
    url = f"/admin/onlinetalk/approval/{page_id}/submit/"
    assert client.post(url).status_code == 404


def test_submitted_translation_goes_through_both_steps_and_goes_live(world, draft, client):
    users = world["users"]
    client.force_login(users["unit a editor"])
    confirm = client.get(_submit_url(draft))
    assert confirm.status_code == 200
    assert "单位审核" in confirm.content.decode()
    assert client.post(_submit_url(draft)).status_code == 302
    draft.refresh_from_db()
    assert isinstance(draft.current_workflow_task, UnitReviewTask)
    # A second submission while it waits is refused.
    assert client.post(_submit_url(draft)).status_code == 404

    client.force_login(users["unit b reviewer"])
    refused = client.post(_action_url(draft, "approve"))
    # Wagtail's admin answers a refused action with its "no permission" redirect home.
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    draft.refresh_from_db()
    assert isinstance(draft.current_workflow_task, UnitReviewTask)

    client.force_login(users["unit a reviewer"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _action_url(draft, "approve") in dashboard
    assert client.post(_action_url(draft, "approve"), {"comment": ""}).status_code == 302
    draft.refresh_from_db()
    assert isinstance(draft.current_workflow_task, OfficeApprovalTask)

    client.force_login(users["office approver"])
    assert client.post(_action_url(draft, "approve"), {"comment": ""}).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Better bus routes"
    assert draft.live and not draft.has_unpublished_changes
    state = WorkflowState.objects.for_instance(draft).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert TaskState.objects.filter(workflow_state=state, status="approved").count() == 2


def test_no_portal_group_may_sync_translations_past_the_workflow(world):
    """wagtail-localize's "update translations" view publishes with no page permission check:
    its permission stays with the administrators, never a unit's or the Office's group."""
    from onlinetalk.access.models import AccessGroup

    for access in AccessGroup.objects.select_related("group"):
        codenames = set(access.group.permissions.values_list("codename", flat=True))
        assert "submit_translation" not in codenames, access.group.name
