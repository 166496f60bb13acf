"""The commitments' admin: made and moved through the services (every saved change is a dated
update), scoped by one policy (onlinetalk/responses/permissions.py): unit A's editor never sees
or reaches unit B's commitment, anonymous users are sent to log in, nobody deletes one."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from onlinetalk.responses.models import Commitment, CommitmentStatus
from onlinetalk.responses.permissions import commitment_policy
from tests.factories import (
    CommitmentFactory,
    two_unit_programme,
)
from tests.live_support import office_group

A_TEXT = "今年秋季学期起延长课后服务时间。"
B_TEXT = "年底前新增三家社区养老服务站。"


def _user(django_user_model, name, group, language="en"):
    user = django_user_model.objects.create_user(name, password="x")
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def world(home, django_user_model):
    programme = two_unit_programme(home)
    education, civil = programme["unit a"], programme["unit b"]
    session_a, session_b = programme["session a"], programme["session b"]
    return {
        **programme,
        "editor a": _user(django_user_model, "education-editor", "市教育局-编辑"),
        "reviewer a": _user(django_user_model, "education-reviewer", "市教育局-审核"),
        "office": _user(django_user_model, "office-editor", office_group()),
        "a": CommitmentFactory(session=session_a, department=education, text=A_TEXT),
        "b": CommitmentFactory(session=session_b, department=civil, text=B_TEXT, in_progress=True),
    }


def _name(view):
    return f"wagtailsnippets_onlinetalk_commitment:{view}"


def _urls(commitment):
    return {
        "edit": reverse(_name("edit"), args=[commitment.pk]),
        "history": reverse(_name("history"), args=[commitment.pk]),
        "usage": reverse(_name("usage"), args=[commitment.pk]),
        "inspect": reverse(_name("inspect"), args=[commitment.pk]),
        "chosen": reverse(
            "wagtailsnippetchoosers_onlinetalk_commitment:chosen", args=[commitment.pk]
        ),
    }


def _body(response):
    if response["Content-Type"].startswith("application/json"):
        return str(response.json())
    return response.content.decode()


def _progress(commitment, **fields):
    data = {
        "status": commitment.status,
        "progress": commitment.progress,
        "dropped_reason": "",
        "note": "",
        "author": "",
        "photo": "",
        "photo_alt": "",
        "document": "",
    }
    data.update(fields)
    return data


# --- scope -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["editor a", "reviewer a"])
@pytest.mark.parametrize("view", ["edit", "history", "usage", "inspect", "chosen"])
def test_another_units_commitment_is_not_found(client, world, role, view):
    client.force_login(world[role])
    response = client.get(_urls(world["b"])[view])
    assert response.status_code == 404
    assert B_TEXT not in _body(response)


@pytest.mark.parametrize("view", ["edit", "history", "usage", "inspect", "chosen"])
def test_the_own_units_commitment_opens(client, world, view):
    client.force_login(world["editor a"])
    response = client.get(_urls(world["a"])[view])
    assert response.status_code == 200
    assert A_TEXT[:20] in _body(response)


@pytest.mark.parametrize("view", ["edit", "history", "usage", "inspect"])
def test_the_office_opens_every_commitment(client, world, view):
    client.force_login(world["office"])
    for commitment in (world["a"], world["b"]):
        assert client.get(_urls(commitment)[view]).status_code == 200


def test_another_units_editor_cannot_post_progress(client, world):
    client.force_login(world["editor a"])
    response = client.post(_urls(world["b"])["edit"], _progress(world["b"], progress=90))
    assert response.status_code == 404
    world["b"].refresh_from_db()
    assert world["b"].progress == 40


@pytest.mark.parametrize("query", ["", "?q=服务", "?status=in_progress", "?q=养老"])
def test_the_listing_shows_only_the_own_units_commitments(client, world, query):
    client.force_login(world["editor a"])
    response = client.get(reverse(_name("list")) + query)
    assert response.status_code == 200
    assert B_TEXT[:20] not in response.content.decode()


def test_the_listing_shows_the_office_every_commitment(client, world):
    client.force_login(world["office"])
    body = client.get(reverse(_name("list"))).content.decode()
    assert A_TEXT[:20] in body
    assert B_TEXT[:20] in body


@pytest.mark.parametrize("view", ["choose", "choose_results"])
def test_the_chooser_offers_only_the_own_units_commitments(client, world, view):
    client.force_login(world["editor a"])
    url = reverse(f"wagtailsnippetchoosers_onlinetalk_commitment:{view}")
    body = _body(client.get(url)) + _body(client.get(url + "?q=养老"))
    assert A_TEXT[:20] in _body(client.get(url))
    assert B_TEXT[:20] not in body


@pytest.mark.parametrize(
    "query",
    [
        "?status=nonsense",
        "?department=99999999999999999999",
        "?department=abc",
        "?year=%00",
        "?year=٢٠٢٢",
        "?year=99999999999999999999",
        "?year=2022&status=done&department=1",
        "?q=" + "养" * 5000,
        "?p=99999",
    ],
)
def test_nonsense_filters_never_fail(client, world, query):
    client.force_login(world["office"])
    assert client.get(reverse(_name("list")) + query).status_code < 500


@pytest.mark.parametrize("view", ["edit", "history", "usage", "inspect", "chosen"])
@pytest.mark.parametrize("pk", ["abc", "99999999999999999999", "%00", "١٢"])
def test_nonsense_ids_are_not_found(client, world, view, pk):
    client.force_login(world["office"])
    url = _urls(world["a"])[view].replace(f"/{world['a'].pk}/", f"/{pk}/")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("view", ["list", "add"])
def test_anonymous_users_are_sent_to_log_in(client, world, view):
    response = client.get(reverse(_name(view)))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("view", ["edit", "history", "inspect"])
def test_anonymous_users_are_sent_to_log_in_from_a_commitment(client, world, view):
    response = client.get(_urls(world["a"])[view])
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["editor a", "office"])
def test_nobody_deletes_a_commitment(client, world, role):
    client.force_login(world[role])
    url = reverse(_name("delete"), args=[world["a"].pk])
    for response in (client.get(url), client.post(url)):
        # Wagtail's "permission denied": back to the dashboard with a message.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert Commitment.objects.filter(pk=world["a"].pk).exists()
    assert not commitment_policy.user_has_permission(world[role], "delete")


def test_posting_without_the_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["editor a"])
    response = client.post(_urls(world["a"])["edit"], _progress(world["a"], progress=20))
    assert response.status_code == 403
    world["a"].refresh_from_db()
    assert world["a"].progress == 0


# --- making and moving -------------------------------------------------------------------------


def test_a_units_editor_makes_a_commitment_for_their_unit(client, world):
    client.force_login(world["editor a"])
    response = client.post(
        reverse(_name("add")),
        {
            "session": world["session a"].pk,
            "department": world["unit a"].pk,
            "text": "增设校门口护学岗。",
            "owner": "",
            "expected_on": "2022-12-31",
            "made_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment = Commitment.objects.get(text="增设校门口护学岗。")
    assert commitment.made_at == world["session a"].start
    assert commitment.owner == "市教育局"
    assert commitment.updates.get().user == world["editor a"]


@pytest.mark.parametrize(
    ("session", "unit"), [("session b", "unit b"), ("session a", "unit b"), ("session b", "unit a")]
)
def test_a_units_editor_cannot_make_one_for_another_unit(client, world, session, unit):
    client.force_login(world["editor a"])
    response = client.post(
        reverse(_name("add")),
        {
            "session": world[session].pk,
            "department": world[unit].pk,
            "text": "不应保存的承诺。",
            "owner": "科",
            "expected_on": "",
            "made_at": "",
        },
    )
    assert response.status_code == 200
    assert not Commitment.objects.filter(text="不应保存的承诺。").exists()


def test_saving_progress_records_a_dated_update(client, world):
    client.force_login(world["editor a"])
    response = client.post(
        _urls(world["a"])["edit"],
        _progress(world["a"], status="in_progress", progress=35, note="已完成排班。"),
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(pk=world["a"].pk)
    assert (commitment.status, commitment.progress) == ("in_progress", 35)
    update = commitment.updates.last()
    assert (update.status_before, update.progress_before) == ("not_started", 0)
    assert (update.note, update.author, update.user) == (
        "已完成排班。",
        "市教育局",
        world["editor a"],
    )


def test_who_can_be_given(client, world):
    client.force_login(world["editor a"])
    client.post(
        _urls(world["a"])["edit"],
        _progress(world["a"], progress=10, status="in_progress", author="基础教育科"),
    )
    assert world["a"].updates.last().author == "基础教育科"


def test_saving_without_a_change_records_nothing(client, world):
    client.force_login(world["editor a"])
    response = client.post(_urls(world["a"])["edit"], _progress(world["a"]))
    assert response.status_code == 302
    assert world["a"].updates.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"status": "done", "progress": 80}, "progress", "A commitment that is done is 100% done."),
        (
            {"status": "dropped", "progress": 0},
            "dropped_reason",
            "Give the public reason why the commitment is dropped.",
        ),
    ],
)
def test_errors_of_the_rules_appear_on_their_fields(client, world, fields, field, message):
    client.force_login(world["editor a"])
    response = client.post(_urls(world["a"])["edit"], _progress(world["a"], **fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert world["a"].updates.count() == 1


def test_the_edit_view_shows_the_record(client, world):
    client.force_login(world["office"])
    body = client.get(_urls(world["b"])["edit"]).content.decode()
    assert "已完成线路调研。" in body
    assert "Public record" in body


def test_dropping_with_a_reason_is_recorded(client, world):
    client.force_login(world["office"])
    response = client.post(
        _urls(world["b"])["edit"],
        _progress(
            world["b"], status="dropped", dropped_reason="选址不具备条件。", note="经评估放弃。"
        ),
    )
    assert response.status_code == 302
    world["b"].refresh_from_db()
    assert world["b"].status == CommitmentStatus.DROPPED
    assert world["b"].dropped_reason == "选址不具备条件。"


def test_setup_portal_grants_commitments_to_the_office_and_the_units(world):
    for group in (office_group(), "市教育局-编辑", "市教育局-审核"):
        codenames = set(
            Group.objects.get(name=group).permissions.values_list("codename", flat=True)
        )
        assert {"view_commitment", "add_commitment", "change_commitment"} <= codenames
        assert "delete_commitment" not in codenames
