"""The public pages in a real browser (Debian's Chromium through Playwright) at phone width."""

import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}
PAGES = [
    "/",
    "/minsheng-online/",
    "/minsheng-online/2022/",
    "/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/",
    "/en/minsheng-online/2022/",
    "/en/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/",
]

# A live server needs committed data; serialized_rollback restores what the migrations made
# (locales, the home page) for the tests that run after this one.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(live_server, monkeypatch):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    # Playwright's sync API runs an event loop in this thread; Django's guard against database
    # access from async code would refuse the test's own (synchronous) queries.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    call_command("load_demo", "--now", "2026-11-25T10:00:00+08:00", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        requested_hosts = set()
        page.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))
        yield page, requested_hosts
        browser.close()


def test_public_pages_in_a_phone_browser(live_server, browser_page):
    # One browser session for all checks: loading the demo into a live database is the slow part.
    page, requested_hosts = browser_page
    check_pages_fit_a_phone(page, live_server)
    check_annex_reflows_into_labelled_rows(page, live_server)
    check_skip_link_and_contrast_switch(page, live_server)
    # Everything comes from the site itself: no third-party origins.
    assert requested_hosts == {live_server.url.split("/")[2]}


def check_pages_fit_a_phone(page, live_server):
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
        assert page.locator("main").count() == 1
        assert page.locator("h1").count() == 1


def check_annex_reflows_into_labelled_rows(page, live_server):
    page.goto(live_server.url + "/minsheng-online/2022/")
    header_visible = page.locator(".ot-annex thead").evaluate(
        "element => element.getBoundingClientRect().width > 2"
    )
    assert not header_visible
    november = page.locator(".ot-annex tbody tr", has_text="市教育局")
    assert "市民政局" in november.inner_text()
    label = november.locator("td").first.evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert "部门名称" in label


def check_skip_link_and_contrast_switch(page, live_server):
    page.goto(live_server.url + "/minsheng-online/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    toggle = page.locator("[data-contrast-toggle]")
    assert toggle.is_visible()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    # Remembered without a login: the next page opens in the same mode.
    page.goto(live_server.url + "/minsheng-online/2022/")
    assert page.evaluate("document.documentElement.classList.contains('high-contrast')")
