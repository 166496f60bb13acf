"""The admin dashboard's "Upcoming and overdue" (issue 11): the milestones of the user's units
that the reminders chase, overdue first, each linking to its admin page; the Office sees every
unit's, a unit's people their own, anyone else no panel. It costs the same queries for one
session as for ten."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from onlinetalk.reminders.dashboard import SHOWN, AgendaPanel
from onlinetalk.sessions.models import TalkSessionPage
from tests.approval_support import role_users
from tests.clock import local
from tests.factories import CommitmentFactory, TalkSessionPageFactory, two_unit_programme
from tests.reminder_support import DAY_BEFORE

pytestmark = pytest.mark.django_db

PANEL = "onlinetalk-reminder-agenda-section"
HEADINGS = {"en": "Upcoming and overdue", "zh-hans": "即将到期与已逾期"}


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    # Unit b's session a week later: its plan is overdue too, its live exchange within 14 days.
    TalkSessionPage.objects.filter(pk=world["session b"].pk).update(start=local(2022, 10, 5, 10))
    world["session b"].refresh_from_db()
    return world


@pytest.fixture
def people(world):
    return role_users(world)


@pytest.fixture
def outsider(db):
    """A person who may use the admin but belongs to no unit and not to the Office."""
    group = Group.objects.create(name="Other staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user(username="outsider", password="pw")
    user.groups.add(group)
    return user


def in_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def dashboard(client, user, language="en"):
    in_language(user, language)
    client.force_login(user)
    with time_machine.travel(DAY_BEFORE, tick=False):
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(soup):
    return soup.find(id=PANEL)


def rows(panel, kind):
    return panel.select(f"tr.onlinetalk-agenda-{kind}")


def titles(panel, kind):
    return {row.select_one("td.title").get_text(strip=True) for row in rows(panel, kind)}


# --- who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["office editor", "office approver"])
def test_the_office_sees_every_units_milestones(client, world, people, role):
    panel = section(dashboard(client, people[role]))
    assert panel is not None
    seen = titles(panel, "overdue") | titles(panel, "upcoming")
    assert {world["session a"].title, world["session b"].title} <= seen
    units = {row.find_all("td")[2].get_text(strip=True) for row in rows(panel, "overdue")}
    assert units == {"市教育局", "市民政局"}


def test_a_superuser_sees_every_unit(client, world, admin_user):
    panel = section(dashboard(client, admin_user))
    assert world["session b"].title in titles(panel, "overdue")
    assert world["session a"].title in titles(panel, "overdue")


@pytest.mark.parametrize("role", ["unit a editor", "unit a reviewer"])
def test_a_unit_sees_its_own_milestones_only(client, world, people, role):
    panel = section(dashboard(client, people[role]))
    assert panel is not None
    seen = titles(panel, "overdue") | titles(panel, "upcoming")
    assert world["session a"].title in seen
    assert world["session b"].title not in seen
    assert world["session b"].title not in panel.get_text()
    assert "市民政局" not in panel.get_text()


def test_unit_b_sees_unit_bs_milestones(client, world, people):
    panel = section(dashboard(client, people["unit b reviewer"]))
    seen = titles(panel, "overdue") | titles(panel, "upcoming")
    assert world["session b"].title in seen
    assert world["session a"].title not in panel.get_text()


def test_a_joint_session_shows_for_both_units_with_both_names(client, world, people):
    joint = TalkSessionPageFactory(
        parent=world["session a"].get_parent(),
        departments=[world["unit a"], world["unit b"]],
        start=local(2022, 9, 29, 10),
    )
    for role in ("unit a editor", "unit b editor"):
        panel = section(dashboard(client, people[role]))
        row = next(row for row in rows(panel, "overdue") if joint.title in row.get_text())
        assert set(row.find_all("td")[2].get_text(strip=True).split("、")) == {
            "市教育局",
            "市民政局",
        }


def test_someone_of_no_unit_gets_no_panel(client, world, outsider):
    assert section(dashboard(client, outsider)) is None


# --- what the panel says ------------------------------------------------------------------------


def test_overdue_comes_first_with_its_days_late(client, world, people):
    panel = section(dashboard(client, people["unit a editor"]))
    headings = [heading.get_text(strip=True) for heading in panel.find_all(["h2", "h3"])]
    assert headings == ["Upcoming and overdue", "Overdue", "Due in the next 14 days"]
    overdue = rows(panel, "overdue")
    assert [row.find_all("td")[0].get_text(strip=True) for row in overdue] == ["Plan due"]
    # Due by the end of 13 September (start − 15 days); on the 27th it is 14 days late.
    cells = [cell.get_text(strip=True) for cell in overdue[0].find_all("td")]
    assert cells[3] == "13 September 2022"
    assert cells[4] == "14 days overdue"


def test_upcoming_lists_the_coming_milestones_with_their_moment(client, world, people):
    panel = section(dashboard(client, people["unit a editor"]))
    upcoming = rows(panel, "upcoming")
    labels = [row.find_all("td")[0].get_text(strip=True) for row in upcoming]
    assert labels == ["Rehearsal", "Questions handed to the leaders", "Live exchange"]
    moments = [row.find_all("td")[3].get_text(strip=True) for row in upcoming]
    assert moments == [
        "27 September 2022, 14:30",
        "28 September 2022, 09:59",
        "28 September 2022, 10:00",
    ]
    assert [row.find_all("td")[2].get_text(strip=True) for row in upcoming] == ["市教育局"] * 3


def test_each_row_links_to_its_admin_page(client, world, people):
    panel = section(dashboard(client, people["unit a editor"]))
    edit = reverse("wagtailadmin_pages:edit", args=[world["session a"].pk])
    links = {row.select_one("td.title a")["href"] for row in rows(panel, "overdue")}
    links |= {row.select_one("td.title a")["href"] for row in rows(panel, "upcoming")}
    assert links == {edit}


def test_a_commitment_due_soon_links_to_its_snippet(client, world, people):
    commitment = CommitmentFactory(
        session=world["session a"],
        department=world["unit a"],
        expected_on=datetime.date(2022, 10, 3),
    )
    panel = section(dashboard(client, people["unit a editor"]))
    row = next(row for row in rows(panel, "upcoming") if commitment.text in row.get_text())
    assert row.find_all("td")[0].get_text(strip=True) == "Commitment due"
    assert row.select_one("td.title a")["href"] == reverse(
        "wagtailsnippets_onlinetalk_commitment:edit", args=[commitment.pk]
    )
    assert row.find_all("td")[3].get_text(strip=True) == "by the end of 3 October 2022"
    # Unit b's editor does not see unit a's commitment.
    assert commitment.text not in section(dashboard(client, people["unit b editor"])).get_text()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_panel_speaks_the_admin_language(client, world, people, language):
    panel = section(dashboard(client, people["unit a editor"], language))
    assert panel.find("h2").get_text(strip=True) == HEADINGS[language]
    expected = {"en": "14 days overdue", "zh-hans": "逾期14天"}[language]
    assert rows(panel, "overdue")[0].find_all("td")[4].get_text(strip=True) == expected


def test_nothing_due_says_so(client, world, people):
    TalkSessionPage.objects.filter(pk=world["session a"].pk).update(start=local(2022, 12, 20, 10))
    panel = section(dashboard(client, people["unit a editor"]))
    assert panel is not None
    assert not rows(panel, "overdue") and not rows(panel, "upcoming")
    assert "Nothing is overdue, and nothing falls due in the next 14 days." in panel.get_text()


def test_a_long_list_is_capped_with_a_count_of_the_rest(client, world, people):
    year = world["session a"].get_parent()
    for day in range(SHOWN + 3):
        TalkSessionPageFactory(
            parent=year, departments=[world["unit a"]], start=local(2022, 10, 1 + day, 10)
        )
    panel = section(dashboard(client, people["unit a editor"]))
    assert len(rows(panel, "overdue")) == SHOWN
    assert len(rows(panel, "upcoming")) == SHOWN
    text = " ".join(panel.get_text().split())
    # Plans due by the end of 13 September (session a) and of 16 to 26 September (the sessions
    # of 1 to 11 October) are overdue: 12, of which 10 are shown.
    assert "… and 2 more overdue" in text
    assert "more upcoming" in text


# --- bounded queries ----------------------------------------------------------------------------


def panel_queries(user):
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=user.pk)  # nothing remembered on the user
    english = translation.override("en")
    with (
        english,
        time_machine.travel(DAY_BEFORE, tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        html = AgendaPanel().render_html({"request": request})
    return len(queries), html


@pytest.mark.parametrize("role", ["office editor", "unit a editor"])
def test_ten_sessions_cost_what_one_costs(world, people, role, django_assert_max_num_queries):
    one, html = panel_queries(people[role])
    assert world["session a"].title in html
    year = world["session a"].get_parent()
    extra = [
        TalkSessionPageFactory(
            parent=year, departments=[world["unit a"]], start=local(2022, 10, 1 + day, 10)
        )
        for day in range(9)
    ]
    for session in extra[:3]:
        CommitmentFactory(
            session=session, department=world["unit a"], expected_on=datetime.date(2022, 10, 2)
        )
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=people[role].pk)
    english = translation.override("en")
    with english, time_machine.travel(DAY_BEFORE, tick=False), django_assert_max_num_queries(one):
        html = AgendaPanel().render_html({"request": request})
    assert extra[0].title in html
    print(f"agenda panel for {role}: {one} queries")
