"""Fields that choose a translatable snippet offer each once, in the default language; snippet
listings open on the default language; Wagtail's default groups grant nothing on pages."""

from io import StringIO

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission

from onlinetalk.localization import translate_in_code
from onlinetalk.schedule.models import AnnualSchedulePage
from tests.factories import DepartmentFactory


def _translated_units(english, count=3):
    units = [DepartmentFactory() for _ in range(count)]
    for unit in units:
        translate_in_code(unit, english, {unit.name: f"Bureau {unit.pk}"})
    return units


def test_the_session_form_offers_each_unit_once_in_chinese(admin_client, year_page, english):
    units = _translated_units(english)
    url = reverse("wagtailadmin_pages:add", args=["onlinetalk", "talksessionpage", year_page.pk])

    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")

    offered = [box["value"] for box in soup.select('input[name="departments"]')]
    assert sorted(offered) == sorted(str(unit.pk) for unit in units)
    assert "Bureau" not in soup.select_one('[data-contentpath="departments"]').get_text()


def test_the_units_listing_opens_on_the_default_language(admin_client, english):
    units = _translated_units(english, 2)
    listing = reverse("wagtailsnippets_onlinetalk_department:list")

    chinese = admin_client.get(listing).content.decode()
    every = admin_client.get(f"{listing}?locale=").content.decode()
    in_english = admin_client.get(f"{listing}?locale=en").content.decode()

    assert all(unit.name in chinese for unit in units)
    assert "Bureau" not in chinese
    assert all(f"Bureau {unit.pk}" in in_english for unit in units)
    assert all(unit.name not in in_english for unit in units)
    assert all(unit.name in every and f"Bureau {unit.pk}" in every for unit in units)


def test_setup_portal_takes_page_permissions_from_wagtails_default_groups(home):
    defaults = Group.objects.filter(name__in=["Editors", "Moderators"])
    assert GroupPagePermission.objects.filter(group__in=defaults).exists()  # Wagtail's migrations

    out = StringIO()
    call_command("setup_portal", stdout=out)
    call_command("setup_portal", stdout=StringIO())  # idempotent

    assert not GroupPagePermission.objects.filter(group__in=defaults).exists()
    assert set(defaults.values_list("name", flat=True)) == {"Editors", "Moderators"}
    assert "- Editors: page permissions" in out.getvalue()


def test_the_showcase_year_shows_only_the_months_of_its_sessions(shared_demo):
    for year in AnnualSchedulePage.objects.exclude(year=2022):
        months = set(year.schedule_slots.values_list("month", flat=True))
        assert set(year.months()) == set(range(min(months), max(months) + 1)), year.year
