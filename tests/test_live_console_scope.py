"""Who may open the live console: every URL and endpoint walked as an anonymous visitor, a user
without a group, another unit's editor, the unit's own editor and reviewer and the office. One
permission policy answers them all (onlinetalk/live/permissions.py); the dashboard panel and the
buttons that lead to the console ask it too."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from onlinetalk.live.entry_points import LiveConsoleButton, page_buttons
from onlinetalk.live.models import LiveEntry, StreamKind
from tests.factories import DepartmentFactory
from tests.live_support import (
    DURING,
    accepted_question,
    console_url,
    new_live_session,
    office_group,
    post,
    staff,
)

pytestmark = pytest.mark.django_db

JSON = {"accept": "application/json"}
SECRET_ENTRY = "内部彩排：领导稿件第三页"
SECRET_QUESTION = "农业补贴发放为何拖延？"

GET_URLS = ["console", "entries", "questions"]
POST_URLS = ["post", "correct", "retract", "reset_rehearsal"]


@pytest.fixture
def world(live_session, year_page, unit, during):
    """Unit A's live session (with an entry and an open question) and unit B's session starting
    two hours later; the groups of setup_portal and one user per role."""
    civil = DepartmentFactory(name="市民政局")
    other = new_live_session(
        year_page,
        civil,
        title="养老服务",
        slug="elderly",
        start=DURING + datetime.timedelta(hours=2),
    )
    entry = post(live_session, text=SECRET_ENTRY, kind=StreamKind.REHEARSAL)
    public_entry = post(live_session, text="公开条目")
    other_entry = post(other, text="别的访谈的条目", kind=StreamKind.REHEARSAL)
    accepted_question(live_session, SECRET_QUESTION)
    call_command("setup_portal", stdout=StringIO())
    return {
        "session": live_session,
        "other": other,
        "entry": entry,
        "public entry": public_entry,
        "other entry": other_entry,
        "users": {
            "editor": staff("agri-editor", "市农业农村局-编辑"),
            "reviewer": staff("agri-reviewer", "市农业农村局-审核"),
            "office": staff("office-editor", office_group()),
            "other editor": staff("civil-editor", "市民政局-编辑"),
            "nobody": get_user_model().objects.create_user("nobody", password="x"),
        },
    }


def url_of(world, name, session=None):
    session = session or world["session"]
    if name in ("correct", "retract"):
        entry = world["entry"] if session == world["session"] else world["other entry"]
        return console_url(session, name, entry.pk)
    return console_url(session, name)


def data_for(name):
    return {
        "post": {"stream": "rehearsal", "role": "host", "text": "新的彩排条目", "flag": ""},
        "correct": {"text": "改正后的文字"},
        "retract": {"reason": "测试"},
        "reset_rehearsal": {},
    }[name]


def call(client, world, name, session=None, django_capture_on_commit_callbacks=None):
    url = url_of(world, name, session)
    if name in GET_URLS:
        return client.get(url, headers=JSON)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(url, data_for(name), headers=JSON)


def assert_nothing_shown(response, world):
    body = response.content.decode(errors="replace")
    assert SECRET_ENTRY not in body
    assert SECRET_QUESTION not in body
    assert world["session"].title not in body


@pytest.mark.parametrize("name", GET_URLS + POST_URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, world, name):
    url = url_of(world, name)
    response = client.get(url) if name in GET_URLS else client.post(url, data_for(name))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert LiveEntry.objects.filter(pk=world["entry"].pk, withdrawn_at=None).exists()


@pytest.mark.parametrize("name", GET_URLS + POST_URLS)
def test_a_user_without_a_group_gets_nothing(
    client, world, name, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["nobody"])
    url = url_of(world, name)
    response = client.get(url) if name in GET_URLS else client.post(url, data_for(name))

    # Wagtail's answer to a user without admin access: back to the login.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert_nothing_shown(response, world)


@pytest.mark.parametrize("name", GET_URLS + POST_URLS)
def test_another_units_editor_finds_nothing(
    client, world, name, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["other editor"])
    count = LiveEntry.objects.count()

    response = call(client, world, name, None, django_capture_on_commit_callbacks)

    assert response.status_code == 404
    assert_nothing_shown(response, world)
    assert LiveEntry.objects.count() == count
    world["entry"].refresh_from_db()
    assert world["entry"].text == f"<p>{SECRET_ENTRY}</p>" and not world["entry"].is_withdrawn


@pytest.mark.parametrize("name", GET_URLS + POST_URLS)
@pytest.mark.parametrize("role", ["editor", "reviewer", "office"])
def test_the_units_own_staff_and_the_office_may(
    client, world, role, name, django_capture_on_commit_callbacks
):
    client.force_login(world["users"][role])

    response = call(client, world, name, None, django_capture_on_commit_callbacks)

    assert response.status_code == 200, response.content[:500]


@pytest.mark.parametrize("name", GET_URLS + POST_URLS)
def test_the_other_units_editor_may_open_their_own_session(
    client, world, name, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["other editor"])

    response = call(client, world, name, world["other"], django_capture_on_commit_callbacks)

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["correct", "retract"])
def test_an_entry_of_another_session_is_not_found(
    client, world, name, django_capture_on_commit_callbacks
):
    client.force_login(world["users"]["office"])
    url = console_url(world["session"], name, world["other entry"].pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data_for(name), headers=JSON)

    assert response.status_code == 404
    world["other entry"].refresh_from_db()
    assert not world["other entry"].is_withdrawn and world["other entry"].revision == 1


@pytest.mark.parametrize("session_id", [999999, 2**63])
def test_a_session_that_does_not_exist_is_not_found(client, world, session_id):
    client.force_login(world["users"]["office"])

    response = client.get(f"/admin/onlinetalk/live/{session_id}/", headers=JSON)

    assert response.status_code == 404


def test_a_page_that_is_no_session_is_not_found(client, world, year_page):
    client.force_login(world["users"]["office"])

    assert client.get(f"/admin/onlinetalk/live/{year_page.pk}/").status_code == 404


def test_the_endpoints_refuse_a_post_without_the_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["office"])

    response = client.post(url_of(world, "post"), data_for("post"), headers=JSON)

    assert response.status_code == 403
    assert LiveEntry.objects.count() == 3


# --- the ways in --------------------------------------------------------------------------------


def test_the_dashboard_lists_the_sessions_in_scope_with_their_console(client, world):
    own = console_url(world["session"])
    other = console_url(world["other"])

    client.force_login(world["users"]["editor"])
    editor = client.get("/admin/").content.decode()
    client.force_login(world["users"]["other editor"])
    other_editor = client.get("/admin/").content.decode()
    client.force_login(world["users"]["office"])
    office = client.get("/admin/").content.decode()

    assert f'href="{own}"' in editor and f'href="{other}"' not in editor
    assert f'href="{other}"' in other_editor and f'href="{own}"' not in other_editor
    assert world["session"].title not in other_editor
    assert f'href="{own}"' in office and f'href="{other}"' in office


def test_the_dashboard_leaves_out_sessions_further_than_a_day_or_over(client, world, during):
    client.force_login(world["users"]["office"])
    during.shift(datetime.timedelta(hours=3))  # A's session is over, B's is live

    body = client.get("/admin/").content.decode()

    assert f'href="{console_url(world["other"])}"' in body
    assert f'href="{console_url(world["session"])}"' not in body
    during.shift(datetime.timedelta(days=-3))  # both more than a day away
    assert "onlinetalk-live-sessions" not in client.get("/admin/").content.decode()


def test_the_edit_view_and_the_listing_show_the_button_to_the_office(client, world, year_page):
    client.force_login(world["users"]["office"])
    console = console_url(world["session"])

    edit = client.get(f"/admin/pages/{world['session'].pk}/edit/").content.decode()
    listing = client.get(f"/admin/pages/{year_page.pk}/").content.decode()

    assert f'href="{console}"' in edit
    assert f'href="{console}"' in listing
    assert "Live console" in edit or "直播控制台" in edit or "Live console" in listing


def test_the_button_only_for_sessions_in_scope(world, year_page, rf):
    editor = world["users"]["editor"]
    other_editor = world["users"]["other editor"]

    def shown(page, user):
        return [button.is_shown(user) for button in page_buttons(page=page, user=user)]

    assert shown(world["session"], editor) == [True]
    assert shown(world["session"], other_editor) == [False]
    assert shown(world["other"], other_editor) == [True]
    assert shown(world["other"], world["users"]["nobody"]) == [False]
    # Other pages get no button at all.
    assert list(page_buttons(page=year_page, user=world["users"]["office"])) == []
    assert isinstance(next(page_buttons(page=world["session"], user=editor)), LiveConsoleButton)
