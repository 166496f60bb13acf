"""The live broadcast in a real browser (Debian's Chromium through Playwright): one page posts
from the console with Ctrl+Enter, a reader's page at phone width shows the entry without a
reload, its polite live region speaks, and the reader's focus and scroll position stay put; the
console shows what a colleague posts, and a refused post keeps its text with the reason."""

import datetime
import shutil
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from onlinetalk.live import stream
from onlinetalk.live.stream import EntryInput
from tests.live_support import console_url, new_live_session, office_group, staff

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}
TABLET = {"width": 768, "height": 1024}
WAIT = 20_000  # ms: the reader polls every second; the poll's answer may be cached 3 s

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def on_air(year_page, unit, settings):
    """A session live at the real current time (the live server runs on the real clock)."""
    settings.ONLINETALK_LIVE_POLL_SECONDS = 1
    settings.ONLINETALK_LIVE_PAGE_SIZE = 1
    from django.core.cache import cache

    cache.clear()
    session = new_live_session(
        year_page, unit, start=timezone.now() - datetime.timedelta(minutes=10)
    )
    call_command("setup_portal", stdout=StringIO())
    office = staff("office-editor", office_group())
    profile = UserProfile.get_for_user(office)
    profile.preferred_language = "en"
    profile.save()
    colleague = staff("colleague", office_group())
    yield session, office, colleague
    cache.clear()


@pytest.fixture
def browser(live_server, monkeypatch):
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def logged_in_context(browser, live_server, user, viewport):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )
    return context


def test_a_post_from_the_console_reaches_a_reader_without_a_reload(live_server, browser, on_air):
    session, office, colleague = on_air
    requested_hosts = set()
    # Two entries already: the reader's page shows the newest and links to the earlier one.
    for text in ("主持人：访谈即将开始。", "主持人：请各位嘉宾就座。"):
        stream.post_entry(session, colleague, EntryInput(role="host", text=text))

    reader = browser.new_context(viewport=PHONE).new_page()
    reader.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))
    reader.goto(live_server.url + session.url)
    reader.wait_for_selector("[data-live-url]", state="attached")
    # The reader is on a link somewhere in the page, scrolled a little.
    reader.evaluate(
        """() => {
            const link = document.querySelector('main a[href]');
            link.setAttribute('data-test-focus', '');
            link.focus();
            window.scrollTo(0, 40);
        }"""
    )
    scroll_before = reader.evaluate("window.scrollY")
    announced_before = reader.locator("[data-live-announcer]").text_content()
    reader.evaluate("window.__notReloaded = true")

    console = logged_in_context(browser, live_server, office, TABLET).new_page()
    console.on("request", lambda request: requested_hosts.add(request.url.split("/")[2]))
    errors = []
    console.on("pageerror", lambda error: errors.append(str(error)))
    console.goto(live_server.url + console_url(session))
    overflow = console.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the console scrolls sideways by {overflow}px at 768px"

    # Keyboard only: type, Ctrl+Enter.
    box = console.locator("[data-console-text]")
    box.focus()
    console.keyboard.type("各位网友，大家好！欢迎收看本期访谈。")
    console.keyboard.press("Control+Enter")
    console.wait_for_function(
        "document.querySelector('[data-console-status]').textContent.includes('Posted.')",
        timeout=WAIT,
    )
    assert box.input_value() == ""
    assert console.evaluate("document.activeElement.hasAttribute('data-console-text')")
    console.locator("[data-console-entries] .ot-entry").get_by_text("欢迎收看本期访谈").wait_for(
        timeout=2000
    )

    # The reader sees it without a reload; the live region speaks; focus and scroll stay.
    reader.locator("[data-live-entries]").get_by_text("欢迎收看本期访谈").wait_for(timeout=WAIT)
    assert reader.evaluate("window.__notReloaded") is True
    assert reader.locator("[data-live-announcer]").text_content() != announced_before
    assert reader.evaluate("document.activeElement.hasAttribute('data-test-focus')")
    assert reader.evaluate("window.scrollY") == scroll_before

    # A colleague posts (through the service): the console shows it without a reload.
    stream.post_entry(session, colleague, EntryInput(role="notice", text="本期访谈将于11时结束。"))
    console.locator("[data-console-entries] .ot-entry").get_by_text(
        "本期访谈将于11时结束"
    ).wait_for(timeout=WAIT)

    # A refused post keeps its text in the box and says why, next to the form.
    console.locator("input[name=role][value=guest]").check()
    box.fill("这段回答还没有选择领导。")
    box.focus()
    console.keyboard.press("Control+Enter")
    console.wait_for_function(
        "document.querySelector('[data-console-status]').textContent.includes('leaders')",
        timeout=WAIT,
    )
    assert box.input_value() == "这段回答还没有选择领导。"
    assert console.locator("[data-console-status]").get_attribute("aria-live") == "polite"
    # The keyboard user lands on the field at fault.
    assert console.evaluate("document.activeElement.name") == "leader"

    # Oldest first, then "Earlier entries": they join above, where the link now is, the
    # announcement says so, and focus goes to them once the link is gone.
    reader.locator("[data-live-order=oldest]").click()
    reader.locator("a[data-live-older]").click()
    reader.wait_for_function("!document.querySelector('a[data-live-older]')", timeout=WAIT)
    first = reader.locator("[data-live-entries] > li").first
    assert "访谈即将开始" in first.text_content()
    assert reader.evaluate("document.activeElement.id") == first.get_attribute("id")
    said = reader.locator("[data-live-announcer]").text_content()
    assert said == reader.locator("[data-live-url]").get_attribute("data-live-earlier-above-one")

    # A link to an entry older than the first page opens the page of entries that begins with it.
    oldest_id = first.get_attribute("id")
    reader.goto("about:blank")
    reader.goto(live_server.url + session.url + "#" + oldest_id)
    reader.wait_for_url(f"**?before={int(oldest_id.split('-')[1]) + 1}#{oldest_id}", timeout=WAIT)
    assert reader.locator(f"#{oldest_id}").is_visible()

    assert errors == []
    # Everything came from the site itself.
    assert requested_hosts == {live_server.url.split("/")[2]}
