"""Absolute links use the Site's real root URL with its port; the sitemap lists every live public
page in both languages with hreflang alternates (issue 7)."""

import io
import xml.etree.ElementTree as ET

import icalendar
import pytest
import time_machine
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from home.demo.loader import DemoLoader
from home.sitemaps import hreflang
from onlinetalk.sessions.models import TalkSessionPage
from tests.session_support import DEMO_NOW

ROOT_URL = "http://127.0.0.1:8000"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SESSION_SLUG = "2022-09-agriculture-and-rural-affairs"


@pytest.fixture
def local_site(demo_site, db):
    """The default Site at 127.0.0.1:8000, as `make run` serves it."""
    with time_machine.travel(DEMO_NOW, tick=False):
        Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
        Site.clear_site_root_paths_cache()
        yield Site.objects.get(is_default_site=True)
    Site.clear_site_root_paths_cache()  # the update is rolled back; the cache must not keep it


def _session(language):
    return TalkSessionPage.objects.get(slug=SESSION_SLUG, locale__language_code=language)


# --- the Site's address ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "hostname", "port", "root_url"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, "http://127.0.0.1:8000"),
        ("https://www.example.gov.cn/", "www.example.gov.cn", 443, "https://www.example.gov.cn"),
        (
            "http://portal.example.gov.cn",
            "portal.example.gov.cn",
            80,
            "http://portal.example.gov.cn",
        ),
    ],
)
def test_configure_site_sets_the_default_sites_hostname_and_port(
    demo_site, db, url, hostname, port, root_url
):
    call_command("configure_site", url, stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (hostname, port, root_url)
    Site.clear_site_root_paths_cache()


def test_configure_site_is_idempotent_and_defaults_to_the_admin_base_url(demo_site, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    first, second = io.StringIO(), io.StringIO()

    call_command("configure_site", stdout=first)
    call_command("configure_site", stdout=second)

    assert first.getvalue().strip() == "Default site set to http://127.0.0.1:8000"
    assert second.getvalue().strip() == "Default site already http://127.0.0.1:8000"
    Site.clear_site_root_paths_cache()


@pytest.mark.parametrize("url", ["https://www.example.gov.cn:8443", "http://x:443", "ftp://x", "x"])
def test_configure_site_refuses_an_address_a_wagtail_site_cannot_have(demo_site, db, url):
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)

    with pytest.raises(CommandError):
        call_command("configure_site", url, stdout=io.StringIO())

    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before


def test_the_demo_gives_the_default_site_the_public_url(demo_site, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)  # migrations'
    log = []

    DemoLoader(log=log.append, now=DEMO_NOW).site()

    assert Site.objects.get(is_default_site=True).root_url == ROOT_URL
    assert log == [f"~ default site: {ROOT_URL}"]
    Site.clear_site_root_paths_cache()


# --- iCalendar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "path"),
    [
        ("zh-hans", f"/minsheng-online/2022/{SESSION_SLUG}/"),
        ("en", f"/en/minsheng-online/2022/{SESSION_SLUG}/"),
    ],
)
def test_the_icalendar_url_line_uses_the_sites_root_url_with_its_port(
    client, local_site, language, path
):
    response = client.get(f"{path}ical/")

    assert response.status_code == 200
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["URL"]) == f"{ROOT_URL}{path}"


def test_the_year_calendar_links_each_session_at_the_sites_root_url(client, local_site):
    response = client.get("/minsheng-online/2022/ical/")

    assert response.status_code == 200
    urls = [
        str(event["URL"]) for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert f"{ROOT_URL}/minsheng-online/2022/{SESSION_SLUG}/" in urls
    assert all(url.startswith(f"{ROOT_URL}/minsheng-online/2022/") for url in urls)


# --- the sitemap --------------------------------------------------------------------------------


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        location = url.find(f"{SITEMAP}loc").text
        assert location not in entries, f"listed twice: {location}"
        entries[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.iter(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
    return entries


def test_the_sitemap_lists_the_chinese_and_the_english_session_with_reciprocal_alternates(
    client, local_site
):
    entries = _sitemap(client)

    chinese = f"{ROOT_URL}/minsheng-online/2022/{SESSION_SLUG}/"
    english = f"{ROOT_URL}/en/minsheng-online/2022/{SESSION_SLUG}/"
    expected = {"zh-Hans": chinese, "en": english, "x-default": chinese}
    assert entries[chinese] == expected
    assert entries[english] == expected


def test_the_sitemap_lists_every_live_public_page_in_both_languages_at_the_sites_root_url(
    client, local_site
):
    entries = _sitemap(client)

    pages = Page.objects.live().public().filter(depth__gt=1)
    expected = {page.get_full_url() for page in pages}
    assert set(entries) == expected
    assert all(location.startswith(f"{ROOT_URL}/") for location in entries)
    assert f"{ROOT_URL}/" in entries and f"{ROOT_URL}/en/" in entries
    assert sum(location.startswith(f"{ROOT_URL}/en/") for location in entries) == len(
        [page for page in pages if page.locale.language_code == "en"]
    )


def test_every_alternate_is_listed_and_points_back(client, local_site):
    entries = _sitemap(client)

    with_alternates = {location: links for location, links in entries.items() if links}
    assert len(with_alternates) > 2
    for location, links in with_alternates.items():
        assert location in links.values()
        assert set(links) == {"zh-Hans", "en", "x-default"}
        assert links["x-default"] == links["zh-Hans"]
        for href in links.values():
            assert entries[href] == links, f"{href} does not point back to {location}"


def test_a_draft_translation_is_not_an_alternate(client, local_site):
    english = _session("en")
    english.unpublish()

    entries = _sitemap(client)

    chinese = f"{ROOT_URL}/minsheng-online/2022/{SESSION_SLUG}/"
    assert f"{ROOT_URL}/en/minsheng-online/2022/{SESSION_SLUG}/" not in entries
    assert entries[chinese] == {}


@pytest.mark.parametrize(
    ("code", "written"),
    [("zh-hans", "zh-Hans"), ("en", "en"), ("en-gb", "en-GB"), ("zh-hant-tw", "zh-Hant-TW")],
)
def test_hreflang_writes_language_codes_as_bcp_47(code, written):
    assert hreflang(code) == written
