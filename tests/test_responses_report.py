"""The admin's report of replies due and overdue: which sessions it lists, the working days left
or late across the 2022 National Day holiday, the hot response's status, the unit and year
filters (nonsense too), CSV and XLSX export, who may see it, and its bounded queries."""

import csv
import datetime
import io
import json
import uuid
from io import StringIO

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from onlinetalk.responses.deadlines import punctuality
from onlinetalk.responses.lateness import publication_time
from onlinetalk.responses.models import HotResponsePage
from onlinetalk.responses.report_hooks import RepliesDueMenuItem
from onlinetalk.responses.timeliness import Timeliness
from tests.clock import local
from tests.factories import DepartmentFactory, TalkSessionPageFactory
from tests.live_support import office_group, staff
from tests.question_support import zh

pytestmark = pytest.mark.django_db

URL = "/admin/reports/onlinetalk/replies-due/"


def session_of(year_page, units, title, start, **fields):
    return TalkSessionPageFactory(
        parent=year_page,
        departments=units,
        title=title,
        slug=f"s-{uuid.uuid4().hex[:8]}",
        start=start,
        publish_at=start - datetime.timedelta(days=7),
        **fields,
    )


def response_for(column, session, **fields):
    page = HotResponsePage(
        title=f"{session.title}的回应",
        slug=f"r-{session.pk}",
        session=session,
        body=json.dumps([]),
        live=False,
        **fields,
    )
    column.add_child(instance=page)
    page.save_revision()
    return page


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def world(year_page, unit, response_column, django_capture_on_commit_callbacks):
    """Unit A (农业) and unit B (民政): sessions awaiting replies, one cancelled, one replied late,
    one replied on time, one still to come; the groups of setup_portal and one user per role."""
    civil = DepartmentFactory(name="市民政局")
    sessions = {
        "a_waiting": session_of(year_page, [unit], "农业访谈待答复", local(2022, 9, 28, 10, 0)),
        "b_waiting": session_of(year_page, [civil], "民政访谈待答复", local(2022, 9, 29, 10, 0)),
        "both_overdue": session_of(
            year_page, [unit, civil], "联合访谈已逾期", local(2022, 6, 15, 10, 0)
        ),
        "b_cancelled": session_of(
            year_page,
            [civil],
            "民政访谈已取消",
            local(2022, 9, 21, 10, 0),
            schedule_change="cancelled",
        ),
        "a_late": session_of(year_page, [unit], "农业访谈迟答复", local(2022, 9, 20, 10, 0)),
        "a_on_time": session_of(year_page, [unit], "农业访谈按时答复", local(2022, 9, 14, 10, 0)),
        "a_future": session_of(year_page, [unit], "农业访谈未举行", local(2022, 11, 2, 10, 0)),
    }
    response_for(response_column, sessions["a_waiting"])  # a draft
    in_moderation = response_for(response_column, sessions["b_waiting"])
    late = response_for(response_column, sessions["a_late"], late_explanation="因国庆假期延误。")
    on_time = response_for(response_column, sessions["a_on_time"])
    call_command("setup_portal", stdout=StringIO())
    users = {
        "office": english(staff("office-editor", office_group())),
        "unit A": english(staff("agri-editor", "市农业农村局-编辑")),
        "unit B": english(staff("civil-editor", "市民政局-编辑")),
    }
    nobody = get_user_model().objects.create_user("admin-only", password="x")
    nobody.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    users["no group"] = english(nobody)
    with django_capture_on_commit_callbacks(execute=True):
        Workflow.objects.get(name="Moderators approval").start(in_moderation, users["office"])
        late_moment = local(2022, 10, 12, 15, 0)
        with time_machine.travel(late_moment, tick=False), publication_time(late_moment):
            late.get_latest_revision().publish()
        with time_machine.travel(local(2022, 9, 23, 15, 0), tick=False):
            on_time.get_latest_revision().publish()
    for session in sessions.values():
        session.refresh_from_db()
    return {"sessions": sessions, "users": users, "civil": civil, "unit": unit}


def rows_of(response):
    """{session title: the text of its row} of the report's table."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("#listing-results table.listing tbody tr"):
        title = row.select_one("td.title a")
        rows[title.get_text(strip=True)] = (
            " ".join(row.get_text(" ").split()),
            title["href"],
        )
    return rows


def titles(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    return response, set(rows_of(response))


def at(*moment):
    return time_machine.travel(local(*moment), tick=False)


# --- rows -------------------------------------------------------------------------------------


def test_ended_sessions_without_published_replies_are_listed(client, world):
    client.force_login(world["users"]["office"])
    with at(2022, 10, 9, 12, 0):
        _response, listed = titles(client)
    assert listed == {"农业访谈待答复", "民政访谈待答复", "联合访谈已逾期"}


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        ((2022, 9, 30, 12, 0), "8 working days left"),  # the National Day holiday lies ahead
        ((2022, 10, 9, 12, 0), "6 working days left"),  # a working Sunday (调休)
        ((2022, 10, 17, 12, 0), "Due today"),
        ((2022, 10, 20, 12, 0), "3 working days late"),
    ],
)
def test_working_days_left_or_late_across_the_national_day_holiday(client, world, moment, text):
    client.force_login(world["users"]["unit A"])
    with at(*moment):
        response = client.get(URL)
    row, _href = rows_of(response)["农业访谈待答复"]
    assert text in row
    assert "Oct. 17, 2022" in row


def test_the_report_agrees_with_the_punctuality_of_each_session(world):
    sessions = list(world["sessions"].values())
    for moment in [(2022, 9, 30, 12, 0), (2022, 10, 9, 12, 0), (2022, 10, 20, 12, 0)]:
        with at(*moment):
            timeliness = Timeliness(sessions)
            for session in sessions:
                expected = punctuality(session, published_at=session.replies_published_at)
                assert timeliness.of(session) == expected


def test_replied_late_on_request(client, world):
    client.force_login(world["users"]["office"])
    with at(2022, 10, 20, 12, 0):
        response, listed = titles(client, "?replies=late")
        assert listed == {"农业访谈迟答复"}
        assert "Published 3 working days late" in response.content.decode()
        _response, listed = titles(client, "?replies=awaiting_or_late")
        assert listed == {"农业访谈待答复", "民政访谈待答复", "联合访谈已逾期", "农业访谈迟答复"}
        _response, listed = titles(client, "?replies=overdue")
        assert listed == {"农业访谈待答复", "民政访谈待答复", "联合访谈已逾期"}
    with at(2022, 10, 9, 12, 0):
        _response, listed = titles(client, "?replies=overdue")
        assert listed == {"联合访谈已逾期"}


def test_the_hot_responses_status(client, world):
    client.force_login(world["users"]["office"])
    with at(2022, 10, 20, 12, 0):
        response = client.get(URL + "?replies=awaiting_or_late")
    rows = rows_of(response)
    assert rows["农业访谈待答复"][0].endswith("Draft")
    assert rows["民政访谈待答复"][0].endswith("In moderation")
    assert rows["联合访谈已逾期"][0].endswith("None")
    assert rows["农业访谈迟答复"][0].endswith("Published")
    edit = reverse("wagtailadmin_pages:edit", args=[world["sessions"]["a_waiting"].pk])
    assert rows["农业访谈待答复"][1].endswith(edit)


# --- filters ----------------------------------------------------------------------------------


def test_filters_by_unit_and_year(client, world):
    client.force_login(world["users"]["office"])
    civil = world["civil"]
    with at(2022, 10, 20, 12, 0):
        assert titles(client, f"?unit={civil.pk}")[1] == {"民政访谈待答复", "联合访谈已逾期"}
        assert titles(client, f"?unit={world['unit'].pk}&year=2022")[1] == {
            "农业访谈待答复",
            "联合访谈已逾期",
        }
        assert titles(client, "?year=2022&replies=late")[1] == {"农业访谈迟答复"}


def test_a_unit_cannot_filter_its_way_to_another_units_sessions(client, world):
    client.force_login(world["users"]["unit A"])
    with at(2022, 10, 20, 12, 0):
        assert titles(client, f"?unit={world['civil'].pk}")[1] == {
            "农业访谈待答复",
            "联合访谈已逾期",
        }


NONSENSE = [
    "unit=abc",
    "unit=" + "9" * 40,
    "unit=%00",
    "unit=١",
    "year=%00",
    "year=1999",
    "year=" + "9" * 40,
    "year=²",
    "replies=nonsense",
    "replies=%00",
    "p=" + "9" * 40,
    "p=-1",
    "ordering=nonsense",
    "ordering=%00",
    "export=nonsense",
    "export=%00",
]


@pytest.mark.parametrize("query", NONSENSE)
def test_nonsense_filters_give_a_page(client, world, query):
    client.force_login(world["users"]["office"])
    with at(2022, 10, 20, 12, 0):
        # A NUL anywhere in a request is a 400 (the site's own middleware): never a 5xx.
        expected = 400 if "%00" in query else 200
        response = client.get(f"{URL}?{query}")
        assert response.status_code == expected
        results = client.get(f"{URL}results/?{query}")
        assert results.status_code == expected


# --- export -----------------------------------------------------------------------------------


HEADINGS = [
    "Session",
    "Units",
    "Date",
    "Replies due",
    "Working days left",
    "Working days late",
    "Replies published on",
    "Hot response",
    "Edit",
]


def body_of(response):
    return b"".join(response.streaming_content)


def test_csv_export(client, world):
    client.force_login(world["users"]["office"])
    with at(2022, 10, 20, 12, 0):
        response = client.get(URL + "?export=csv&replies=awaiting_or_late")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body_of(response).decode("utf-8"))))
    assert rows[0] == HEADINGS
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"农业访谈待答复", "民政访谈待答复", "联合访谈已逾期", "农业访谈迟答复"}
    waiting = by_title["农业访谈待答复"]
    assert waiting[2:6] == ["2022-09-28", "2022-10-17", "0", "3"]
    assert waiting[7] == "Draft"
    assert waiting[8].endswith(
        reverse("wagtailadmin_pages:edit", args=[world["sessions"]["a_waiting"].pk])
    )
    assert by_title["农业访谈迟答复"][3:7] == ["2022-10-09", "0", "3", "2022-10-12"]
    assert (
        "市民政局" in by_title["联合访谈已逾期"][1]
        and "市农业农村局" in by_title["联合访谈已逾期"][1]
    )


def test_xlsx_export(client, world):
    client.force_login(world["users"]["office"])
    with at(2022, 10, 20, 12, 0):
        response = client.get(URL + "?export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    by_title = {row[0]: row for row in rows[1:]}
    assert set(by_title) == {"农业访谈待答复", "民政访谈待答复", "联合访谈已逾期"}
    waiting = by_title["农业访谈待答复"]
    assert waiting[3] == datetime.date(2022, 10, 17)
    assert waiting[5] == 3


def test_headings_in_chinese_for_a_chinese_admin(client, world):
    user = world["users"]["office"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(user)
    with at(2022, 10, 20, 12, 0):
        response = client.get(URL + "?export=csv")
    rows = list(csv.reader(io.StringIO(body_of(response).decode("utf-8"))))
    assert rows[0] == [zh(heading) for heading in HEADINGS]


# --- who may see it -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("office", {"农业访谈待答复", "民政访谈待答复", "联合访谈已逾期"}),
        ("unit A", {"农业访谈待答复", "联合访谈已逾期"}),
        ("unit B", {"民政访谈待答复", "联合访谈已逾期"}),
    ],
)
def test_each_sees_their_own_units_sessions(client, world, role, expected):
    client.force_login(world["users"][role])
    with at(2022, 10, 20, 12, 0):
        assert titles(client)[1] == expected
        rows = list(
            csv.reader(io.StringIO(body_of(client.get(URL + "?export=csv")).decode("utf-8")))
        )
    assert {row[0] for row in rows[1:]} == expected


@pytest.mark.parametrize("suffix", ["", "results/", "?export=csv", "?export=xlsx"])
def test_a_user_of_no_group_is_refused(client, world, suffix):
    client.force_login(world["users"]["no group"])
    response = client.get(URL + suffix)
    assert response.status_code == 403
    assert "农业访谈" not in response.content.decode(errors="ignore")


@pytest.mark.parametrize("suffix", ["", "results/", "?export=csv"])
def test_anonymous_visitors_are_sent_to_log_in(client, world, suffix):
    response = client.get(URL + suffix)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize(
    ("role", "shown"), [("office", True), ("unit A", True), ("unit B", True), ("no group", False)]
)
def test_the_menu_item_only_for_those_who_may_see_the_report(world, role, shown):
    request = RequestFactory().get("/admin/")
    request.user = world["users"][role]
    item = RepliesDueMenuItem("Replies due", URL)
    assert item.is_shown(request) is shown


# --- bounded queries ----------------------------------------------------------------------------


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            body_of(response)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("suffix", ["", "?export=csv", "?replies=awaiting_or_late"])
def test_queries_do_not_grow_with_the_number_of_sessions(
    client, world, year_page, response_column, suffix, django_assert_num_queries
):
    """3 sessions listed, then 20: the same number of queries."""
    client.force_login(world["users"]["office"])
    with at(2022, 10, 20, 12, 0):
        few = count(client, URL + suffix)
        for number in range(17):
            units = [world["unit"]] if number % 2 else [world["unit"], world["civil"]]
            session = session_of(
                year_page, units, f"追加访谈{number}", local(2022, 4 + number % 5, 10 + number, 10)
            )
            if number % 3 == 0:
                response_for(response_column, session)
        with django_assert_num_queries(few):
            response = client.get(URL + suffix)
            if hasattr(response, "streaming_content"):
                body_of(response)
    assert response.status_code == 200
