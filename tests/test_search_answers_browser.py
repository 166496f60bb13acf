"""The answers already given, in a real browser (Debian's Chromium through Playwright) at phone
width: a citizen types a question into the ask form; after the pause the answers to similar
questions appear in the polite live region below the field, the focus stays in the text, a
punctuation mark typed asks nothing again, and an answer's link leads to it. On a wide screen the
answers sit beside the field; without JavaScript the form is as before."""

import os
import shutil

import pytest
from django.core.management import call_command

from tests.question_support import zh

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}
AXE = os.path.join(os.path.dirname(__file__), "vendor", "axe-core", "axe.min.js")
ENDPOINT = "/onlinetalk/search/answers/"
TYPED = "早上公交车太挤了，高峰时段能不能多加几个班次"
EXPECTED = "早高峰公交太挤，能加密班次吗？"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ask_url(live_server, monkeypatch):
    """The demo loaded on the real clock (the announced showcase's board is open today), and the
    address of its ask form — looked up before the browser starts."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from onlinetalk.sessions.models import TalkSessionPage

    session = TalkSessionPage.objects.get(
        slug="showcase-announced", locale__language_code="zh-hans"
    )
    return live_server.url + session.url + session.reverse_subpage("ask_question")


@pytest.fixture
def browser(ask_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def test_answers_beside_the_ask_form(live_server, ask_url, browser):
    # One test for all checks: loading the demo into a live database is the slow part.
    check_answers_appear_while_typing_without_moving_the_focus(live_server, ask_url, browser)
    check_beside_the_field_on_a_wide_screen(ask_url, browser)
    check_without_javascript_the_form_is_as_before(ask_url, browser)


def check_answers_appear_while_typing_without_moving_the_focus(live_server, ask_url, browser):
    page = browser.new_context(viewport=PHONE).new_page()
    hosts, asked, errors = set(), [], []
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.on("request", lambda request: ENDPOINT in request.url and asked.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(ask_url)
    results = page.locator("[data-similar-answers-results]")
    assert results.get_attribute("aria-live") == "polite"
    assert page.locator("[data-similar-answers-intro]").is_hidden()  # nothing to show yet

    box = page.locator("textarea[name=text]")
    box.focus()
    page.keyboard.type(TYPED, delay=40)
    first = results.locator("li a").first
    first.wait_for(state="visible", timeout=20_000)

    assert first.inner_text() == EXPECTED
    assert page.evaluate("document.activeElement.name") == "text"
    assert box.input_value() == TYPED
    assert page.get_by_role("heading", name=zh("Answers already given")).is_visible()
    assert "公交出行更便捷" in results.inner_text()
    assert asked and all("q=" in url for url in asked)
    # Below the field at phone width, and nothing scrolls sideways.
    assert results.bounding_box()["y"] >= box.bounding_box()["y"] + box.bounding_box()["height"]
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the ask form scrolls sideways by {overflow}px at 375px"
    assert_no_serious_violations(page)

    # A punctuation mark changes no word: no new request, the answers stay.
    count = len(asked)
    page.keyboard.type("？")
    page.wait_for_timeout(1500)
    assert len(asked) == count
    assert first.inner_text() == EXPECTED

    # Too short a text: the answers go away, the aside with them.
    page.keyboard.press("Control+A")
    page.keyboard.type("公交")
    page.wait_for_function(
        "!document.querySelector('[data-similar-answers-results] li')", timeout=20_000
    )
    assert page.locator("[data-similar-answers-intro]").is_hidden()
    assert page.evaluate("document.activeElement.name") == "text"

    # Text that nothing answers: nothing shown either.
    page.keyboard.press("Control+A")
    page.keyboard.type(TYPED)
    first.wait_for(state="visible", timeout=20_000)
    page.keyboard.press("Control+A")
    page.keyboard.type("长颈鹿斑马河马犀牛")
    page.wait_for_function(
        "!document.querySelector('[data-similar-answers-results] li')", timeout=20_000
    )

    # The link leads to the answer in the session's transcript.
    page.keyboard.press("Control+A")
    page.keyboard.type(TYPED)
    first.wait_for(state="visible", timeout=20_000)
    first.click()
    page.wait_for_load_state()
    assert "#transcript-" in page.url
    target = page.locator(":target")
    assert target.count() == 1 and "早高峰公交太挤" in target.inner_text()

    assert not errors
    assert hosts == {live_server.url.split("/")[2]}  # no third-party origin


def check_beside_the_field_on_a_wide_screen(ask_url, browser):
    page = browser.new_context(viewport=WIDE).new_page()
    page.goto(ask_url)
    box = page.locator("textarea[name=text]")
    box.focus()
    page.keyboard.type(TYPED)
    results = page.locator("[data-similar-answers-results]")
    results.locator("li a").first.wait_for(state="visible", timeout=20_000)
    field = box.bounding_box()
    aside = page.locator("[data-similar-answers]").bounding_box()
    assert aside["x"] >= field["x"] + field["width"]
    assert aside["y"] < field["y"] + field["height"]


def check_without_javascript_the_form_is_as_before(ask_url, browser):
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    asked = []
    page.on("request", lambda request: ENDPOINT in request.url and asked.append(request.url))
    page.goto(ask_url)
    assert page.locator("[data-similar-answers]").is_hidden()
    page.locator("textarea[name=text]").fill(TYPED)
    page.wait_for_timeout(1000)
    assert page.locator("[data-similar-answers]").is_hidden()
    assert asked == []


def assert_no_serious_violations(page):
    page.add_script_tag(path=AXE)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (violation["id"], [node["html"][:120] for node in violation["nodes"][:3]])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert not serious
