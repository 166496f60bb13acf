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
def browser_page(live_server, monkeypatch, settings):
    settings.ONLINETALK_QUESTION_MIN_FILL_SECONDS = 2
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    # Playwright's sync API runs an event loop in this thread; Django's guard against database
    # access from async code would refuse the test's own (synchronous) queries.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Today's showcase: the announced session's question board is open on the real clock.
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
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
    check_asking_and_voting(page, live_server)
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


def check_asking_and_voting(page, live_server):
    from onlinetalk.sessions.models import TalkSessionPage

    session = TalkSessionPage.objects.get(
        slug="showcase-announced", locale__language_code="zh-hans"
    )
    page.goto(live_server.url + session.url)
    page.get_by_role("link", name="我要留言").click()
    assert page.locator("h1").inner_text() == "我要留言"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the question form scrolls sideways by {overflow}px"
    typed = "<b>公交</b>线路高峰期能否加密班次？"
    page.get_by_label("昵称").fill("手机网友")
    page.get_by_label("您的留言").fill(typed)
    page.get_by_label("同意在本页面公开我的留言").check()
    # Sent at once: refused as too fast, with the reason on top and the text kept.
    page.get_by_role("button", name="提交留言").click()
    summary = page.locator(".ot-error-summary")
    assert "几秒内" in summary.inner_text()
    assert page.locator("textarea[name=text]").input_value() == typed
    assert page.get_by_label("昵称").input_value() == "手机网友"
    page.wait_for_timeout(2200)  # a person reads the form again
    page.get_by_role("button", name="提交留言").click()
    assert "您的留言已收到" in page.locator("main").inner_text()
    code = page.locator(".ot-receipt__code").inner_text()
    assert len(code.replace("-", "")) == 10
    assert page.locator("blockquote.ot-question__text").inner_text() == typed  # plain text

    # “我也想问” without leaving the page (fetches a token, then posts).
    page.goto(live_server.url + session.url + "#questions")
    first = page.locator("a[data-vote]").first
    before = int(first.locator("[data-vote-count]").inner_text())
    first.click()
    page.wait_for_function(
        "before => Number(document.querySelector('a[data-vote] [data-vote-count]').textContent)"
        " === before + 1",
        arg=before,
    )
    assert page.locator("[data-vote-status]").inner_text() == "已记录：您也想问这个问题。"
    assert page.url.endswith("#questions")
