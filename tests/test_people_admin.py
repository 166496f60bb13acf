"""The Office adds a person to a unit (or to the Office) in one step in the admin: an existing
account or a new one, the unit and the role; nobody else may, and every choice is checked."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale, ModelLogEntry
from wagtail.users.models import UserProfile

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.localization import translate_in_code
from tests.factories import two_unit_programme

ADD_URL = "/admin/onlinetalk/people/add/"


def member(username, role, unit=None):
    access = AccessGroup.objects.get(role=role, department=unit)
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(access.group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def group_of(role, unit=None):
    return AccessGroup.objects.get(role=role, department=unit).group


@pytest.fixture
def world(home):
    programme = two_unit_programme(home)
    return {
        **programme,
        "office": member("office", AccessRole.OFFICE_EDITOR),
        "editor a": member("editor-a", AccessRole.UNIT_EDITOR, programme["unit a"]),
        "newcomer": get_user_model().objects.create_user("newcomer", password="x"),
    }


def _post(client, **data):
    with translation.override("en"):
        return client.post(ADD_URL, data)


def _errors(response):
    """The form's errors as English text (the messages are lazy: read in English)."""
    with translation.override("en"):
        return {
            field: [str(message) for message in messages]
            for field, messages in response.context["form"].errors.items()
        }


def test_the_office_adds_an_existing_account_to_a_unit_as_its_editor(world, client):
    client.force_login(world["office"])
    response = _post(
        client,
        existing_user=world["newcomer"].pk,
        role=AccessRole.UNIT_EDITOR,
        unit=world["unit a"].pk,
    )
    assert (response.status_code, response["Location"]) == (302, ADD_URL)
    group = group_of(AccessRole.UNIT_EDITOR, world["unit a"])
    assert list(world["newcomer"].groups.all()) == [group]
    entry = ModelLogEntry.objects.get(action="onlinetalk.people.add")
    assert (entry.object_id, entry.user) == (str(world["newcomer"].pk), world["office"])
    assert entry.data["group"] == group.name


def test_the_office_makes_a_new_account_with_its_language_and_no_password(world, client):
    client.force_login(world["office"])
    response = _post(
        client,
        username="zhang.wei",
        name="张伟",
        email="zhang.wei@example.gov.cn",
        language="en",
        role=AccessRole.UNIT_REVIEWER,
        unit=world["unit b"].pk,
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(username="zhang.wei")
    assert (person.first_name, person.email) == ("张伟", "zhang.wei@example.gov.cn")
    assert not person.has_usable_password()
    assert UserProfile.get_for_user(person).preferred_language == "en"
    assert list(person.groups.all()) == [group_of(AccessRole.UNIT_REVIEWER, world["unit b"])]


def test_a_new_account_may_be_given_a_password_that_passes_the_validators(world, client):
    client.force_login(world["office"])
    _post(
        client,
        username="li.na",
        password="a long enough passphrase 2022",
        role=AccessRole.UNIT_EDITOR,
        unit=world["unit b"].pk,
    )
    assert (
        get_user_model()
        .objects.get(username="li.na")
        .check_password("a long enough passphrase 2022")
    )


def test_an_office_role_has_no_unit(world, client):
    client.force_login(world["office"])
    response = _post(client, existing_user=world["newcomer"].pk, role=AccessRole.OFFICE_APPROVER)
    assert response.status_code == 302
    assert list(world["newcomer"].groups.all()) == [group_of(AccessRole.OFFICE_APPROVER)]

    response = _post(
        client,
        existing_user=world["newcomer"].pk,
        role=AccessRole.OFFICE_EDITOR,
        unit=world["unit a"].pk,
    )
    assert _errors(response) == {
        "unit": ["An Office role belongs to no unit: leave the unit empty."]
    }


def test_a_unit_role_without_its_unit_is_refused_with_the_reason(world, client):
    client.force_login(world["office"])
    response = _post(client, existing_user=world["newcomer"].pk, role=AccessRole.UNIT_EDITOR)
    assert response.status_code == 200
    assert _errors(response) == {"unit": ["Choose the unit of a unit role."]}
    assert "Choose the unit of a unit role." in response.content.decode()
    assert not world["newcomer"].groups.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unit", "999999"),
        ("unit", "abc"),
        ("unit", "9" * 30),
        ("role", "superuser"),
        ("existing_user", "999999"),
        ("existing_user", "9" * 30),
    ],
)
def test_tampered_choices_are_form_errors(world, client, field, value):
    client.force_login(world["office"])
    data = {
        "existing_user": world["newcomer"].pk,
        "role": AccessRole.UNIT_EDITOR,
        "unit": world["unit a"].pk,
        field: value,
    }
    response = _post(client, **data)
    assert response.status_code == 200
    assert field in _errors(response)
    assert not world["newcomer"].groups.exists()


def test_an_english_unit_row_is_not_a_choice(world, client):
    english_unit = translate_in_code(
        world["unit a"], Locale.objects.get(language_code="en"), {"市教育局": "Education Bureau"}
    )
    client.force_login(world["office"])
    response = _post(
        client,
        existing_user=world["newcomer"].pk,
        role=AccessRole.UNIT_EDITOR,
        unit=english_unit.pk,
    )
    assert "unit" in _errors(response)


def test_a_missing_group_is_a_clear_error_and_nothing_is_made(world, client):
    group_of(AccessRole.UNIT_EDITOR, world["unit b"]).delete()
    client.force_login(world["office"])
    response = _post(
        client, username="wang.fang", role=AccessRole.UNIT_EDITOR, unit=world["unit b"].pk
    )
    assert response.status_code == 200
    assert _errors(response) == {
        "__all__": [
            "The group for this role does not exist yet: run “manage.py setup_portal” first."
        ]
    }
    assert not get_user_model().objects.filter(username="wang.fang").exists()


def test_an_account_is_chosen_or_made_not_both_and_a_taken_name_is_refused(world, client):
    client.force_login(world["office"])
    both = _post(
        client,
        existing_user=world["newcomer"].pk,
        username="someone",
        role=AccessRole.UNIT_EDITOR,
        unit=world["unit a"].pk,
    )
    assert "username" in _errors(both)
    neither = _post(client, role=AccessRole.UNIT_EDITOR, unit=world["unit a"].pk)
    assert "existing_user" in _errors(neither)
    taken = _post(client, username="NEWCOMER", role=AccessRole.UNIT_EDITOR, unit=world["unit a"].pk)
    assert "username" in _errors(taken)


def test_a_units_editor_is_refused(world, client):
    client.force_login(world["editor a"])
    for response in (
        client.get(ADD_URL),
        _post(client, existing_user=world["newcomer"].pk, role=AccessRole.OFFICE_APPROVER),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not world["newcomer"].groups.exists()
    xhr = client.get(ADD_URL, headers={"x-requested-with": "XMLHttpRequest"})
    assert xhr.status_code == 403


def test_anonymous_is_asked_to_log_in(world, client):
    for response in (client.get(ADD_URL), client.post(ADD_URL, {"role": "office_approver"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_the_menu_item_is_the_offices(world, client):
    client.force_login(world["office"])
    assert ADD_URL in client.get("/admin/").content.decode()
    assert client.get(ADD_URL).status_code == 200
    client.force_login(world["editor a"])
    assert ADD_URL not in client.get("/admin/").content.decode()


def test_a_superuser_may_add_a_person(world, client):
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    response = _post(
        client,
        existing_user=world["newcomer"].pk,
        role=AccessRole.UNIT_EDITOR,
        unit=world["unit b"].pk,
    )
    assert response.status_code == 302
    assert (
        world["newcomer"]
        .groups.filter(pk=group_of(AccessRole.UNIT_EDITOR, world["unit b"]).pk)
        .exists()
    )
