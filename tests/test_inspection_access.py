"""Who sees the statistics and the inspection workbook: the Office every unit, a unit's editor
and reviewer their own units (another unit's `?unit=` shows no rows), anyone else is sent to
the dashboard, anonymous readers to the login; nonsense in the year and unit parameters never
gives a server error."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from tests.inspection_support import NOW
from tests.question_support import zh

pytestmark = pytest.mark.django_db

URL = "/admin/reports/onlinetalk/statistics/"


def workbook_url(year=2022):
    return f"/admin/reports/onlinetalk/inspection/{year}.xlsx"


@pytest.fixture
def as_user(client, inspection_world):
    def login(role):
        client.force_login(inspection_world["users"][role])
        return client

    with time_machine.travel(NOW, tick=False):
        yield login


def row_names(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [th.get_text(strip=True) for th in soup.select(".ot-stats-table tbody th[scope=row]")]


@pytest.mark.parametrize("role", ["office editor", "office approver"])
def test_the_office_sees_every_unit(as_user, role):
    response = as_user(role).get(URL)
    assert response.status_code == 200
    assert row_names(response) == ["市交通运输局", "市教育局", "市民政局", zh("Total")]


@pytest.mark.parametrize("role", ["unit a editor", "unit a reviewer"])
def test_a_unit_sees_only_its_own_row(as_user, role, inspection_world):
    response = as_user(role).get(URL)
    assert response.status_code == 200
    assert row_names(response) == ["市教育局", zh("Total")]
    page = response.content.decode()
    assert "市民政局" not in page
    assert "市交通运输局" not in page


def test_another_units_filter_shows_no_rows(as_user, inspection_world):
    other = inspection_world["units"]["B"]
    response = as_user("unit a editor").get(f"{URL}?unit={other.pk}")
    assert response.status_code == 200
    assert row_names(response) == []
    assert "市民政局" not in response.content.decode()
    assert zh("No unit of yours matches this filter: nothing to show.") in response.content.decode()
    export = as_user("unit a editor").get(f"{URL}?unit={other.pk}&export=xlsx")
    assert export.status_code == 200
    assert "市民政局".encode() not in export.content


def test_the_office_filters_by_unit(as_user, inspection_world):
    b = inspection_world["units"]["B"]
    response = as_user("office editor").get(f"{URL}?unit={b.pk}&year=2022")
    assert row_names(response) == ["市民政局", zh("Total")]


def test_anonymous_readers_are_sent_to_the_login(client, inspection_world):
    for url in (URL, workbook_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_a_user_of_no_unit_is_refused(client, inspection_world):
    nobody = get_user_model().objects.create_user("admin-only", password="x")
    nobody.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    client.force_login(nobody)
    for url in (URL, workbook_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


@pytest.mark.parametrize("role", ["unit a editor", "unit a reviewer", "unit b editor"])
def test_the_inspection_workbook_is_refused_to_units(as_user, role):
    client = as_user(role)
    response = client.get(workbook_url())
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert workbook_url() not in client.get(URL).content.decode()


def test_the_office_downloads_the_inspection_workbook(as_user):
    client = as_user("office editor")
    assert workbook_url() in client.get(URL).content.decode()
    response = client.get(workbook_url())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize(
    ("role", "shown"), [("office editor", True), ("unit b reviewer", True), (None, False)]
)
def test_the_menu_item_is_shown_to_units_and_the_office_only(inspection_world, role, shown):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from onlinetalk.inspection.wagtail_hooks import StatisticsMenuItem

    request = RequestFactory().get("/admin/")
    request.user = inspection_world["users"][role] if role else AnonymousUser()
    assert StatisticsMenuItem("Statistics", URL).is_shown(request) is shown


@pytest.mark.parametrize("value", ["abc", "-1", "99999", "%00", "1e3", "2022%00", "", "0"])
@pytest.mark.parametrize("param", ["year", "unit"])
@pytest.mark.parametrize("role", ["office editor", "unit a editor"])
def test_nonsense_parameters_never_give_a_server_error(as_user, role, param, value):
    # A NUL in a query string is refused before any view (the site's middleware).
    expected = 400 if "%00" in value else 200
    response = as_user(role).get(f"{URL}?{param}={value}")
    assert response.status_code == expected
    export = as_user(role).get(f"{URL}?{param}={value}&export=xlsx")
    assert export.status_code == expected


@pytest.mark.parametrize("year", ["abc", "-1", "99999", "0"])
def test_nonsense_workbook_years_are_not_found(as_user, year):
    url = f"/admin/reports/onlinetalk/inspection/{year}.xlsx"
    response = as_user("office editor").get(url, follow=True)  # past APPEND_SLASH's redirect
    assert response.status_code == 404
