"""Making a session's hot response in one action: the draft pre-filled with the accepted but
unanswered questions and the entries flagged as commitments or suggestions (issue 9, "Making
one"), and the admin view that makes it, as each role."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission

from onlinetalk.conf import get_setting
from onlinetalk.live.models import StreamKind
from onlinetalk.responses.models import Commitment, HotResponsePage
from onlinetalk.responses.prefill import PrefillError, draft_response
from tests.factories import DepartmentFactory
from tests.live_support import (
    AFTER,
    DURING,
    accepted_question,
    guest,
    new_live_session,
    office_group,
    post,
    retract,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def after(live_session):
    with time_machine.travel(AFTER, tick=False) as traveller:
        yield traveller


@pytest.fixture
def broadcast(live_session, office):
    """The session's broadcast: questions in every status, and flagged entries of every kind
    (withdrawn and rehearsal ones among them)."""
    leader = guest(live_session)
    questions = {
        status: accepted_question(live_session, f"{status} 的问题", status="accepted")
        for status in ("answered_live", "accepted", "pending", "rejected", "merged", "later")
    }
    private = accepted_question(live_session, "不公开的问题")
    private.consent_to_publish = False
    private.save()
    questions["private"] = private
    # Put live: the console marks it answered.
    post(live_session, office, role="citizen", question=questions["answered_live"])
    for status, stored in (
        ("pending", "pending"),
        ("rejected", "rejected"),
        ("later", "answered_later"),
    ):
        questions[status].status = stored
        questions[status].save()
    questions["merged"].status = "merged"
    questions["merged"].merged_into = questions["accepted"]
    questions["merged"].save()
    commitment = post(
        live_session,
        office,
        role="guest",
        leader=leader,
        text="<p>年底前新增公交线路三条。</p>",
        flag="commitment",
    )
    suggestion = post(
        live_session,
        office,
        role="host",
        text="<p>建议<b>延长</b>末班车时间。</p>",
        flag="suggestion",
    )
    withdrawn = post(live_session, office, role="host", text="<p>撤回的承诺</p>", flag="commitment")
    retract(withdrawn, office, "发错了")
    post(
        live_session,
        office,
        role="host",
        text="<p>彩排承诺</p>",
        flag="commitment",
        kind=StreamKind.REHEARSAL,
        now=DURING - datetime.timedelta(days=1),
    )
    post(live_session, office, role="host", text="<p>没有标记</p>")
    return {"questions": questions, "commitment": commitment, "suggestion": suggestion}


def blocks_of(page):
    page = HotResponsePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    return [(block.block_type, block.value) for block in page.body]


def test_the_draft_holds_exactly_what_the_session_leaves_to_answer(
    broadcast, response_column, office, after, live_session
):
    drafted = draft_response(live_session, office)
    assert drafted.created
    page = HotResponsePage.objects.get(pk=drafted.page.pk)
    assert not page.live
    assert page.get_parent().pk == response_column.pk
    assert page.session_id == live_session.pk
    with translation.override("zh-hans"):
        assert page.title == gettext("Hot response: %(title)s") % {"title": "乡村振兴"}
    revision = page.get_latest_revision()
    assert revision.user == office

    blocks = blocks_of(page)
    kinds = [kind for kind, _value in blocks]
    assert kinds == ["reply", "reply", "commitment", "suggestion"]
    questions = broadcast["questions"]
    public, private = blocks[0][1], blocks[1][1]
    assert [q.pk for q in public["questions"]] == [questions["accepted"].pk]
    assert public["question_summary"] == "accepted 的问题"
    assert public["reply"].source == ""
    assert [q.pk for q in private["questions"]] == [questions["private"].pk]
    assert private["question_summary"] == ""  # the citizen did not agree to publish it

    commitment = blocks[2][1]["commitment"]
    assert commitment.captured_from_id == broadcast["commitment"].pk
    assert commitment.text == "年底前新增公交线路三条。"
    assert commitment.session_id == live_session.pk
    assert commitment.made_at == broadcast["commitment"].posted_at
    assert commitment.updates.count() == 1
    # Withdrawn and rehearsal entries make no commitment.
    assert Commitment.objects.count() == 1

    suggestion = blocks[3][1]
    assert suggestion["suggestion"] == "建议延长末班车时间。"
    assert suggestion["live_entry"] == broadcast["suggestion"].pk
    assert suggestion["adoption"] in ("", None)


def test_drafting_again_returns_the_same_response(
    broadcast, response_column, office, after, live_session
):
    first = draft_response(live_session, office)
    again = draft_response(live_session, office)
    assert not again.created
    assert again.page.pk == first.page.pk
    assert HotResponsePage.objects.count() == 1
    assert Commitment.objects.count() == 1


def test_a_commitment_made_before_is_reused(
    broadcast, response_column, office, after, live_session
):
    from onlinetalk.responses.commitments import make_commitment

    made = make_commitment(
        session=live_session,
        department=live_session.departments.first(),
        text="已记录的承诺",
        owner="公交管理科",
        captured_from=broadcast["commitment"],
    )
    page = draft_response(live_session, office).page
    assert blocks_of(page)[2][1]["commitment"].pk == made.pk
    assert Commitment.objects.count() == 1


def test_from_the_english_page_the_response_is_the_default_language_one(
    broadcast, response_column, office, after, live_session
):
    from tests.factories import english_version

    english = english_version(live_session)
    page = draft_response(english, office).page
    assert page.session_id == live_session.pk
    assert page.locale_id == live_session.locale_id


def test_not_before_the_session_has_ended(live_session, response_column, office, during):
    with translation.override("en"), pytest.raises(PrefillError, match="ended"):
        draft_response(live_session, office)
    assert not HotResponsePage.objects.exists()


def test_not_without_a_column(live_session, office, after):
    with translation.override("en"), pytest.raises(PrefillError, match="column"):
        draft_response(live_session, office)


# --- the admin view ---------------------------------------------------------------------------


def create_url(session):
    return reverse("onlinetalk_response_create", args=[session.pk])


def may_add_responses(group_name, column):
    GroupPagePermission.objects.get_or_create(
        group=Group.objects.get(name=group_name),
        page=column,
        permission=Permission.objects.get(codename="add_page"),
    )


@pytest.fixture
def unit_editor(live_session, office, unit):
    return staff("unit-editor", f"{unit.name}{get_setting('UNIT_EDITORS_SUFFIX')}")


@pytest.fixture
def other_editor(live_session, unit):
    other = DepartmentFactory(name="市教育局")
    call_command("setup_portal", stdout=StringIO())
    return staff("other-editor", f"{other.name}{get_setting('UNIT_EDITORS_SUFFIX')}")


@pytest.mark.parametrize("role", ["office", "unit"])
def test_the_office_and_the_unit_create_the_draft_and_land_in_its_editor(
    role, broadcast, response_column, office, unit_editor, unit, after, live_session
):
    user = office if role == "office" else unit_editor
    group = (
        office_group() if role == "office" else f"{unit.name}{get_setting('UNIT_EDITORS_SUFFIX')}"
    )
    may_add_responses(group, response_column)
    client = Client()
    client.force_login(user)
    response = client.post(create_url(live_session))
    page = HotResponsePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_latest_revision().user == user
    # A second click leads to the same draft.
    again = client.post(create_url(live_session))
    assert again["Location"] == response["Location"]
    assert HotResponsePage.objects.count() == 1


def test_without_add_permission_on_the_column_nothing_is_made(
    broadcast, response_column, unit_editor, after, live_session
):
    client = Client()
    client.force_login(unit_editor)
    response = client.post(create_url(live_session), follow=True)
    assert not HotResponsePage.objects.exists()
    messages = [str(message) for message in response.context["messages"]]
    assert any("hot responses column" in message or "热点回应" in message for message in messages)


def test_before_the_end_the_view_says_why(live_session, response_column, office, during):
    may_add_responses(office_group(), response_column)
    client = Client()
    client.force_login(office)
    response = client.post(create_url(live_session), follow=True)
    assert not HotResponsePage.objects.exists()
    assert "once the session has ended" in response.content.decode()


def test_another_units_editor_finds_nothing(
    broadcast, response_column, other_editor, after, live_session
):
    may_add_responses("市教育局-编辑", response_column)
    client = Client()
    client.force_login(other_editor)
    assert client.post(create_url(live_session)).status_code == 404
    assert not HotResponsePage.objects.exists()


@pytest.mark.parametrize("session_id", ["0", "999999", "99999999999999999999"])
def test_an_unknown_session_is_not_found(session_id, office, response_column, after):
    client = Client()
    client.force_login(office)
    response = client.post(f"/admin/onlinetalk/responses/create/{session_id}/")
    assert response.status_code == 404


def test_anonymous_is_sent_to_log_in(live_session, response_column, after):
    response = Client().post(create_url(live_session))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    assert not HotResponsePage.objects.exists()


def test_get_is_not_allowed(live_session, response_column, office, after):
    client = Client()
    client.force_login(office)
    assert client.get(create_url(live_session)).status_code == 405


def test_csrf_is_enforced(live_session, response_column, office, after):
    may_add_responses(office_group(), response_column)
    client = Client(enforce_csrf_checks=True)
    client.force_login(office)
    assert client.post(create_url(live_session)).status_code == 403
    assert not HotResponsePage.objects.exists()


# --- the buttons --------------------------------------------------------------------------------


def test_the_session_edit_view_offers_create_then_edit(
    broadcast, response_column, office, after, live_session
):
    may_add_responses(office_group(), response_column)
    client = Client()
    client.force_login(office)
    edit = reverse("wagtailadmin_pages:edit", args=[live_session.pk])
    html = client.get(edit).content.decode()
    assert "Create hot response" in html
    assert f'data-w-action-url-value="{create_url(live_session)}"' in html
    client.post(create_url(live_session))
    page = HotResponsePage.objects.get()
    html = client.get(edit).content.decode()
    assert "Edit hot response" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    # The page listing's menu of the year page's children offers it too.
    listing = client.get(reverse("wagtailadmin_explore", args=[live_session.get_parent().pk]))
    assert "Edit hot response" in listing.content.decode()


def test_no_button_before_the_end_nor_for_another_unit(
    live_session, response_column, office, other_editor, during
):
    may_add_responses(office_group(), response_column)
    edit = reverse("wagtailadmin_pages:edit", args=[live_session.pk])
    client = Client()
    client.force_login(office)
    assert "Create hot response" not in client.get(edit).content.decode()
    with time_machine.travel(AFTER, tick=False):
        listing = reverse("wagtailadmin_explore", args=[live_session.get_parent().pk])
        client.force_login(other_editor)
        assert "hot response" not in client.get(listing).content.decode()


def test_a_session_of_another_year_page_is_its_own(year_page, unit, office, response_column, after):
    other = new_live_session(year_page, unit, slug="second", title="第二场")
    first_page = None
    for session in (other,):
        first_page = draft_response(session, office).page
    assert first_page.session_id == other.pk
