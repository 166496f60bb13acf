"""The unit-aware permissions cost no query per listing row: whether a page is the user's own
is asked once per page type per request, so the testers of many pages cost what one costs, and
the explorer of a year page grows with its rows no faster for a unit than for a superuser."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onlinetalk.sessions.models import TalkSessionPage
from tests.approval_support import role_users
from tests.clock import SHANGHAI
from tests.factories import TalkSessionPageFactory, two_unit_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    world["users"] = role_users(world)
    world["users"]["superuser"] = get_user_model().objects.create_superuser(
        "root", "root@example.gov.cn", "pw"
    )
    return world


def _add_sessions(world, count):
    year = world["session a"].get_parent()
    for number in range(count):
        unit = world["unit a"] if number % 2 else world["unit b"]
        page = TalkSessionPageFactory(
            parent=year,
            departments=[unit],
            slug=f"extra-{number}",
            start=datetime.datetime(2022, 10, 1 + number, 10, 0, tzinfo=SHANGHAI),
        )
        page.save_revision(user=world["users"]["unit a editor"])  # a draft on every row


def _queries(client, url):
    client.get(url)  # warm caches (content types, the site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["unit a editor", "unit b editor", "office approver"])
def test_the_year_explorer_asks_no_query_per_row_for_the_units(world, client, role):
    url = reverse("wagtailadmin_explore", args=[world["session a"].get_parent().pk])
    counts = {}
    for label, extra in (("few", 0), ("more", 6)):
        if extra:
            _add_sessions(world, extra)
        for who in ("superuser", role):
            client.force_login(world["users"][who])
            counts[label, who] = _queries(client, url)
    growth = counts["more", role] - counts["few", role]
    superuser_growth = counts["more", "superuser"] - counts["few", "superuser"]
    assert growth <= superuser_growth, counts


@pytest.mark.parametrize("role", ["unit a editor", "unit b editor", "office editor"])
def test_the_testers_of_many_pages_cost_what_one_costs(world, role):
    _add_sessions(world, 6)
    pages = list(TalkSessionPage.objects.order_by("pk"))
    assert len(pages) == 8

    def ask(some_pages):
        user = get_user_model().objects.get(pk=world["users"][role].pk)  # a fresh request's user
        with CaptureQueriesContext(connection) as captured:
            for page in some_pages:
                tester = page.permissions_for_user(user)
                tester.can_edit()
                tester.can_view_revisions()
                tester.can_copy()
        return len(captured.captured_queries)

    many, one = ask(pages), ask(pages[:1])
    assert many == one, (many, one)
