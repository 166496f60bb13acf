"""Every step on record: moderation, live posts, exports with contacts, publishing and workflow
actions are in Wagtail's log on the session page and in the column's audit report, which shows
a unit only its own pages (in every language) and filters by unit and by user; Wagtail's own
site history is the Office's only."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Workflow,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.live import stream
from onlinetalk.live.models import StreamKind
from onlinetalk.live.stream import EntryInput
from onlinetalk.questions import moderation
from onlinetalk.questions.models import QuestionCategory, QuestionStatus
from tests.factories import (
    CitizenQuestionFactory,
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    english_version,
    local,
    two_unit_programme,
)
from tests.live_support import committed, correct, retract

AUDIT_URL = "/admin/reports/onlinetalk/audit/"
AUDIT_RESULTS_URL = "/admin/reports/onlinetalk/audit/results/"
SITE_HISTORY_URL = "/admin/reports/site-history/"
SITE_HISTORY_RESULTS_URL = "/admin/reports/site-history/results/"

A_TITLE = "课后服务访谈"
B_TITLE = "养老服务访谈"
A_ENGLISH_TITLE = "After-school services"
A_RESPONSE_TITLE = "课后服务热点回应"
CONTACT = "13900139000"


def member(username, role, unit=None):
    """A user in the group that holds `role` (for `unit`), found through AccessGroup; their
    admin speaks English so that the tests read the msgids."""
    access = AccessGroup.objects.get(role=role, department=unit)
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(access.group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def _retitle(page, title):
    Page.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    page.refresh_from_db()
    return page


@pytest.fixture
def world(home):
    programme = two_unit_programme(home)
    unit_a, unit_b = programme["unit a"], programme["unit b"]
    session_a = _retitle(programme["session a"], A_TITLE)
    session_b = _retitle(programme["session b"], B_TITLE)
    return {
        "home": home,
        "unit a": unit_a,
        "unit b": unit_b,
        "session a": session_a,
        "session b": session_b,
        "office": member("office", AccessRole.OFFICE_EDITOR),
        "approver": member("approver", AccessRole.OFFICE_APPROVER),
        "root": get_user_model().objects.create_superuser("root", password="x"),
        "editor a": member("editor-a", AccessRole.UNIT_EDITOR, unit_a),
        "reviewer a": member("reviewer-a", AccessRole.UNIT_REVIEWER, unit_a),
        "editor b": member("editor-b", AccessRole.UNIT_EDITOR, unit_b),
        "question a": CitizenQuestionFactory(session=session_a, contact=CONTACT),
        "question b": CitizenQuestionFactory(session=session_b, contact=CONTACT),
    }


@pytest.fixture
def logged(world):
    """Each unit's session with moderation, a publication and a live post on record; unit A's
    English session and hot response with their publication."""
    moderation.accept([world["question a"]], world["editor a"])
    moderation.accept([world["question b"]], world["editor b"])
    # A superuser: a unit's page is otherwise published only by the workflow's last step.
    world["session a"].save_revision(user=world["root"]).publish(user=world["root"])
    during = world["session a"].start + datetime.timedelta(minutes=20)
    committed(
        stream.post_entry,
        world["session a"],
        world["editor a"],
        EntryInput(role="host", text="各位网友，访谈开始。"),
        now=during,
    )
    world["english a"] = english_version(world["session a"], {A_TITLE: A_ENGLISH_TITLE})
    column = HotResponseIndexPageFactory(parent=world["home"], slug="hot-responses")
    world["response a"] = HotResponsePageFactory(
        parent=column,
        session=world["session a"],
        title=A_RESPONSE_TITLE,
        published_at=local(2022, 10, 10, 10, 0),
    )
    return world


def _entries(page, action):
    return PageLogEntry.objects.filter(page=page, action=action)


# --- what is written to the log -------------------------------------------------------------


def test_each_moderation_action_is_logged_on_the_session_page_without_contacts(world):
    session, editor = world["session a"], world["editor a"]
    second = CitizenQuestionFactory(session=session, contact=CONTACT)
    third = CitizenQuestionFactory(session=session, contact=CONTACT)
    category = QuestionCategory.objects.create(name="收费", locale=session.locale)

    moderation.reject([world["question a"]], editor, "与本期主题无关。")
    moderation.accept([second], editor)
    moderation.categorise([second], editor, category)
    moderation.merge(second, [third], editor)
    moderation.mark_answered([second], editor, live=True)
    moderation.set_status(world["question a"], editor, QuestionStatus.PENDING)

    entries = PageLogEntry.objects.filter(
        page=session, action__startswith="onlinetalk.question."
    ).order_by("pk")
    assert [(entry.action, entry.data["questions"]) for entry in entries] == [
        ("onlinetalk.question.rejected", [world["question a"].pk]),
        ("onlinetalk.question.accepted", [second.pk]),
        ("onlinetalk.question.categorised", [second.pk]),
        ("onlinetalk.question.merged", [third.pk]),
        ("onlinetalk.question.answered_live", [second.pk]),
        ("onlinetalk.question.reopened", [world["question a"].pk]),
    ]
    assert entries[0].data["reason"] == "与本期主题无关。"
    assert entries[3].data["into"] == second.pk
    assert {entry.user for entry in entries} == {editor}
    assert CONTACT not in str([entry.data for entry in entries])
    assert not PageLogEntry.objects.filter(
        page=world["session b"], action__startswith="onlinetalk."
    ).exists()


def test_a_bulk_action_is_one_log_entry_per_session_in_one_insert(world):
    session_a, session_b = world["session a"], world["session b"]
    questions = [CitizenQuestionFactory(session=session_a) for _ in range(5)]
    questions.append(CitizenQuestionFactory(session=session_b))

    with CaptureQueriesContext(connection) as queries:
        assert moderation.accept(questions, world["office"]) == 6

    inserts = [q["sql"] for q in queries if 'INSERT INTO "wagtailcore_pagelogentry"' in q["sql"]]
    assert len(inserts) == 2
    [entry_a] = _entries(session_a, "onlinetalk.question.accepted")
    assert sorted(entry_a.data["questions"]) == sorted(question.pk for question in questions[:5])
    [entry_b] = _entries(session_b, "onlinetalk.question.accepted")
    assert entry_b.data["questions"] == [questions[5].pk]


def test_public_posts_corrections_and_withdrawals_are_logged_and_the_rehearsal_is_not(world):
    session, editor = world["session a"], world["editor a"]
    during = session.start + datetime.timedelta(minutes=20)
    entry = committed(
        stream.post_entry, session, editor, EntryInput(role="host", text="访谈开始。"), now=during
    )
    correct(entry, editor, text="访谈现在开始。")
    retract(entry, editor, "重复发布")
    committed(
        stream.post_entry,
        session,
        editor,
        EntryInput(role="host", text="彩排。"),
        kind=StreamKind.REHEARSAL,
        now=during,
    )

    entries = PageLogEntry.objects.filter(page=session, action__startswith="onlinetalk.live.")
    assert [(e.action, e.data["entry"], e.user) for e in entries.order_by("pk")] == [
        ("onlinetalk.live.post", entry.pk, editor),
        ("onlinetalk.live.correct", entry.pk, editor),
        ("onlinetalk.live.withdraw", entry.pk, editor),
    ]


def test_the_log_messages_read_as_sentences(logged, client):
    client.force_login(logged["office"])
    with translation.override("en"):
        html = client.get(AUDIT_URL).content.decode()
    assert f"Accepted questions: #{logged['question a'].pk}" in html
    assert "Live entry posted" in html
    assert "Published" in html


# --- the audit report ------------------------------------------------------------------------


def test_the_office_reads_every_units_entries(logged, client):
    client.force_login(logged["office"])
    response = client.get(AUDIT_URL)
    html = response.content.decode()
    assert response.status_code == 200
    for title in (A_TITLE, B_TITLE, A_ENGLISH_TITLE, A_RESPONSE_TITLE):
        assert title in html


@pytest.mark.parametrize("who", ["editor a", "reviewer a"])
def test_a_unit_reads_its_own_pages_in_every_language_and_not_another_units(logged, client, who):
    client.force_login(logged[who])
    html = client.get(AUDIT_URL).content.decode()
    for title in (A_TITLE, A_ENGLISH_TITLE, A_RESPONSE_TITLE):
        assert title in html
    assert B_TITLE not in html


@pytest.mark.parametrize(
    "url",
    [
        AUDIT_URL,
        AUDIT_RESULTS_URL,
        f"{AUDIT_URL}?export=csv",
        "unit a",
    ],
)
def test_unit_b_never_reads_unit_as_entries(logged, client, url):
    if url == "unit a":  # unit A's id in B's unit filter: not one of B's choices
        url = f"{AUDIT_URL}?unit={logged['unit a'].pk}"
    client.force_login(logged["editor b"])
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = body.decode()
    assert B_TITLE in body
    for title in (A_TITLE, A_ENGLISH_TITLE, A_RESPONSE_TITLE):
        assert title not in body


def test_the_user_filter_offers_only_the_users_of_entries_the_reader_may_read(logged, client):
    client.force_login(logged["editor b"])
    html = client.get(AUDIT_URL).content.decode()
    assert "editor-b" in html
    assert "editor-a" not in html


def test_the_office_filters_by_unit_in_every_language(logged, client):
    client.force_login(logged["office"])
    html = client.get(f"{AUDIT_RESULTS_URL}?unit={logged['unit a'].pk}").content.decode()
    for title in (A_TITLE, A_ENGLISH_TITLE, A_RESPONSE_TITLE):
        assert title in html
    assert B_TITLE not in html

    html = client.get(f"{AUDIT_RESULTS_URL}?unit={logged['unit b'].pk}").content.decode()
    assert B_TITLE in html
    assert A_TITLE not in html


def test_the_office_filters_by_user_and_by_action(logged, client):
    client.force_login(logged["office"])
    html = client.get(f"{AUDIT_RESULTS_URL}?user={logged['editor b'].pk}").content.decode()
    assert B_TITLE in html
    assert A_TITLE not in html

    html = client.get(f"{AUDIT_RESULTS_URL}?action=onlinetalk.live.post").content.decode()
    assert A_TITLE in html
    assert B_TITLE not in html


def test_workflow_steps_are_in_the_report_of_the_pages_unit_only(logged, client):
    session = logged["session a"]
    task = GroupApprovalTask.objects.create(name="单位审核")
    task.groups.set([AccessGroup.objects.get(role=AccessRole.OFFICE_APPROVER).group])
    workflow = Workflow.objects.create(name="审核流程")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    session.save_revision(user=logged["editor a"])
    state = workflow.start(session, logged["editor a"])
    state.current_task_state.specific.reject(user=logged["approver"], comment="请补充嘉宾介绍。")

    actions = set(PageLogEntry.objects.filter(page=session).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.reject"} <= actions
    for who, shown in (("editor a", True), ("editor b", False)):
        client.force_login(logged[who])
        html = client.get(f"{AUDIT_RESULTS_URL}?action=wagtail.workflow.reject").content.decode()
        assert (A_TITLE in html) is shown


def test_an_export_with_contacts_is_in_the_report(logged, client):
    client.force_login(logged["editor a"])
    session = logged["session a"]
    assert client.get(f"/admin/onlinetalk/briefings/{session.pk}/?contact=1").status_code == 200
    with translation.override("en"):
        html = client.get(
            f"{AUDIT_RESULTS_URL}?action=onlinetalk.briefing_with_contacts"
        ).content.decode()
    assert "Briefing with contacts exported" in html
    assert CONTACT not in html


@pytest.mark.parametrize("value", ["abc", "99999999", "-1", "1' OR '1'='1", "9" * 30])
def test_tampered_filters_are_refused_quietly(logged, client, value):
    client.force_login(logged["editor b"])
    for name in ("unit", "user", "action", "timestamp_after"):
        response = client.get(f"{AUDIT_RESULTS_URL}?{name}={value}")
        assert response.status_code == 200
        assert A_TITLE not in response.content.decode()


def test_someone_without_a_unit_is_refused_and_anonymous_is_asked_to_log_in(logged, client):
    outsider = get_user_model().objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert client.get(AUDIT_URL).status_code == 302
    assert "/admin/login/" in client.get(AUDIT_URL)["Location"]
    client.force_login(outsider)
    for url in (AUDIT_URL, AUDIT_RESULTS_URL):  # Wagtail's refusal: back to the dashboard
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")


# --- Wagtail's site history ------------------------------------------------------------------


@pytest.fixture
def units_on_the_column(logged):
    """Unit groups with add and change on the column, as the approval issue gives them: Wagtail
    then lets them explore every session under it."""
    column = logged["session a"].get_parent().get_parent()
    page_type = ContentType.objects.get_for_model(Page)
    for access in AccessGroup.objects.filter(role=AccessRole.UNIT_EDITOR):
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=access.group,
                page=column,
                permission=Permission.objects.get(content_type=page_type, codename=codename),
            )
    return logged


@pytest.mark.parametrize(
    ("url", "target"),
    [
        (SITE_HISTORY_URL, AUDIT_URL),
        (SITE_HISTORY_RESULTS_URL, AUDIT_RESULTS_URL),
        (f"{SITE_HISTORY_URL}?export=csv", f"{AUDIT_URL}?export=csv"),
    ],
)
def test_site_history_sends_a_unit_to_its_scoped_report(units_on_the_column, client, url, target):
    client.force_login(units_on_the_column["editor b"])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == target
    followed = client.get(response["Location"])
    body = b"".join(followed.streaming_content) if followed.streaming else followed.content
    assert A_TITLE not in body.decode()


def test_site_history_is_the_offices_and_only_the_office_sees_its_menu_item(
    units_on_the_column, client
):
    client.force_login(units_on_the_column["office"])
    response = client.get(SITE_HISTORY_URL)
    assert response.status_code == 200
    assert A_TITLE in response.content.decode()
    dashboard = client.get("/admin/").content.decode()
    assert SITE_HISTORY_URL in dashboard
    assert AUDIT_URL in dashboard

    client.force_login(units_on_the_column["editor b"])
    dashboard = client.get("/admin/").content.decode()
    assert SITE_HISTORY_URL not in dashboard
    assert AUDIT_URL in dashboard


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/workflow/",
        "/admin/reports/workflow/results/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/workflow_tasks/results/",
    ],
)
def test_the_workflow_reports_are_the_offices(units_on_the_column, client, url):
    """They list every page in a workflow with who asked and each step's state: unit B is sent
    to the audit report (its own units' steps) and never reads unit A's workflow."""
    session_a = units_on_the_column["session a"]
    session_a.save_revision(user=units_on_the_column["editor a"])
    session_a.get_workflow().start(session_a, units_on_the_column["editor a"])

    client.force_login(units_on_the_column["editor b"])
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, AUDIT_URL)
    assert A_TITLE not in client.get(AUDIT_URL).content.decode()
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/reports/workflow/" not in dashboard
    assert "/admin/reports/workflow_tasks/" not in dashboard

    client.force_login(units_on_the_column["office"])
    response = client.get(url)
    assert response.status_code == 200
    assert A_TITLE in response.content.decode()


def test_site_history_still_asks_anonymous_to_log_in(client):
    response = client.get(SITE_HISTORY_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_host_site_is_told_when_the_site_history_guard_is_missing(settings):
    from onlinetalk.audit.checks import check_site_history_middleware
    from onlinetalk.audit.middleware import MIDDLEWARE_PATH

    assert check_site_history_middleware() == []
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE_PATH]
    assert [problem.id for problem in check_site_history_middleware()] == ["onlinetalk.W003"]
