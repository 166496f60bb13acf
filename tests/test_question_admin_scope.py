"""Every admin URL of citizens' questions, walked by unit A's editor against unit B's question:
403 or 404, never 200 with B's text or receipt code. One permission policy answers them all
(onlinetalk/questions/permissions.py)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from onlinetalk.questions.models import CitizenQuestion
from onlinetalk.questions.permissions import question_policy
from onlinetalk.questions.receipts import new_receipt_code
from onlinetalk.questions.text import text_fingerprint
from tests.factories import (
    SHANGHAI,
    two_unit_programme,
)

B_TEXT = "养老服务补贴如何申请才能更快到账？"
A_TEXT = "课后服务的收费标准是怎样规定的？"


def _question(session, text, **fields):
    return CitizenQuestion.objects.create(
        session=session,
        text=text,
        nickname="网友",
        submitted_at=datetime.datetime(2022, 9, 22, 9, 0, tzinfo=SHANGHAI),
        language="zh-hans",
        consent_to_publish=True,
        receipt_code=new_receipt_code(),
        address_hash="hash",
        text_hash=text_fingerprint(text),
        **fields,
    )


@pytest.fixture
def two_units(home, django_user_model):
    programme = two_unit_programme(home)
    session_a, session_b = programme["session a"], programme["session b"]
    editor = django_user_model.objects.create_user("education-editor", password="x")
    editor.groups.add(Group.objects.get(name="市教育局-编辑"))
    return {
        "editor": editor,
        "session a": session_a,
        "session b": session_b,
        "a": _question(session_a, A_TEXT),
        "b": _question(session_b, B_TEXT, contact="someone@example.com"),
    }


def _name(view):
    return f"wagtailsnippets_onlinetalk_citizenquestion:{view}"


def _object_urls(question):
    return {
        "edit": reverse(_name("edit"), args=[question.pk]),
        "history": reverse(_name("history"), args=[question.pk]),
        "usage": reverse(_name("usage"), args=[question.pk]),
        "delete": reverse(_name("delete"), args=[question.pk]),
        "chosen": reverse(
            "wagtailsnippetchoosers_onlinetalk_citizenquestion:chosen", args=[question.pk]
        ),
    }


def _bulk_url(action, question):
    listing = reverse(_name("list"))
    return f"/admin/bulk/onlinetalk/citizenquestion/{action}/?next={listing}&id={question.pk}"


def _body(response):
    """What the response shows: HTML, a file's content, or the HTML inside a modal's JSON."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "") + str(response.json().get("result", ""))
    return response.content.decode(errors="replace")


def _assert_hidden(response, question):
    body = _body(response)
    assert question.text not in body
    assert question.formatted_receipt_code not in body
    assert question.receipt_code not in body


@pytest.mark.parametrize("view", ["edit", "history", "usage", "chosen"])
def test_another_units_question_is_not_found(client, two_units, view):
    client.force_login(two_units["editor"])

    response = client.get(_object_urls(two_units["b"])[view])

    assert response.status_code == 404
    _assert_hidden(response, two_units["b"])


@pytest.mark.parametrize("view", ["edit", "history", "usage", "chosen"])
def test_the_own_units_question_opens(client, two_units, view):
    client.force_login(two_units["editor"])

    response = client.get(_object_urls(two_units["a"])[view])

    assert response.status_code == 200


def test_nobody_may_delete_a_question(client, two_units):
    client.force_login(two_units["editor"])

    for question in (two_units["a"], two_units["b"]):
        for method in (client.get, client.post):
            response = method(_object_urls(question)["delete"])
            # Wagtail's answer to a refused admin permission: back to the dashboard.
            assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert CitizenQuestion.objects.filter(pk=two_units["b"].pk).exists()


@pytest.mark.parametrize(
    "action", ["accept_questions", "reject_questions", "categorise_questions", "merge_questions"]
)
def test_bulk_actions_on_another_units_question_are_not_found(client, two_units, action):
    client.force_login(two_units["editor"])

    response = client.get(_bulk_url(action, two_units["b"]))

    assert response.status_code == 404
    _assert_hidden(response, two_units["b"])


def test_a_bulk_selection_across_units_lists_only_the_own_question(client, two_units):
    client.force_login(two_units["editor"])
    listing = reverse(_name("list"))
    url = (
        f"/admin/bulk/onlinetalk/citizenquestion/accept_questions/?next={listing}"
        f"&id={two_units['a'].pk}&id={two_units['b'].pk}&id=abc"
    )

    response = client.get(url)

    assert response.status_code == 200
    assert A_TEXT in response.content.decode()
    _assert_hidden(response, two_units["b"])


def test_accepting_in_bulk_cannot_reach_another_units_question(client, two_units):
    client.force_login(two_units["editor"])

    response = client.post(_bulk_url("accept_questions", two_units["b"]))

    assert response.status_code == 404
    two_units["b"].refresh_from_db()
    assert two_units["b"].status == "pending"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/onlinetalk/citizenquestion/",
        "/admin/snippets/onlinetalk/citizenquestion/results/",
        f"/admin/snippets/onlinetalk/citizenquestion/?q={B_TEXT[:4]}",
        "/admin/snippets/onlinetalk/citizenquestion/?export=csv",
        "/admin/snippets/onlinetalk/citizenquestion/?export=xlsx",
        "/admin/snippets/choose/onlinetalk/citizenquestion/",
        "/admin/snippets/choose/onlinetalk/citizenquestion/results/",
        f"/admin/snippets/choose/onlinetalk/citizenquestion/results/?q={B_TEXT[:4]}",
        "/admin/onlinetalk/briefings/",
        "/admin/",
    ],
)
def test_listings_choosers_exports_and_dashboard_leave_out_another_unit(client, two_units, url):
    client.force_login(two_units["editor"])

    response = client.get(url)

    assert response.status_code == 200
    _assert_hidden(response, two_units["b"])


def test_the_listings_do_show_the_own_units_question(client, two_units):
    client.force_login(two_units["editor"])

    for url in (
        "/admin/snippets/onlinetalk/citizenquestion/",
        "/admin/snippets/choose/onlinetalk/citizenquestion/",
    ):
        assert A_TEXT in _body(client.get(url))


def test_another_units_briefing_is_not_found(client, two_units):
    client.force_login(two_units["editor"])

    for query in ("", "?format=xlsx", "?contact=1"):
        response = client.get(f"/admin/onlinetalk/briefings/{two_units['session b'].pk}/{query}")
        assert response.status_code == 404


def test_the_chooser_returns_no_question_of_another_unit(client, two_units):
    client.force_login(two_units["editor"])
    url = reverse("wagtailsnippetchoosers_onlinetalk_citizenquestion:chosen_multiple")

    response = client.get(f"{url}?id={two_units['b'].pk}&id={two_units['a'].pk}&id=x")

    assert response.status_code == 200
    body = _body(response)
    assert two_units["a"].formatted_receipt_code in body
    _assert_hidden(response, two_units["b"])


def test_the_policy_is_the_one_answer(two_units):
    editor, question_a, question_b = two_units["editor"], two_units["a"], two_units["b"]

    assert list(question_policy.instances_user_has_permission_for(editor, "change")) == [question_a]
    assert question_policy.user_has_permission_for_instance(editor, "change", question_a)
    assert not question_policy.user_has_permission_for_instance(editor, "change", question_b)
    assert not question_policy.user_has_permission(editor, "delete")
    assert not question_policy.user_has_permission(editor, "add")
    assert list(question_policy.sessions_for_user(editor)) == [two_units["session a"]]
