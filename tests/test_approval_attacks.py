"""Attacks on the unit permissions and the approval workflow that the role × action matrix
(tests/test_approval_matrix.py) and the flow tests do not make: tampered session forms, moving
and copying across units, the workflow's side URLs (cancel, task preview, modal data), lock and
unlock, aliases, revisions revert and unschedule, privacy, reordering, the explorer's bulk
actions, wagtail-localize's own views, the page chooser, a deactivated account and a page that
exists in English only. Each case asserts the one answer Wagtail gives and that nothing changed.

The world is the matrix's (built once for the module, each test in its own savepoint).
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from onlinetalk.sessions.models import TalkSessionPage
from tests import test_approval_matrix as matrix
from tests.approval_forms import edit_form, post_edit
from tests.clock import SHANGHAI
from tests.factories import DepartmentFactory, TalkSessionPageFactory
from tests.test_approval_matrix import (
    PLAN_NOTES,
    _at_office_step,
    _body,
    _fresh,
    _new_draft,
    _submitted,
)

# The matrix's world: built once for the module, each test in its own savepoint.
_world = matrix._world
world = matrix.world


def login(client, world, role):
    client.force_login(world["users"][role])


def denied_home(response):
    """Wagtail's answer to PermissionDenied on a plain admin form: a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def departments_of(page):
    """The units of the page as its latest revision has them (what the Office will approve)."""
    revision = _fresh(page).get_latest_revision_as_object()
    return {unit.pk for unit in revision.departments.all()}


@pytest.fixture
def joint(world):
    """A joint session of units A and B under the 2022 year page."""
    return TalkSessionPageFactory(
        parent=world["zh"]["year"],
        departments=[world["unit a"], world["unit b"]],
        title="教育与养老联合访谈",
        slug="joint",
        plan_notes=PLAN_NOTES,
        start=datetime.datetime(2022, 12, 7, 10, 0, tzinfo=SHANGHAI),
    )


# --- the session form, tampered ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "kept"), [("unit b editor", "unit a"), ("unit a editor", "unit b")]
)
def test_a_unit_cannot_drop_the_other_unit_of_a_joint_session(client, world, joint, role, kept):
    """Posting only their own unit keeps the other unit on the session."""
    own = "unit b" if kept == "unit a" else "unit a"
    login(client, world, role)

    response = post_edit(client, joint, "action-save", departments=[str(world[own].pk)])

    assert response.status_code == 302
    assert departments_of(joint) == {world["unit a"].pk, world["unit b"].pk}


def test_a_unit_cannot_leave_a_joint_session_to_the_other_unit_alone(client, world, joint):
    """Posting only the other unit's id: refused (the page would no longer be theirs)."""
    login(client, world, "unit b editor")
    revisions_before = _fresh(joint).revisions.count()

    response = post_edit(client, joint, "action-save", departments=[str(world["unit a"].pk)])

    # The admin speaks the editor's language (Chinese).
    with translation.override("zh-hans"):
        expected = translation.gettext("Choose at least one of your own units.")
    assert response.status_code == 200
    assert response.context["form"].errors["departments"] == [expected]
    assert _fresh(joint).revisions.count() == revisions_before


def test_unit_b_cannot_add_unit_a_to_its_own_session(client, world):
    session_b = world["session b"]
    login(client, world, "unit b editor")
    revisions_before = _fresh(session_b).revisions.count()

    response = post_edit(
        client,
        session_b,
        "action-save",
        departments=[str(world["unit b"].pk), str(world["unit a"].pk)],
    )

    assert response.status_code == 200
    assert "departments" in response.context["form"].errors
    assert _fresh(session_b).revisions.count() == revisions_before


def test_unit_b_cannot_name_a_unit_of_nobody(client, world):
    """A unit that neither the session nor the editor has is not a choice either."""
    other = DepartmentFactory(name="市交通局", short_name="交通局")
    session_b = world["session b"]
    login(client, world, "unit b editor")

    response = post_edit(
        client,
        session_b,
        "action-save",
        departments=[str(world["unit b"].pk), str(other.pk)],
    )

    assert response.status_code == 200
    assert "departments" in response.context["form"].errors


def test_unit_b_cannot_add_itself_to_unit_as_session(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")
    revisions_before = _fresh(session_a).revisions.count()

    response = post_edit(
        client,
        session_a,
        "action-save",
        departments=[str(world["unit a"].pk), str(world["unit b"].pk)],
    )

    assert denied_home(response)
    assert _fresh(session_a).revisions.count() == revisions_before
    assert departments_of(session_a) == {world["unit a"].pk}


# --- moving and copying across units -------------------------------------------------------------


@pytest.mark.parametrize("destination", ["session a", "column", "responses"])
def test_unit_b_cannot_move_its_session_out_of_the_year_folders(client, world, destination):
    session_b = world["session b"]
    target = {
        "session a": world["zh"]["session a"],
        "column": world["zh"]["year"].get_parent(),
        "responses": world["zh"]["responses"],
    }[destination]
    parent_before = _fresh(session_b).get_parent().pk
    login(client, world, "unit b editor")

    url = reverse("wagtailadmin_pages:move_confirm", args=[session_b.pk, target.pk])
    response = client.post(url)

    assert denied_home(response)
    assert _fresh(session_b).get_parent().pk == parent_before


def test_unit_b_cannot_move_unit_as_session_to_another_year(client, world):
    session_a = world["zh"]["session a"]
    year_2023 = world["zh"]["year 2023"]
    login(client, world, "unit b editor")

    url = reverse("wagtailadmin_pages:move_confirm", args=[session_a.pk, year_2023.pk])
    response = client.post(url)

    assert denied_home(response)
    assert _fresh(session_a).get_parent().pk == world["zh"]["year"].pk


def test_unit_b_cannot_copy_its_session_under_unit_as_session(client, world):
    session_b = world["session b"]
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[session_b.pk]),
        {
            "new_title": "复制到教育局之下",
            "new_slug": "copied-under-a",
            "new_parent_page": str(session_a.pk),
            "copy_subpages": "",
            "publish_copies": "",
        },
    )

    assert response.status_code == 200
    assert "new_parent_page" in response.context["form"].errors
    assert not Page.objects.filter(slug="copied-under-a").exists()


def test_unit_b_cannot_copy_unit_as_session_into_its_folder(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[session_a.pk]),
        {
            "new_title": "抄走教育局的访谈",
            "new_slug": "stolen",
            "new_parent_page": str(world["zh"]["year 2023"].pk),
        },
    )

    assert denied_home(response)
    assert not Page.objects.filter(slug="stolen").exists()


def test_a_units_editor_cannot_copy_and_publish_in_one_go(client, world):
    """Copying with "publish copies" would put a page live past both steps."""
    session_a = world["zh"]["session a"]
    login(client, world, "unit a editor")

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[session_a.pk]),
        {
            "new_title": "课后服务（副本）",
            "new_slug": "copy-published",
            "new_parent_page": str(world["zh"]["year"].pk),
            "publish_copies": "on",
        },
    )

    copies = Page.objects.filter(slug="copy-published")
    assert response.status_code == 302
    assert copies.count() == 1
    assert not copies.get().live


# --- the workflow's side URLs ----------------------------------------------------------------------


def test_unit_b_cannot_cancel_unit_as_workflow(client, world):
    session_a = world["zh"]["session a"]
    state = _submitted(session_a, world)
    login(client, world, "unit b editor")

    response = client.get(
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[session_a.pk])
    )
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[session_a.pk]),
        {**edit_form(_fresh(session_a), "action-cancel-workflow")},
    )

    assert response.status_code == 403
    assert "单位审核" not in _body(response)
    assert denied_home(edit)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_unit_b_reviewer_cannot_preview_unit_as_revision_for_its_task(client, world):
    session_a = world["zh"]["session a"]
    state = _submitted(session_a, world)
    task = state.current_task_state.task
    login(client, world, "unit b reviewer")

    response = client.get(
        reverse("wagtailadmin_pages:workflow_preview", args=[session_a.pk, task.pk])
    )

    assert denied_home(response)


def test_unit_b_reviewer_cannot_collect_the_action_form_of_unit_as_task(client, world):
    session_a = world["zh"]["session a"]
    state = _submitted(session_a, world)
    login(client, world, "unit b reviewer")

    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[session_a.pk, "approve", state.current_task_state.pk],
    )
    response = client.get(url)

    assert denied_home(response)


def test_unit_b_cannot_read_unit_as_workflow_history(client, world):
    session_a = world["zh"]["session a"]
    state = _submitted(session_a, world)
    login(client, world, "unit b editor")

    listing = client.get(reverse("wagtailadmin_pages:workflow_history", args=[session_a.pk]))
    detail = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=[session_a.pk, state.pk])
    )

    assert denied_home(listing)
    assert denied_home(detail)


@pytest.mark.parametrize("path", ["edit view", "modal", "bulk publish"])
def test_an_office_editor_never_approves_or_publishes(client, world, path):
    session_a = world["zh"]["session a"]
    state = _at_office_step(session_a, world)
    task_state = state.current_task_state
    live_before = _fresh(session_a).live_revision_id
    login(client, world, "office editor")

    if path == "edit view":
        response = post_edit(client, _fresh(session_a), "action-approve")
        expected = 200  # the form again: the page is locked for them at the Office's step
    elif path == "modal":
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[session_a.pk, "approve", task_state.pk]
        )
        response = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
        expected = 403
    else:
        response = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={session_a.pk}")
        expected = 302  # back to the listing, the page skipped: they may not publish it

    assert response.status_code == expected
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert _fresh(session_a).live_revision_id == live_before


def test_an_office_approver_cannot_bulk_publish_an_edit_of_their_own(client, world):
    """At the Office's step the approver edits the page: the bulk publish must not put that
    unreviewed edit live (only "Approve and publish", which refuses the revision's author)."""
    session_a = world["zh"]["session a"]
    _at_office_step(session_a, world)
    approver = world["users"]["office approver"]
    page = _fresh(session_a)
    page.title = "改过的标题"
    page.save_revision(user=approver)
    live_before = _fresh(session_a).live_revision_id
    login(client, world, "office approver")

    confirmation, done = bulk(client, "publish", session_a)

    assert_listed_without_access(confirmation, session_a)
    assert done.status_code == 302
    assert _fresh(session_a).live_revision_id == live_before


# --- lock, alias, revisions, privacy, position, usage ----------------------------------------------


@pytest.mark.parametrize("view", ["lock", "unlock"])
def test_unit_b_cannot_lock_or_unlock_unit_as_page(client, world, view):
    session_a = _fresh(world["zh"]["session a"])
    if view == "unlock":
        session_a.locked = True
        session_a.locked_by = world["users"]["unit a editor"]
        session_a.save(update_fields=["locked", "locked_by"])
    locked_before = _fresh(session_a).locked
    login(client, world, "unit b editor")

    response = client.post(reverse(f"wagtailadmin_pages:{view}", args=[session_a.pk]))

    assert denied_home(response)
    assert _fresh(session_a).locked == locked_before


def test_unit_b_cannot_convert_an_alias_of_unit_as_page(client, world):
    session_a = _fresh(world["zh"]["session a"])
    alias = session_a.create_alias(
        parent=world["zh"]["year 2023"], update_slug="alias-of-a", user=None
    )
    login(client, world, "unit b editor")

    response = client.post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))

    assert denied_home(response)
    assert Page.objects.get(pk=alias.pk).alias_of_id == session_a.pk


def test_unit_b_cannot_revert_unit_as_page_to_an_old_revision(client, world):
    session_a = world["zh"]["session a"]
    old = _fresh(session_a).get_latest_revision()
    _new_draft(session_a, world)
    login(client, world, "unit b editor")

    response = client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=[session_a.pk, old.pk])
    )

    assert denied_home(response)
    assert PLAN_NOTES not in _body(response)


def test_unit_b_cannot_unschedule_unit_as_revision(client, world):
    session_a = _fresh(world["zh"]["session a"])
    session_a.go_live_at = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=SHANGHAI)
    revision = session_a.save_revision(user=world["users"]["unit a editor"])
    revision.approved_go_live_at = session_a.go_live_at
    revision.save(update_fields=["approved_go_live_at"])
    login(client, world, "unit b editor")

    response = client.post(
        reverse("wagtailadmin_pages:revisions_unschedule", args=[session_a.pk, revision.pk])
    )

    assert denied_home(response)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None


@pytest.mark.parametrize("role", ["unit a editor", "unit b editor"])
def test_a_unit_cannot_set_a_view_restriction(client, world, role):
    """A restriction changes what the public sees: the publishers' (the Office's)."""
    session_a = world["zh"]["session a"]
    login(client, world, role)

    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[session_a.pk]),
        {"restriction_type": "password", "password": "secret123", "groups": []},
    )

    assert denied_home(response)
    assert not _fresh(session_a).get_view_restrictions().exists()


def test_unit_b_cannot_reorder_unit_as_page(client, world):
    session_a = world["zh"]["session a"]
    path_before = _fresh(session_a).path
    login(client, world, "unit b editor")

    response = client.post(
        reverse("wagtailadmin_pages:set_page_position", args=[session_a.pk]) + "?position=1"
    )

    assert denied_home(response)
    assert _fresh(session_a).path == path_before


def test_unit_b_cannot_add_a_page_under_unit_as_session(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[session_a.pk]))

    assert denied_home(response)


# --- the explorer's bulk actions -----------------------------------------------------------------
# Wagtail's bulk views act on the pages the user may act on and list the others as "no access";
# the POST then redirects back with nothing done to those.


def bulk(client, action, page, data=None):
    """The confirmation (GET) and the confirmed action (POST) of bulk `action` on `page`."""
    url = f"/admin/bulk/wagtailcore/page/{action}/?id={page.pk}"
    return client.get(url), client.post(url, data or {})


def assert_listed_without_access(confirmation, page):
    assert confirmation.status_code == 200
    assert confirmation.context["items"] == []
    assert [entry["item"].pk for entry in confirmation.context["items_with_no_access"]] == [page.pk]
    assert PLAN_NOTES not in _body(confirmation)


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete"])
def test_unit_b_bulk_actions_leave_unit_as_page_alone(client, world, action):
    session_a = world["zh"]["session a"]
    _new_draft(session_a, world)
    live_before = _fresh(session_a).live_revision_id
    login(client, world, "unit b editor")

    confirmation, done = bulk(client, action, session_a)

    assert_listed_without_access(confirmation, session_a)
    assert done.status_code == 302
    page = Page.objects.get(pk=session_a.pk)
    assert page.live and page.live_revision_id == live_before


def test_unit_b_cannot_bulk_move_unit_as_page(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    confirmation, done = bulk(
        client, "move", session_a, {"chooser": str(world["zh"]["year 2023"].pk)}
    )

    assert_listed_without_access(confirmation, session_a)
    assert done.status_code == 302
    assert _fresh(session_a).get_parent().pk == world["zh"]["year"].pk


@pytest.mark.parametrize("role", ["unit a editor", "office editor", "office approver"])
def test_nobody_bulk_publishes_an_unreviewed_draft(client, world, role):
    session_a = world["zh"]["session a"]
    _new_draft(session_a, world)
    live_before = _fresh(session_a).live_revision_id
    login(client, world, role)

    confirmation, done = bulk(client, "publish", session_a)

    assert_listed_without_access(confirmation, session_a)
    assert done.status_code == 302
    assert _fresh(session_a).live_revision_id == live_before


def test_a_units_editor_cannot_bulk_delete_its_own_page(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit a editor")

    confirmation, done = bulk(client, "delete", session_a)

    assert_listed_without_access(confirmation, session_a)
    assert done.status_code == 302
    assert Page.objects.filter(pk=session_a.pk).exists()


# --- wagtail-localize's views ----------------------------------------------------------------------


def test_unit_b_cannot_translate_unit_as_page(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[session_a.pk]))

    assert denied_home(response)


def test_unit_b_cannot_convert_unit_as_translation_to_an_alias(client, world):
    english = world["en"]["session a"]
    login(client, world, "unit b editor")

    response = client.post(reverse("wagtail_localize:convert_to_alias", args=[english.pk]))

    assert denied_home(response)
    assert Page.objects.get(pk=english.pk).alias_of_id is None


def _translation_of(page):
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        target_locale=page.locale, source__object_id=page.translation_key
    )


@pytest.mark.parametrize("view", ["stop_translation", "download_pofile", "preview_translation"])
def test_unit_b_cannot_use_the_translation_editors_views_of_unit_a(client, world, view):
    english = world["en"]["session a"]
    translation_row = _translation_of(english)
    login(client, world, "unit b editor")

    url = reverse(f"wagtail_localize:{view}", args=[translation_row.pk])
    response = client.post(url) if view == "stop_translation" else client.get(url)

    assert denied_home(response)
    translation_row.refresh_from_db()
    assert translation_row.enabled
    assert PLAN_NOTES not in _body(response)


def test_unit_b_cannot_edit_a_string_of_unit_as_translation(client, world):
    from wagtail_localize.models import StringSegment, StringTranslation

    english = world["en"]["session a"]
    translation_row = _translation_of(english)
    segment = StringSegment.objects.filter(source=translation_row.source).first()
    login(client, world, "unit b editor")

    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation_row.pk, segment.pk]),
        "value=hacked",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 403
    assert not StringTranslation.objects.filter(data="hacked").exists()


# --- listings --------------------------------------------------------------------------------------


def test_the_page_chooser_shows_unit_b_a_title_and_never_the_plan_notes(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.get(reverse("wagtailadmin_choose_page_child", args=[world["zh"]["year"].pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "课后服务"})

    assert response.status_code == 200 and search.status_code == 200
    for answer in (response, search):
        assert PLAN_NOTES not in _body(answer)
    html = json.loads(_body(response))["html"]
    assert session_a.title in html
    # Wagtail's chooser names every page's edit URL (for the widget's "edit" link): it refuses.
    edit_url = reverse("wagtailadmin_pages:edit", args=[session_a.pk])
    assert f'data-edit-url="{edit_url}"' in html
    assert denied_home(client.get(edit_url))


def test_the_usage_view_of_unit_as_page_is_refused_to_unit_b(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.get(reverse("wagtailadmin_pages:usage", args=[session_a.pk]))

    assert denied_home(response)


# --- accounts --------------------------------------------------------------------------------------


def test_a_deactivated_editor_loses_their_open_session(client, world):
    session_a = world["zh"]["session a"]
    editor = world["users"]["unit a editor"]
    client.force_login(editor)
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    revisions_before = _fresh(session_a).revisions.count()

    response = post_edit(client, _fresh(session_a), "action-submit")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert _fresh(session_a).revisions.count() == revisions_before


# --- a page in English only ------------------------------------------------------------------------


@pytest.fixture
def english_only(world):
    """A session of unit A made in the English tree, with no Chinese source (a session names
    its units by their rows in the default language, whatever its own)."""
    return TalkSessionPageFactory(
        parent=world["en"]["year"],
        departments=[world["unit a"]],
        title="After-school services (English only)",
        slug="english-only",
        plan_notes=PLAN_NOTES,
    )


@pytest.mark.parametrize(("role", "status"), [("unit a editor", 200), ("unit b editor", 302)])
def test_an_english_only_page_is_its_units_only(client, world, english_only, role, status):
    login(client, world, role)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[english_only.pk]))

    assert response.status_code == status
    assert (PLAN_NOTES in _body(response)) == (role == "unit a editor")


def test_an_english_only_page_goes_to_its_units_reviewers(client, world, english_only):
    login(client, world, "unit a editor")

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[english_only.pk]),
        edit_form(_fresh(english_only), "action-submit"),
    )

    assert response.status_code == 302, response.context["form"].errors
    state = _fresh(english_only).current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[english_only.pk, "approve", task_state.pk]
    )
    login(client, world, "unit b reviewer")
    assert denied_home(client.post(url, {"comment": ""}))
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    login(client, world, "unit a reviewer")
    assert client.post(url, {"comment": ""}).status_code == 302
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED


def test_no_log_entry_of_unit_as_page_is_written_by_unit_b(client, world):
    """Every refused probe above leaves the page's log untouched; one sample here."""
    session_a = world["zh"]["session a"]
    before = PageLogEntry.objects.filter(page_id=session_a.pk).count()
    login(client, world, "unit b editor")

    client.post(reverse("wagtailadmin_pages:unpublish", args=[session_a.pk]))
    client.post(reverse("wagtailadmin_pages:lock", args=[session_a.pk]))

    assert PageLogEntry.objects.filter(page_id=session_a.pk).count() == before
    assert isinstance(_fresh(session_a), TalkSessionPage)


# --- more of the workflow's and the editor's side URLs --------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [("unit a editor", 200), ("unit a reviewer", 200), ("office approver", 200)],
)
def test_the_cancellation_modal_still_answers_the_pages_editors(client, world, role, status):
    session_a = world["zh"]["session a"]
    _submitted(session_a, world)
    login(client, world, role)

    response = client.get(
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[session_a.pk])
    )

    assert response.status_code == status
    assert json.loads(_body(response))["step"] == "confirm"


@pytest.mark.parametrize("page_id", [999999, 2**31, 2**63, 10**30])
def test_the_cancellation_modal_of_an_unknown_page_is_not_found(client, world, page_id):
    login(client, world, "unit b editor")

    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page_id])

    assert client.get(url).status_code == 404


def test_the_cancellation_modal_asks_anonymous_to_log_in(client, world):
    session_a = world["zh"]["session a"]

    response = client.get(
        reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[session_a.pk])
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_unit_b_cannot_preview_its_own_form_data_as_unit_as_page(client, world):
    """The edit view's live preview of A's page, fed a form by B: refused, nothing stored."""
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[session_a.pk])

    posted = client.post(url, edit_form(_fresh(session_a), "action-save", title="伪造预览"))
    shown = client.get(url)

    assert denied_home(posted)
    assert denied_home(shown)
    assert PLAN_NOTES not in _body(shown)


def test_unit_b_cannot_preview_a_new_page_under_unit_as_session(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")

    response = client.get(
        reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["onlinetalk", "talksessionpage", session_a.pk],
        )
    )

    assert denied_home(response)


def test_unit_b_cannot_read_unit_as_history_by_its_other_urls(client, world):
    session_a = world["zh"]["session a"]
    login(client, world, "unit b editor")
    history = reverse("wagtailadmin_pages:history", args=[session_a.pk])

    results = client.get(reverse("wagtailadmin_pages:history_results", args=[session_a.pk]))
    revisions = client.get(reverse("wagtailadmin_pages:revisions_index", args=[session_a.pk]))

    assert denied_home(results)
    # The old revisions listing is the history now: it sends there, which refuses.
    assert (revisions.status_code, revisions["Location"]) == (302, history)
    assert denied_home(client.get(history))


def test_unit_b_cannot_answer_unit_as_session_by_editing_its_own_response(client, world):
    """B's own hot response, its session id swapped for A's session."""
    from tests.approval_forms import response_form
    from tests.factories import HotResponsePageFactory, suggestion_block

    response_b = HotResponsePageFactory(
        parent=world["zh"]["responses"],
        session=world["session b"],
        title="养老服务热点回应",
        slug="elderly-response",
        body=[suggestion_block()],
    )
    login(client, world, "unit b editor")
    data = response_form(_fresh(response_b))
    data["session"] = str(world["zh"]["session a"].pk)
    data["action-save"] = "action"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[response_b.pk]), data)

    assert response.status_code == 200
    assert "session" in response.context["form"].errors
    assert _fresh(response_b).get_latest_revision_as_object().session_id == world["session b"].pk


def test_unit_b_cannot_sync_unit_as_translations(client, world):
    from wagtail_localize.models import TranslationSource

    session_a = world["zh"]["session a"]
    source = TranslationSource.objects.get(object_id=session_a.translation_key)
    login(client, world, "unit b editor")

    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )

    assert denied_home(response)


# --- self-approval through someone else's later revision -----------------------------------------


def _approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_a_reviewer_who_edited_at_their_step_cannot_approve_after_the_editor_saves_again(
    client, world
):
    """Unit A's reviewer edits the page while it awaits their step, then the editor saves once
    more: the latest revision is the editor's, but it carries the reviewer's own changes."""
    session_a = world["zh"]["session a"]
    state = _submitted(session_a, world)
    page = _fresh(session_a)
    page.plan_notes = "审核人自己改的备注"
    page.save_revision(user=world["users"]["unit a reviewer"])
    page = _fresh(session_a).get_latest_revision_as_object()
    page.title = "编辑再改一次"
    page.save_revision(user=world["users"]["unit a editor"])
    task_state = state.current_task_state
    login(client, world, "unit a reviewer")

    response = client.post(_approve_url(session_a, task_state), {"comment": ""})

    assert denied_home(response)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_an_approver_who_edited_at_the_office_step_cannot_approve_after_another_approver_saves(
    client, world
):
    session_a = world["zh"]["session a"]
    state = _at_office_step(session_a, world)
    page = _fresh(session_a)
    page.title = "审批人一改的标题"
    page.save_revision(user=world["users"]["office approver"])
    page = _fresh(session_a).get_latest_revision_as_object()
    page.summary = "审批人二再改"
    page.save_revision(user=world["users"]["office approver 2"])
    task_state = state.current_task_state
    live_before = _fresh(session_a).live_revision_id
    login(client, world, "office approver")

    response = client.post(_approve_url(session_a, task_state), {"comment": ""})

    assert denied_home(response)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert _fresh(session_a).live_revision_id == live_before


# --- anonymous ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url_of",
    [
        pytest.param(
            lambda w, s, t: reverse("wagtailadmin_pages:workflow_preview", args=[s.pk, t.task_id]),
            id="workflow preview",
        ),
        pytest.param(
            lambda w, s, t: reverse(
                "wagtailadmin_pages:collect_workflow_action_data", args=[s.pk, "approve", t.pk]
            ),
            id="collect action data",
        ),
        pytest.param(
            lambda w, s, t: reverse("wagtailadmin_pages:workflow_history", args=[s.pk]),
            id="workflow history",
        ),
        pytest.param(
            lambda w, s, t: f"/admin/bulk/wagtailcore/page/publish/?id={s.pk}", id="bulk publish"
        ),
        pytest.param(
            lambda w, s, t: reverse(
                "wagtail_localize:preview_translation",
                args=[_translation_of(w["en"]["session a"]).pk],
            ),
            id="translation preview",
        ),
        pytest.param(
            lambda w, s, t: reverse("wagtailadmin_choose_page_child", args=[w["zh"]["year"].pk]),
            id="page chooser",
        ),
    ],
)
def test_anonymous_is_asked_to_log_in(client, world, url_of):
    session_a = world["zh"]["session a"]
    task_state = _submitted(session_a, world).current_task_state

    response = client.get(url_of(world, session_a, task_state))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert PLAN_NOTES not in _body(response)


def test_an_approver_who_edited_at_the_unit_step_cannot_approve_at_the_office_step(client, world):
    """The approver's change made while the page awaited the unit is still in the text the
    Office approves: another approver takes the step."""
    session_a = world["zh"]["session a"]
    state = _submitted(session_a, world)
    page = _fresh(session_a)
    page.summary = "审批人在单位审核时改的摘要"
    page.save_revision(user=world["users"]["office approver"])
    page = _fresh(session_a).get_latest_revision_as_object()
    page.title = "编辑随后又改"
    page.save_revision(user=world["users"]["unit a editor"])
    unit_step = state.current_task_state
    login(client, world, "unit a reviewer")
    assert client.post(_approve_url(session_a, unit_step), {"comment": ""}).status_code == 302
    state.refresh_from_db()
    office_step = state.current_task_state
    login(client, world, "office approver")

    refused = client.post(_approve_url(session_a, office_step), {"comment": ""})

    assert denied_home(refused)
    office_step.refresh_from_db()
    assert office_step.status == TaskState.STATUS_IN_PROGRESS
    login(client, world, "office approver 2")
    assert client.post(_approve_url(session_a, office_step), {"comment": ""}).status_code == 302
    office_step.refresh_from_db()
    assert office_step.status == TaskState.STATUS_APPROVED
    assert _fresh(session_a).title == "编辑随后又改"
