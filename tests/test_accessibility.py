"""axe-core finds no serious or critical violation on any public page type, in Chinese and
English, at phone width, in the normal and the large text / high contrast mode.

One browser (Debian's Chromium through Playwright) and one demo load for all pages; axe-core is
the committed tests/vendor/axe-core/axe.min.js, injected into each page.
"""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.public_pages import public_paths
from tests.test_browser import CHROMIUM, PHONE

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@contextmanager
def phone_on_the_demo(monkeypatch, paths_of):
    """A phone-sized page of one Chromium on the loaded demo, and `paths_of()` — looked up before
    the browser starts: a query from inside Playwright's session would open another connection.
    The browser is closed at the end."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Today's showcase: the announced session's question board is open on the real clock.
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    paths = paths_of()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser.new_context(viewport=PHONE).new_page(), paths
        finally:
            browser.close()


@pytest.fixture
def phone_page(live_server, monkeypatch):
    with phone_on_the_demo(monkeypatch, public_paths) as page_and_paths:
        yield page_and_paths


def blocking_violations(page):
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(where, violations):
    lines = []
    for violation in violations:
        lines.append(f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}")
            lines.append(f"      {node['html'][:200]}")
    return lines


def check_every_page(page, paths, base_url, mode):
    problems = []
    for name, path, status in paths:
        response = page.goto(base_url + path)
        assert response.status == status, (name, path, response.status)
        high_contrast = page.evaluate(
            "document.documentElement.classList.contains('high-contrast')"
        )
        assert high_contrast == (mode == "high contrast"), (name, mode)
        problems += describe(f"{name} {path} ({mode})", blocking_violations(page))
        if name.startswith("ask form"):
            # The same form sent empty: the error summary and the fields marked in error.
            page.locator("form.ot-form button[type=submit]").click()
            page.wait_for_selector(".ot-error-summary")
            problems += describe(f"{name}, sent empty ({mode})", blocking_violations(page))
    return problems


def test_no_serious_violations_in_either_mode(live_server, phone_page):
    page, paths = phone_page
    problems = check_every_page(page, paths, live_server.url, "normal")
    # The header's switch turns the mode on; the browser remembers it for the next pages.
    page.goto(live_server.url + "/")
    page.locator("[data-contrast-toggle]").click()
    assert page.locator("[data-contrast-toggle]").get_attribute("aria-pressed") == "true"
    problems += check_every_page(page, paths, live_server.url, "high contrast")
    assert not problems, "axe-core: serious or critical violations\n" + "\n".join(problems)
