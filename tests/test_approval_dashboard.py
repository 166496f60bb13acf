"""The admin dashboard tells each role what waits for them (issue 10): a unit's reviewers what
awaits their unit ("Awaiting your review", Wagtail's, fed by the unit step's
get_task_states_user_can_moderate), the Office's approvers what awaits the Office, an editor
what was sent back to them ("Sent back to you", the approval's panel)."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from onlinetalk.approval.dashboard import SentBackPanel
from onlinetalk.approval.sent_back import sent_back_to
from tests.approval_support import column_workflow, role_users
from tests.factories import (
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    TalkSessionPageFactory,
    english_version,
    two_unit_programme,
)

pytestmark = pytest.mark.django_db

AWAITING = "awaiting-review"
SENT_BACK = "onlinetalk-sent-back"


@pytest.fixture
def world(home):
    return two_unit_programme(home)


@pytest.fixture
def people(world):
    return role_users(world)


def submit(page, editor):
    page.save_revision(user=editor)
    column_workflow().start(page, editor)
    page.refresh_from_db()


def act(page, user, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def panel(client, user, panel_id):
    """The dashboard panel `panel_id` as `user` sees it (None when it is not shown)."""
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(id=f"{panel_id}-section")


def titles(section):
    if section is None:
        return set()
    return {link.get_text(strip=True) for link in section.select("td.title a")}


def english_everywhere(people):
    from wagtail.users.models import UserProfile

    for user in people.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()


@pytest.fixture
def english_admin(people):
    english_everywhere(people)
    return people


# --- what awaits a unit's review ------------------------------------------------------------------


def test_reviewer_a_sees_what_awaits_unit_a_and_reviewer_b_does_not(client, world, english_admin):
    people = english_admin
    submit(world["session a"], people["unit a editor"])
    title = world["session a"].title
    assert title in titles(panel(client, people["unit a reviewer"], AWAITING))
    assert title not in titles(panel(client, people["unit b reviewer"], AWAITING))
    assert panel(client, people["unit b reviewer"], AWAITING) is None


def test_reviewer_b_sees_unit_bs_page_only(client, world, english_admin):
    people = english_admin
    submit(world["session a"], people["unit a editor"])
    submit(world["session b"], people["unit b editor"])
    assert titles(panel(client, people["unit b reviewer"], AWAITING)) == {world["session b"].title}


def test_the_english_page_awaits_the_same_units_reviewers(client, world, english_admin):
    people = english_admin
    chinese = world["session a"]
    english = english_version(chinese, {chinese.title: "Online talk of unit A"})
    assert english.locale.language_code == "en"
    call_command("setup_portal", stdout=StringIO())
    submit(english, people["unit a editor"])
    assert "Online talk of unit A" in titles(panel(client, people["unit a reviewer"], AWAITING))
    assert panel(client, people["unit b reviewer"], AWAITING) is None


def test_the_office_sees_a_page_only_once_its_unit_has_reviewed_it(client, world, english_admin):
    people = english_admin
    page = world["session a"]
    submit(page, people["unit a editor"])
    assert panel(client, people["office approver"], AWAITING) is None
    act(page, people["unit a reviewer"], "approve")
    assert page.title in titles(panel(client, people["office approver"], AWAITING))
    assert panel(client, people["unit a reviewer"], AWAITING) is None  # their step is done


# --- what was sent back to an editor ---------------------------------------------------------------


def test_the_editor_sees_the_page_sent_back_with_the_comment(client, world, english_admin):
    people = english_admin
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "reject", comment="Please add the guests.")
    section = panel(client, people["unit a editor"], SENT_BACK)
    assert section.find(["h2", "h3"]).get_text(strip=True) == "Sent back to you"
    headers = [th.get_text(strip=True) for th in section.select("thead th[scope=col]")]
    assert headers == [
        "Page",
        "Language",
        "Sent back at the step",
        "Sent back by",
        "Date",
        "Comment",
    ]
    (row,) = section.select("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == page.title
    assert cells[2] == "Unit review"
    assert cells[3] == people["unit a reviewer"].get_username()
    assert cells[4]  # a date
    assert cells[5] == "Please add the guests."
    assert row.find("a")["href"] == reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_a_rejection_by_the_office_names_the_office_step(client, world, english_admin):
    people = english_admin
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "approve")
    act(page, people["office approver"], "reject", comment="Venue missing.")
    (row,) = panel(client, people["unit a editor"], SENT_BACK).select("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[2] == "Office approval"
    assert cells[5] == "Venue missing."


def test_the_panel_speaks_chinese_to_a_chinese_editor(client, world, people):
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "reject", comment="请补充。")
    client.force_login(people["unit a editor"])
    response = client.get(reverse("wagtailadmin_home"))
    section = BeautifulSoup(response.content, "html.parser").find(id=f"{SENT_BACK}-section")
    assert section.find(["h2", "h3"]).get_text(strip=True) == "退回修改"
    assert "单位审核" in section.get_text()


def test_unit_bs_editor_does_not_see_unit_as_page(client, world, english_admin):
    people = english_admin
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "reject", comment="Please add the guests.")
    assert panel(client, people["unit b editor"], SENT_BACK) is None


def test_a_page_no_longer_editable_by_its_submitter_is_not_listed(client, world, english_admin):
    """The submitter moved to unit B: A's page sent back is no longer theirs to edit."""
    people = english_admin
    editor = people["unit a editor"]
    page = world["session a"]
    submit(page, editor)
    act(page, people["unit a reviewer"], "reject", comment="Please add the guests.")
    editor.groups.clear()
    editor.groups.add(*people["unit b editor"].groups.all())
    assert panel(client, editor, SENT_BACK) is None


def test_a_resubmitted_page_leaves_the_panel(client, world, english_admin):
    people = english_admin
    page = world["session a"]
    submit(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "reject", comment="Please add the guests.")
    page.refresh_from_db()
    page.save_revision(user=people["unit a editor"])
    page.current_workflow_state.resume(user=people["unit a editor"])
    assert panel(client, people["unit a editor"], SENT_BACK) is None


def test_the_editor_who_last_edited_sees_it_too(client, world, english_admin):
    """The Office's editor wrote the last revision of a page that unit A's editor submitted."""
    people = english_admin
    page = world["session a"]
    page.save_revision(user=people["unit a editor"])
    page.save_revision(user=people["office editor"])
    column_workflow().start(page, people["unit a editor"])
    act(page, people["unit a reviewer"], "reject", comment="Please add the guests.")
    assert page.title in titles(panel(client, people["office editor"], SENT_BACK))
    assert page.title in titles(panel(client, people["unit a editor"], SENT_BACK))
    assert panel(client, people["unit b editor"], SENT_BACK) is None


def test_a_hot_response_sent_back_is_listed_for_its_units_editor(
    client, home, world, english_admin
):
    people = english_admin
    column = HotResponseIndexPageFactory(parent=home)
    call_command("setup_portal", stdout=StringIO())  # the units' permissions on the new column
    response = HotResponsePageFactory(parent=column, session=world["session a"])
    submit(response, people["unit a editor"])
    act(response, people["unit a reviewer"], "reject", comment="Cite the regulation.")
    section = panel(client, people["unit a editor"], SENT_BACK)
    assert titles(section) == {response.title}
    assert "Cite the regulation." in section.get_text()
    assert panel(client, people["unit b editor"], SENT_BACK) is None


def test_anonymous_is_sent_to_the_login(client, world):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


# --- a bounded number of queries --------------------------------------------------------------------


def sent_back_sessions(world, people, count):
    year = world["session a"].get_parent()
    pages = [world["session a"]] + [
        TalkSessionPageFactory(parent=year, departments=[world["unit a"]]) for _ in range(count - 1)
    ]
    for page in pages:
        submit(page, people["unit a editor"])
        act(page, people["unit a reviewer"], "reject", comment=f"Changes to {page.title}.")
    return pages


@pytest.mark.parametrize("count", [1, 10])
def test_the_panel_asks_the_same_number_of_queries_for_1_and_10_pages(
    world, people, count, django_assert_max_num_queries
):
    sent_back_sessions(world, people, count)
    editor = people["unit a editor"]
    request = RequestFactory().get("/admin/")
    request.user = editor
    with django_assert_max_num_queries(9):
        html = SentBackPanel().render_html({"request": request, "csrf_token": ""})
    assert html.count("<tr>") == count + 1  # the header row and one per page
    assert len(sent_back_to(editor)) == count
