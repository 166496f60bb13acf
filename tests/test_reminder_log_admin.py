"""The reminder log in the admin's Reports menu (issue 11): every reminder claimed, to whom,
about what and whether it went out; the Office sees all, a unit's people their units' rows,
anyone else is refused. A failed reminder stands out, the Office's dashboard counts them, and the
Office can send one again: the next scan sends it."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from onlinetalk.reminders.digest import send_digest
from onlinetalk.reminders.models import DeliveryStatus, ReminderLog, ReminderRule
from onlinetalk.reminders.scan import scan
from onlinetalk.sessions.models import TalkSessionPage
from tests.approval_support import role_users
from tests.clock import local
from tests.factories import TalkSessionPageFactory, two_unit_programme
from tests.reminder_support import DAY_BEFORE, scan_everything, scan_failing

pytestmark = pytest.mark.django_db

REPORT = "onlinetalk_reminder_log"
AFTER = DAY_BEFORE + datetime.timedelta(minutes=10)


@pytest.fixture
def world(home):
    world = two_unit_programme(home)
    # Unit b's session on the same day, in the afternoon: both units have reminders due.
    TalkSessionPage.objects.filter(pk=world["session b"].pk).update(start=local(2022, 9, 28, 15))
    world["session b"].refresh_from_db()
    return world


@pytest.fixture
def people(world):
    people = role_users(world)
    for user in people.values():
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    return people


@pytest.fixture
def sent(world, people):
    """The reminders of the day before, sent."""
    scan_everything(DAY_BEFORE)
    assert ReminderLog.objects.filter(status=DeliveryStatus.SENT).count() == 24
    mail.outbox.clear()


@pytest.fixture
def failed(world, people):
    """The reminders of the day before, every one refused by the mail server."""
    scan_failing(DAY_BEFORE)
    assert ReminderLog.objects.filter(status=DeliveryStatus.FAILED).count() == 24
    assert not mail.outbox


@pytest.fixture
def outsider(db):
    group = Group.objects.create(name="Other staff")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user(username="outsider", password="pw")
    user.groups.add(group)
    return user


def get(client, user, query="", **headers):
    client.force_login(user)
    with time_machine.travel(AFTER, tick=False):
        return client.get(reverse(REPORT) + query, **headers)


def listing(client, user, query=""):
    response = get(client, user, query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_rows(soup):
    return soup.select("table.listing tbody tr")


def column(soup, index):
    return [row.find_all("td")[index].get_text(" ", strip=True) for row in table_rows(soup)]


def refused_with_a_redirect(response):
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


# --- who sees which rows ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["office editor", "office approver"])
def test_the_office_sees_every_row(client, world, people, sent, role):
    soup = listing(client, people[role])
    assert len(table_rows(soup)) == 24
    about = set(column(soup, 2))
    assert about == {world["session a"].title, world["session b"].title}
    assert set(column(soup, 3)) == {"市教育局", "市民政局"}
    assert set(column(soup, 5)) == {"Sent"}


def test_the_columns_say_what_was_sent_to_whom(client, world, people, sent):
    soup = listing(client, people["office editor"], "?rule=briefing&unit=")
    headers = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    assert headers[:9] == [
        "Claimed",
        "Reminder",
        "About",
        "Unit",
        "Recipient",
        "Status",
        "Attempts",
        "Last error",
        "Sent at",
    ]
    assert set(column(soup, 1)) == {"Question briefing"}
    assert set(column(soup, 4)) == {"a-editor", "a-reviewer", "b-editor", "b-reviewer"}
    assert set(column(soup, 0)) == {"27 September 2022, 09:05"}
    links = {row.select_one("td.title a")["href"] for row in table_rows(soup)}
    assert links == {
        reverse("wagtailadmin_pages:edit", args=[world["session a"].pk]),
        reverse("wagtailadmin_pages:edit", args=[world["session b"].pk]),
    }


@pytest.mark.parametrize("role", ["unit a editor", "unit a reviewer"])
def test_a_unit_sees_its_own_rows_only(client, world, people, sent, role):
    soup = listing(client, people[role])
    # Session a's reminders: its unit's and the Office's (which carry the session's unit).
    assert len(table_rows(soup)) == 12
    assert set(column(soup, 2)) == {world["session a"].title}
    assert world["session b"].title not in soup.get_text()
    assert "b-editor" not in soup.get_text()
    assert "Send again" not in soup.get_text()


def test_a_unit_cannot_filter_its_way_to_another_units_rows(client, world, people, sent):
    soup = listing(client, people["unit a editor"], f"?unit={world['unit b'].translation_key}")
    assert world["session b"].title not in soup.get_text()
    assert set(column(soup, 2)) <= {world["session a"].title}


def test_a_joint_sessions_rows_go_to_each_recipients_unit(client, world, people):
    year = world["session a"].get_parent()
    joint = TalkSessionPageFactory(
        parent=year, departments=[world["unit a"], world["unit b"]], start=local(2022, 9, 28, 11)
    )
    scan_everything(DAY_BEFORE)
    query = "?rule=briefing"
    seen = {}
    for unit in ("a", "b"):
        soup = listing(client, people[f"unit {unit} editor"], query)
        seen[unit] = {
            tuple(cells)
            for cells in zip(column(soup, 2), column(soup, 4), strict=True)
            if cells[0] == joint.title
        }
    # The briefing goes to the units' people only: each unit sees its own people's rows.
    assert seen["a"] == {(joint.title, "a-editor"), (joint.title, "a-reviewer")}
    assert seen["b"] == {(joint.title, "b-editor"), (joint.title, "b-reviewer")}
    # The rehearsal goes to the Office too: its rows carry one of the session's units.
    office_rows = ReminderLog.objects.filter(
        session=joint, rule=ReminderRule.REHEARSAL, audience="office"
    )
    assert office_rows.count() == 3
    assert {row.department_id for row in office_rows} <= {world["unit a"].pk, world["unit b"].pk}
    assert len({row.department_id for row in office_rows}) == 1


def test_the_offices_digest_is_the_offices_alone(client, world, people):
    with time_machine.travel(DAY_BEFORE, tick=False):
        send_digest(DAY_BEFORE)
    assert ReminderLog.objects.filter(rule=ReminderRule.OFFICE_DIGEST).count() == 3
    soup = listing(client, people["office editor"], "?rule=office_digest")
    assert column(soup, 2) == ["The Office's overdue digest"] * 3
    assert not soup.select("td.title a")
    assert not table_rows(listing(client, people["unit a editor"], "?rule=office_digest"))


def test_someone_of_no_unit_is_refused(client, world, outsider, sent):
    assert refused_with_a_redirect(get(client, outsider))
    response = get(client, outsider, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403
    assert world["session a"].title not in response.content.decode()


def test_the_reports_menu_lists_the_log_for_the_units_and_the_office(client, people, outsider):
    for user, shown in [
        (people["office editor"], True),
        (people["unit a editor"], True),
        (outsider, False),
    ]:
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (reverse(REPORT) in page) is shown


def test_the_log_speaks_chinese_to_a_chinese_admin(client, world, people, failed):
    user = people["office editor"]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    soup = listing(client, user)
    assert soup.find("h1").get_text(strip=True) == "提醒记录"
    headers = [th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")]
    assert headers[4:6] == ["接收人", "状态"]
    assert soup.find("button", string="重新发送") is not None
    assert set(column(soup, 0)) == {"2022年9月27日 09:05"}


# --- filters ------------------------------------------------------------------------------------


def test_filter_by_status(client, world, people, sent):
    # One failure among the sent rows: the scan of an hour later finds the live reminder.
    ReminderLog.objects.filter(pk=ReminderLog.objects.first().pk).update(
        status=DeliveryStatus.FAILED, last_error="SMTPException: 421"
    )
    soup = listing(client, people["office editor"], "?status=failed")
    assert len(table_rows(soup)) == 1
    assert column(soup, 5) == ["Failed"]
    assert column(soup, 7) == ["SMTPException: 421"]


def test_filter_by_rule_and_unit(client, world, people, sent):
    key = world["unit b"].translation_key
    soup = listing(client, people["office editor"], f"?rule=rehearsal&unit={key}")
    assert len(table_rows(soup)) == 5  # unit b's two people and the Office's three
    assert set(column(soup, 1)) == {"Rehearsal tomorrow"}
    assert set(column(soup, 3)) == {"市民政局"}


def test_filter_by_date(client, world, people, sent):
    office = people["office editor"]
    assert (
        len(table_rows(listing(client, office, "?date_from=2022-09-27&date_to=2022-09-27"))) == 24
    )
    assert not table_rows(listing(client, office, "?date_from=2022-09-28"))
    assert not table_rows(listing(client, office, "?date_to=2022-09-26"))


@pytest.mark.parametrize(
    "query",
    [
        "?rule=xyz",
        "?status=nonsense",
        "?unit=abc",
        "?unit=99999999999999999999999",
        "?date_from=notadate",
        "?date_to=2022-13-45",
        "?ordering=drop_table",
        "?p=-1",
        "?p=abc",
    ],
)
@pytest.mark.parametrize("role", ["office editor", "unit a editor"])
def test_malformed_parameters_are_ignored(client, world, people, sent, query, role):
    response = get(client, people[role], query)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(table_rows(soup)) == (24 if role == "office editor" else 12)
    if role == "unit a editor":
        assert world["session b"].title not in soup.get_text()


@pytest.mark.parametrize("query", ["?status=%00", "?status=sent%00", "?unit=%00", "?date_from=%00"])
def test_a_nul_in_a_parameter_is_a_bad_request(client, world, people, sent, query):
    # The host site's middleware answers a NUL in an admin URL's parameters (portal/middleware.py).
    assert get(client, people["office editor"], query).status_code == 400


# --- failed reminders ---------------------------------------------------------------------------


def test_a_failed_row_stands_out_in_words(client, world, people, failed):
    soup = listing(client, people["office editor"])
    tags = soup.select("td .onlinetalk-reminder-failed")
    assert len(tags) == 24
    assert {tag.get_text(strip=True) for tag in tags} == {"Failed"}
    assert set(column(soup, 7)) == {"SMTPException: 421 Service not available"}
    assert len(soup.find_all("button", string="Send again")) == 24


def dashboard(client, user):
    client.force_login(user)
    with time_machine.travel(AFTER, tick=False):
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find(
        id="onlinetalk-failed-reminders-section"
    )


def test_the_offices_dashboard_counts_the_reminders_not_sent(client, world, people, failed):
    panel = dashboard(client, people["office approver"])
    link = panel.select_one(".help-block a")
    assert link.get_text(strip=True) == "24 reminders could not be sent"
    assert link["href"] == reverse(REPORT) + "?status=failed"
    assert dashboard(client, people["unit a editor"]) is None


def test_no_warning_when_everything_went_out(client, world, people, sent):
    assert dashboard(client, people["office editor"]) is None


# --- sending again ------------------------------------------------------------------------------


def a_failed_row(world, unit="unit a"):
    return ReminderLog.objects.filter(
        status=DeliveryStatus.FAILED,
        rule=ReminderRule.PLAN_OVERDUE,
        department=world[unit],
        recipient__username__in=["a-editor", "b-editor"],
    ).get()


def send_again(client, user, row, **headers):
    client.force_login(user)
    with time_machine.travel(AFTER, tick=False):
        return client.post(
            reverse("onlinetalk_reminder_send_again", args=[row.pk]),
            {"next": reverse(REPORT) + "?status=failed"},
            **headers,
        )


def test_the_office_sends_a_failed_reminder_again_and_the_next_scan_sends_it(
    client, world, people, failed
):
    row = a_failed_row(world)
    response = send_again(client, people["office editor"], row)
    assert response.status_code == 302
    assert response.url == reverse(REPORT) + "?status=failed"
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING
    assert row.attempts == 0
    assert row.next_attempt_at == AFTER
    assert row.valid_until >= AFTER + datetime.timedelta(days=1)
    assert ReminderLog.objects.filter(status=DeliveryStatus.FAILED).count() == 23

    later = AFTER + datetime.timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        result = scan(later)
    assert result.sent == 1
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT
    assert [message.to for message in mail.outbox] == [["a-editor@example.gov.cn"]]
    # The dashboard's count follows.
    panel = dashboard(client, people["office editor"])
    assert (
        panel.select_one(".help-block a").get_text(strip=True) == "23 reminders could not be sent"
    )


def test_a_reminder_whose_moment_has_passed_is_sent_when_the_office_asks(
    client, world, people, failed
):
    """The rehearsal reminder of the day before is no longer due the next morning; sent again,
    the next scan sends it all the same (the Office asked), once."""
    row = ReminderLog.objects.filter(
        status=DeliveryStatus.FAILED,
        rule=ReminderRule.REHEARSAL,
        recipient__username="a-editor",
    ).get()
    the_next_day = DAY_BEFORE + datetime.timedelta(days=1, hours=3)
    client.force_login(people["office editor"])
    with time_machine.travel(the_next_day, tick=False):
        client.post(reverse("onlinetalk_reminder_send_again", args=[row.pk]))
        first = scan(the_next_day)
        again = scan(the_next_day + datetime.timedelta(minutes=15))

    row.refresh_from_db()
    assert (row.status, row.resent_at) == (DeliveryStatus.SENT, the_next_day)
    assert first.sent >= 1 and again.sent == 0
    mine = [
        m for m in mail.outbox if m.extra_headers["Message-ID"].startswith(f"<reminder-{row.pk}@")
    ]
    assert [message.to for message in mine] == [["a-editor@example.gov.cn"]]


def test_sending_again_twice_queues_it_once(client, world, people, failed):
    row = a_failed_row(world)
    send_again(client, people["office editor"], row)
    response = send_again(client, people["office approver"], row)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING
    client.force_login(people["office approver"])
    page = client.get(response.url).content.decode()
    assert "Only a reminder that could not be sent can be sent again." in page


def test_a_sent_row_is_not_sent_again(client, world, people, sent):
    row = ReminderLog.objects.filter(status=DeliveryStatus.SENT).first()
    send_again(client, people["office editor"], row)
    row.refresh_from_db()
    assert row.status == DeliveryStatus.SENT and row.attempts == 1


@pytest.mark.parametrize(
    ("role", "unit"),
    [
        ("unit a editor", "unit a"),
        ("unit a reviewer", "unit a"),
        ("unit a editor", "unit b"),
        ("unit b editor", "unit a"),
    ],
)
def test_a_unit_cannot_send_again(client, world, people, failed, role, unit):
    row = a_failed_row(world, unit)
    assert refused_with_a_redirect(send_again(client, people[role], row))
    response = send_again(client, people[role], row, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED and row.attempts == 1


def test_someone_of_no_unit_cannot_send_again(client, world, people, outsider, failed):
    row = a_failed_row(world)
    assert refused_with_a_redirect(send_again(client, outsider, row))
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED


def test_sending_again_takes_a_post(client, world, people, failed):
    row = a_failed_row(world)
    client.force_login(people["office editor"])
    response = client.get(reverse("onlinetalk_reminder_send_again", args=[row.pk]))
    assert response.status_code == 405
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED


def test_sending_again_needs_the_csrf_token(world, people, failed):
    row = a_failed_row(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["office editor"])
    response = client.post(reverse("onlinetalk_reminder_send_again", args=[row.pk]))
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED


def test_the_listings_button_sends_again_with_its_token(world, people, failed):
    row = a_failed_row(world)
    client = Client(enforce_csrf_checks=True)
    soup = listing(client, people["office editor"], "?status=failed&rule=plan_overdue")
    action = reverse("onlinetalk_reminder_send_again", args=[row.pk])
    form = soup.find("form", action=action)
    fields = {field["name"]: field["value"] for field in form.find_all("input")}
    assert fields["csrfmiddlewaretoken"]
    with time_machine.travel(AFTER, tick=False):
        response = client.post(action, fields)
    assert response.status_code == 302
    assert response.url == reverse(REPORT) + "?status=failed&rule=plan_overdue"
    row.refresh_from_db()
    assert row.status == DeliveryStatus.PENDING


def test_sending_again_does_not_follow_a_foreign_next(client, world, people, failed):
    row = a_failed_row(world)
    client.force_login(people["office editor"])
    with time_machine.travel(AFTER, tick=False):
        response = client.post(
            reverse("onlinetalk_reminder_send_again", args=[row.pk]),
            {"next": "https://evil.example.com/"},
        )
    assert response.status_code == 302
    assert response.url == reverse(REPORT)


# --- bounded queries ----------------------------------------------------------------------------


def report_queries(client, user):
    client.force_login(user)
    with time_machine.travel(AFTER, tick=False), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(REPORT))
    assert response.status_code == 200
    return len(queries), len(table_rows(BeautifulSoup(response.content, "html.parser")))


@pytest.mark.parametrize("role", ["office editor", "unit a editor"])
def test_more_rows_cost_no_more_queries(client, world, people, role, django_assert_max_num_queries):
    scan_failing(DAY_BEFORE)
    one, shown = report_queries(client, people[role])
    year = world["session a"].get_parent()
    for hour in range(9, 18):
        TalkSessionPageFactory(
            parent=year, departments=[world["unit a"]], start=local(2022, 9, 28, hour, 30)
        )
    scan_failing(DAY_BEFORE + datetime.timedelta(minutes=1))
    client.force_login(people[role])
    with time_machine.travel(AFTER, tick=False), django_assert_max_num_queries(one):
        response = client.get(reverse(REPORT))
    more = len(table_rows(BeautifulSoup(response.content, "html.parser")))
    assert more > shown
    print(f"reminder log for {role}: {one} queries for {shown} rows, {more} rows as many")


def test_on_a_phone_the_table_scrolls_in_its_own_labelled_box(client, world, people, sent):
    soup = listing(client, people["unit a editor"])

    box = soup.select_one("div.onlinetalk-table-scroll")
    assert box is not None and box.select_one("table.listing") is not None
    assert (box["role"], box["tabindex"]) == ("region", "0")
    assert box["aria-label"] == soup.select_one("h1").get_text(strip=True) == "Reminder log"
    assert soup.select_one('link[href$="onlinetalk/css/admin_tables.css"]') is not None
