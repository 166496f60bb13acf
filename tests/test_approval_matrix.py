"""Who may do what in the admin, as a table: every role of the two-unit programme (and an
anonymous visitor) × every action on a session page and a hot response of unit A, on the Chinese
tree and on the English one, plus unit A's questions, briefing and live console. Every cell goes
through the real Wagtail admin view over HTTP; the page types' permission tester
(onlinetalk/access/page_permissions.py) and the workflow's tasks (onlinetalk/approval) answer.

Outcomes:
- OK: the view opens (200) or the action took effect (the workflow started, the step approved,
  the page went live or was withdrawn);
- DENIED: Wagtail refuses (403, or its "permission denied" redirect to the dashboard);
- NOT_FOUND: 404 (the object is out of the user's scope altogether);
- DRAFT: the edit view saved the form as a draft and ignored the publish button (Wagtail's way
  of refusing to publish to someone who may edit);
- LOCKED: the edit view refuses to save: the page awaits the Office's step, and only the
  Office's approvers edit it then (Wagtail's group approval locks it for everyone else);
- LOGIN: an anonymous visitor is sent to the admin's login page.

Nobody outside unit A and the Office ever gets a 200 with A's data (its plan notes).
The world is built once for the module; each test runs in its own savepoint.
"""

import datetime
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, TaskState

from onlinetalk.questions.models import CitizenQuestion, QuestionStatus
from tests.approval_forms import post_edit, response_form, session_form
from tests.approval_support import column_workflow, role_users
from tests.clock import SHANGHAI
from tests.factories import (
    AnnualSchedulePageFactory,
    CitizenQuestionFactory,
    DepartmentFactory,
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
    english_version,
    suggestion_block,
)
from tests.serialized_rollback import restore_what_the_migrations_made

OK, DENIED, NOT_FOUND, DRAFT, LOCKED, LOGIN = "ok", "denied", "404", "draft", "locked", "login"

PLAN_NOTES = "内部计划备注：教育局领导请假待定"
CONTACT = "13800138000"
QUESTION_TEXT = "课后服务的收费标准是怎样规定的？"
PENDING_TEXT = "明年公办学位会增加多少？"

ROLES = [
    "office editor",
    "office approver",
    "unit a editor",
    "unit a reviewer",
    "unit b editor",
    "unit b reviewer",
    "anonymous",
]

# --- the policy, at a glance ---------------------------------------------------------------------
# Each row: the expected outcome for the roles in ROLES order:
#   office editor, office approver, unit A editor, unit A reviewer, unit B editor, unit B reviewer,
#   anonymous.
# "create" opens the add form of the page type under its folder (the year page, the hot responses
# column): every editor files their own unit's pages there (unit B's editor's form offers only
# unit B: test_another_units_editor_cannot_file_a_page_for_unit_a). "revisions" opens the
# comparison of the first and latest revisions and the latest revision itself. "publish" is the
# edit view's publish button on a page awaiting the Office (its unit approved the latest
# revision); an unreviewed draft is published by nobody
# (test_an_unreviewed_draft_is_published_by_nobody).
# fmt: off
PAGE_POLICY = {
    #                   office   office    unit A   unit A    unit B   unit B    anonymous
    #                   editor   approver  editor   reviewer  editor   reviewer
    "create":          [OK,      OK,       OK,      DENIED,   OK,      DENIED,   LOGIN],
    "edit":            [OK,      OK,       OK,      DENIED,   DENIED,  DENIED,   LOGIN],
    "preview":         [OK,      OK,       OK,      DENIED,   DENIED,  DENIED,   LOGIN],
    "revisions":       [OK,      OK,       OK,      DENIED,   DENIED,  DENIED,   LOGIN],
    "history":         [OK,      OK,       OK,      DENIED,   DENIED,  DENIED,   LOGIN],
    "copy":            [OK,      OK,       OK,      DENIED,   DENIED,  DENIED,   LOGIN],
    "move":            [DENIED,  OK,       DENIED,  DENIED,   DENIED,  DENIED,   LOGIN],
    "delete":          [DENIED,  OK,       DENIED,  DENIED,   DENIED,  DENIED,   LOGIN],
    "submit":          [OK,      OK,       OK,      DENIED,   DENIED,  DENIED,   LOGIN],
    "approve step 1":  [DENIED,  DENIED,   DENIED,  OK,       DENIED,  DENIED,   LOGIN],
    "approve step 2":  [DENIED,  OK,       DENIED,  DENIED,   DENIED,  DENIED,   LOGIN],
    # A unit's page goes live through "approve step 2" only: no Publish button, even at the
    # Office's step (it would let an approver publish an edit of their own made there); a
    # forced "publish" saves a draft.
    "publish":         [LOCKED,  DRAFT,    LOCKED,  DENIED,   DENIED,  DENIED,   LOGIN],
    "unpublish":       [DENIED,  OK,       DENIED,  DENIED,   DENIED,  DENIED,   LOGIN],
}

# The English tree answers the same, except where wagtail-localize's translation editor (which
# takes over a translation's edit view) answers the publish button itself: with a 403 to whoever
# may not publish, before any lock.
ENGLISH_DIFFERENCES = {
    "publish":         [DENIED,  DENIED,   DENIED,  DENIED,   DENIED,  DENIED,   LOGIN],
}

# While the page awaits unit A's step, A's reviewer opens it (and only then).
AWAITING_UNIT_STEP_POLICY = {
    "edit":            [OK,      OK,       OK,      OK,       DENIED,  DENIED,   LOGIN],
    "preview":         [OK,      OK,       OK,      OK,       DENIED,  DENIED,   LOGIN],
}

# Unit A's questions and live console. "moderate" accepts A's pending question (a bulk action);
# "export" is the leader briefing, "export with contacts" the same with the citizens' contacts
# (a unit's editors only). Another unit's questions and sessions are out of scope: 404.
QUESTION_POLICY = {
    "view":            [OK,      OK,       OK,      OK,       NOT_FOUND, NOT_FOUND, LOGIN],
    "moderate":        [OK,      OK,       OK,      OK,       NOT_FOUND, NOT_FOUND, LOGIN],
    "export":          [OK,      OK,       OK,      OK,       NOT_FOUND, NOT_FOUND, LOGIN],
    "export with contacts":
                       [DENIED,  DENIED,   OK,      DENIED,   NOT_FOUND, NOT_FOUND, LOGIN],
    "live console":    [OK,      OK,       OK,      OK,       NOT_FOUND, NOT_FOUND, LOGIN],
}
# fmt: on


def _cells(policy, differences=None):
    policy = {**policy, **(differences or {})}
    return [
        pytest.param(action, role, expected, id=f"{action}-{role}")
        for action, outcomes in policy.items()
        for role, expected in zip(ROLES, outcomes, strict=True)
    ]


def _page_cells():
    return [
        pytest.param(language, *cell.values, id=f"{language}-{cell.id}")
        for language, differences in (("zh", None), ("en", ENGLISH_DIFFERENCES))
        for cell in _cells(PAGE_POLICY, differences)
    ]


# --- the world ----------------------------------------------------------------------------------


def _build():
    home = Page.objects.get(depth=2, locale__language_code="zh-hans").specific
    education = DepartmentFactory(name="市教育局", short_name="教育局")
    civil = DepartmentFactory(name="市民政局", short_name="民政局")
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, year=2022)
    year_2023 = AnnualSchedulePageFactory(parent=column, year=2023)
    published = datetime.datetime(2022, 9, 20, 10, 0, tzinfo=SHANGHAI)
    session_a = TalkSessionPageFactory(
        parent=year,
        departments=[education],
        title="课后服务与学位供给",
        slug="after-school",
        plan_notes=PLAN_NOTES,
        publish_at=published,
    )
    session_b = TalkSessionPageFactory(
        parent=year,
        departments=[civil],
        title="养老服务补贴",
        slug="elderly",
        start=datetime.datetime(2022, 11, 16, 10, 0, tzinfo=SHANGHAI),
    )
    responses = HotResponseIndexPageFactory(parent=home, slug="hot-responses")
    response_a = HotResponsePageFactory(
        parent=responses,
        session=session_a,
        title="课后服务热点回应",
        body=[suggestion_block()],
        published=True,
    )
    english = {
        "session a": english_version(session_a),
        "response a": english_version(response_a),
    }
    english["year"] = year.get_translation(Locale.objects.get(language_code="en"))
    english["year 2023"] = english_version(year_2023)
    english["responses"] = responses.get_translation(Locale.objects.get(language_code="en"))
    call_command("setup_portal", stdout=StringIO())
    world = {
        "unit a": education,
        "unit b": civil,
        "session b": session_b,
        "zh": {
            "session a": session_a,
            "response a": response_a,
            "year": year,
            "year 2023": year_2023,
            "responses": responses,
        },
        "en": english,
    }
    world["users"] = role_users(world)
    world["question"] = _question(session_a, QUESTION_TEXT, status=QuestionStatus.ACCEPTED)
    world["pending question"] = _question(session_a, PENDING_TEXT)
    return world


def _question(session, text, **fields):
    return CitizenQuestionFactory(
        session=session,
        text=text,
        submitted_at=datetime.datetime(2022, 9, 22, 9, 0, tzinfo=SHANGHAI),
        consent_to_publish=True,
        contact=CONTACT,
        **fields,
    )


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        cache.clear()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            restore_what_the_migrations_made()
            built = _build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        cache.clear()


@pytest.fixture
def world(_world, db):
    return _world


def _login(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])


def _fresh(page):
    return Page.objects.get(pk=page.pk).specific


# --- the steps of the workflow, taken in code to put a page where a cell needs it ----------------


def _new_draft(page, world):
    """A new revision of `page`, written by unit A's editor."""
    page = _fresh(page)
    page.title = f"{page.title}（修改）"
    return page.save_revision(user=world["users"]["unit a editor"])


def _submitted(page, world):
    """The page submitted by unit A's editor: it awaits unit A's step."""
    _new_draft(page, world)
    page = _fresh(page)
    workflow_state = column_workflow().start(page, world["users"]["unit a editor"])
    return workflow_state


def _at_office_step(page, world):
    """The page submitted and approved by unit A's reviewer: it awaits the Office."""
    workflow_state = _submitted(page, world)
    task_state = workflow_state.current_task_state.specific
    task_state.task.specific.on_action(
        task_state, world["users"]["unit a reviewer"], "approve", comment=""
    )
    workflow_state.refresh_from_db()
    return workflow_state


# --- reading an answer ---------------------------------------------------------------------------


def _refusal(response):
    """LOGIN, DENIED or NOT_FOUND for a refused request, else None."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return DENIED  # Wagtail's answer to PermissionDenied in its admin
    if response.status_code == 403:
        return DENIED
    if response.status_code == 404:
        return NOT_FOUND
    return None


def _opened(response):
    refused = _refusal(response)
    if refused is not None:
        return refused
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    return OK


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


# --- the page actions -----------------------------------------------------------------------------


def _urls(page):
    latest = page.get_latest_revision()
    earliest = page.revisions.order_by("created_at", "id").first()
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "preview": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "revisions": reverse(
            "wagtailadmin_pages:revisions_compare", args=[page.pk, earliest.pk, latest.pk]
        ),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[page.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[page.pk]),
    }


def _create_url(world, kind, language):
    tree = world[language]
    if kind == "session a":
        return reverse(
            "wagtailadmin_pages:add", args=["onlinetalk", "talksessionpage", tree["year"].pk]
        )
    return reverse(
        "wagtailadmin_pages:add", args=["onlinetalk", "hotresponsepage", tree["responses"].pk]
    )


def _workflow_action(client, page, task_state, action="approve"):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": "好"})


def do_page_action(client, world, kind, language, action):
    """Run `action` on unit A's page `kind` of the `language` tree as the logged-in user;
    returns (outcome, response)."""
    page = _fresh(world[language][kind])
    if action == "create":
        response = client.get(_create_url(world, kind, language))
        return _opened(response), response
    if action == "revisions":
        latest = page.get_latest_revision()
        revision = client.get(
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, latest.pk])
        )
        compare = client.get(_urls(page)[action])
        assert _opened(revision) == _opened(compare)
        if _opened(revision) != OK:
            assert PLAN_NOTES not in _body(revision)
        return _opened(compare), compare
    if action in ("edit", "preview", "history", "copy", "move", "delete"):
        response = client.get(_urls(page)[action])
        return _opened(response), response
    if action == "submit":
        _new_draft(page, world)
        response = post_edit(client, page, "action-submit")
        refused = _refusal(response)
        if refused is not None:
            return refused, response
        state = _fresh(page).current_workflow_state
        return (OK if state is not None else DRAFT), response
    if action in ("approve step 1", "approve step 2"):
        workflow_state = (
            _submitted(page, world) if action == "approve step 1" else _at_office_step(page, world)
        )
        task_state = workflow_state.current_task_state
        response = _workflow_action(client, page, task_state)
        refused = _refusal(response)
        task_state.refresh_from_db()
        if task_state.status == TaskState.STATUS_APPROVED:
            assert refused is None, "approved, yet refused"
            return OK, response
        assert refused is not None, (response.status_code, response.get("Location"))
        return refused, response
    if action == "publish":
        _at_office_step(page, world)
        live_before = _fresh(page).live_revision_id
        response = post_edit(client, page, "action-publish")
        refused = _refusal(response)
        if refused is not None:
            assert _fresh(page).live_revision_id == live_before
            return refused, response
        if response.status_code == 200:
            # The form again: the edit view refused to save a page locked for this user.
            user = response.wsgi_request.user
            assert _fresh(page).permissions_for_user(user).page_locked()
            assert _fresh(page).live_revision_id == live_before
            return LOCKED, response
        assert response.status_code == 302, response.status_code
        return (OK if _fresh(page).live_revision_id != live_before else DRAFT), response
    if action == "unpublish":
        assert page.live
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        refused = _refusal(response)
        if refused is not None:
            assert _fresh(page).live
            return refused, response
        return (OK if not _fresh(page).live else DRAFT), response
    raise AssertionError(action)


@pytest.mark.parametrize("kind", ["session a", "response a"])
@pytest.mark.parametrize(("language", "action", "role", "expected"), _page_cells())
def test_page_matrix(client, world, kind, language, action, role, expected):
    _login(client, world, role)

    outcome, response = do_page_action(client, world, kind, language, action)

    assert outcome == expected
    if role.startswith("unit b") or role == "anonymous":
        assert PLAN_NOTES not in _body(response)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", ["session a", "response a"])
@pytest.mark.parametrize(("action", "role", "expected"), _cells(AWAITING_UNIT_STEP_POLICY))
def test_page_matrix_while_awaiting_the_unit_step(
    client, world, kind, language, action, role, expected
):
    page = world[language][kind]
    _submitted(page, world)
    _login(client, world, role)

    outcome, response = do_page_action(client, world, kind, language, action)

    assert outcome == expected
    if role.startswith("unit b") or role == "anonymous":
        assert PLAN_NOTES not in _body(response)


# --- questions and the live console ---------------------------------------------------------------


def do_question_action(client, world, action):
    question = world["question"]
    session = world["zh"]["session a"]
    if action == "view":
        response = client.get(
            reverse("wagtailsnippets_onlinetalk_citizenquestion:edit", args=[question.pk])
        )
        return _opened(response), response
    if action == "moderate":
        question = world["pending question"]
        listing = reverse("wagtailsnippets_onlinetalk_citizenquestion:list")
        url = (
            f"/admin/bulk/onlinetalk/citizenquestion/accept_questions/"
            f"?next={listing}&id={question.pk}"
        )
        response = client.post(url)
        refused = _refusal(response)
        accepted = CitizenQuestion.objects.get(pk=question.pk).status == QuestionStatus.ACCEPTED
        if refused is not None:
            assert not accepted
            return refused, response
        return (OK if accepted else DRAFT), response
    if action in ("export", "export with contacts"):
        params = {"contact": "1"} if action == "export with contacts" else {}
        response = client.get(reverse("onlinetalk_briefing", args=[session.pk]), params)
        outcome = _opened(response)
        body = _body(response)
        assert (CONTACT in body) == (outcome == OK and action == "export with contacts")
        return outcome, response
    if action == "live console":
        response = client.get(reverse("onlinetalk_live_console", args=[session.pk]))
        return _opened(response), response
    raise AssertionError(action)


@pytest.mark.parametrize(("action", "role", "expected"), _cells(QUESTION_POLICY))
def test_question_and_console_matrix(client, world, action, role, expected):
    _login(client, world, role)

    outcome, response = do_question_action(client, world, action)

    assert outcome == expected
    if role.startswith("unit b") or role == "anonymous":
        body = _body(response)
        assert QUESTION_TEXT not in body and PENDING_TEXT not in body and CONTACT not in body


# --- around the table -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_unreviewed_draft_is_published_by_nobody(client, world, language):
    """The Office's approvers publish a unit's page only once its unit approved the revision."""
    page = world[language]["session a"]
    _new_draft(page, world)
    live_before = _fresh(page).live_revision_id
    client.force_login(world["users"]["office approver"])

    response = post_edit(client, _fresh(page), "action-publish")

    # Chinese: Wagtail's edit view saves a draft instead (redirect to the edit view); English:
    # wagtail-localize's editor refuses to publish (Wagtail's "no permission" redirect home).
    expected = {
        "zh": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "en": reverse("wagtailadmin_home"),
    }[language]
    assert (response.status_code, response["Location"]) == (302, expected)
    assert _fresh(page).live_revision_id == live_before


def test_another_units_editor_cannot_file_a_page_for_unit_a(client, world):
    """Unit B's editor opens the add form (for B's own sessions) but cannot name unit A."""
    year = world["zh"]["year"]
    client.force_login(world["users"]["unit b editor"])
    data = session_form(_fresh(world["zh"]["session a"]))
    data["slug"] = "b-files-for-a"
    data["action-submit"] = "action"

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["onlinetalk", "talksessionpage", year.pk]), data
    )

    assert response.status_code == 200
    assert "departments" in response.context["form"].errors
    assert not Page.objects.filter(slug="b-files-for-a").exists()


def test_another_units_editor_cannot_answer_unit_as_session(client, world):
    responses = world["zh"]["responses"]
    client.force_login(world["users"]["unit b editor"])
    data = response_form(_fresh(world["zh"]["response a"]))
    data["slug"] = "b-answers-a"
    data["action-submit"] = "action"

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["onlinetalk", "hotresponsepage", responses.pk]),
        data,
    )

    assert response.status_code == 200
    assert "session" in response.context["form"].errors
    assert not Page.objects.filter(slug="b-answers-a").exists()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_explorer_shows_unit_b_the_title_of_as_session_but_no_action(client, world, language):
    session_a = world[language]["session a"]
    client.force_login(world["users"]["unit b editor"])

    with translation.override("en"):
        response = client.get(reverse("wagtailadmin_explore", args=[world[language]["year"].pk]))

    assert response.status_code == 200
    body = _body(response)
    assert session_a.title in body
    for view in ("edit", "delete", "copy", "move", "history", "unpublish"):
        assert reverse(f"wagtailadmin_pages:{view}", args=[session_a.pk]) not in body
    assert PLAN_NOTES not in body


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_explorer_offers_unit_a_the_edit_link_of_its_session(client, world, language):
    session_a = world[language]["session a"]
    client.force_login(world["users"]["unit a editor"])

    response = client.get(reverse("wagtailadmin_explore", args=[world[language]["year"].pk]))

    assert reverse("wagtailadmin_pages:edit", args=[session_a.pk]) in _body(response)


@pytest.mark.parametrize(
    "role, status",
    # A reviewer holds no page permission: Wagtail's page search is not theirs at all.
    [("unit b editor", 200), ("unit b reviewer", 302)],
)
def test_admin_search_never_shows_unit_b_the_plan_notes_or_an_edit_link(
    client, world, role, status
):
    session_a = world["zh"]["session a"]
    client.force_login(world["users"][role])

    response = client.get(reverse("wagtailadmin_pages:search_results"), {"q": "课后服务"})

    assert response.status_code == status
    body = _body(response)
    assert PLAN_NOTES not in body
    assert reverse("wagtailadmin_pages:edit", args=[session_a.pk]) not in body
