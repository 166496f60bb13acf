"""axe-core finds no serious or critical violation on the hot responses' pages, in Chinese and
English, at phone width, in the normal and the large text / high contrast mode; the pages fit a
phone, and a Chinese citizen's nickname on the English page is marked as Chinese.

Same browser set-up as tests/test_accessibility.py: one demo load, the paths looked up before
the browser starts (no query from inside Playwright's session), the browser closed at the end.
"""

import pytest
from django.apps import apps

from tests.test_accessibility import blocking_violations, describe, phone_on_the_demo

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LATE = "/hot-responses/2022-09-agriculture-and-rural-affairs/"  # late, with its explanation
PARTLY = "/hot-responses/2022-05-transport/"  # a partly adopted suggestion, a progress photo


def response_paths():
    """[(name, path)] of the hot responses' page states, Chinese first, then English."""
    question_model = apps.get_model("onlinetalk", "CitizenQuestion")
    answered_later = (
        question_model.objects.filter(status="answered_later", session__slug=LATE.split("/")[2])
        .order_by("pk")
        .first()
    )
    session = "/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/"
    chinese = [
        ("column", "/hot-responses/"),
        ("column, filtered", "/hot-responses/?unit=5&year=2022&kind=suggestion"),
        ("column, page 2", "/hot-responses/?page=2"),
        ("column, nonsense filters", "/hot-responses/?unit=x&year=%00&kind=%E2%91%A0"),
        ("late response", LATE),
        ("response with a partly adopted suggestion", PARTLY),
        ("session's commitments", "/minsheng-online/2022/2022-05-transport/commitments/"),
        ("open commitments", "/hot-responses/commitments/"),
        ("session with its response", session),
        ("receipt answered later", f"{session}questions/{answered_later.receipt_code}/"),
    ]
    return chinese + [(f"{name} (en)", f"/en{path}") for name, path in chinese]


@pytest.fixture
def phone_page(live_server, monkeypatch):
    with phone_on_the_demo(monkeypatch, response_paths) as page_and_paths:
        yield page_and_paths


def check_every_page(page, paths, base_url, mode):
    problems = []
    for name, path in paths:
        response = page.goto(base_url + path)
        assert response.status == 200, (name, path, response.status)
        assert page.evaluate("document.documentElement.classList.contains('high-contrast')") == (
            mode == "high contrast"
        )
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} {path} scrolls sideways by {overflow}px ({mode})"
        assert page.locator("h1").count() == 1, (name, path)
        problems += describe(f"{name} {path} ({mode})", blocking_violations(page))
    return problems


def test_hot_responses_pass_axe_in_either_mode(live_server, phone_page):
    page, paths = phone_page
    problems = check_every_page(page, paths, live_server.url, "normal")
    page.goto(live_server.url + "/")
    page.locator("[data-contrast-toggle]").click()
    assert page.locator("[data-contrast-toggle]").get_attribute("aria-pressed") == "true"
    problems += check_every_page(page, paths, live_server.url, "high contrast")
    assert not problems, "axe-core: serious or critical violations\n" + "\n".join(problems)


def test_phone_details_of_the_column_and_a_response(live_server, phone_page):
    page, paths = phone_page
    # The paging links are touch targets: 44 px both ways, in both languages.
    for path in ("/hot-responses/", "/en/hot-responses/"):
        page.goto(live_server.url + path)
        box = page.locator(".ot-pagination a[rel=next]").bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (path, box)
    # A Chinese nickname on the English page is marked as Chinese (screen readers switch voice).
    page.goto(live_server.url + "/en" + PARTLY)
    askers = page.locator(".ot-reply__asker")
    assert askers.count() >= 1
    for index in range(askers.count()):
        assert askers.nth(index).locator("span[lang=zh-Hans]").count() == 1
    page.goto(live_server.url + "/en/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/")
    nicknames = page.locator(".ot-question__nickname")
    assert nicknames.count() >= 1
    assert nicknames.count() == page.locator(".ot-question__nickname[lang=zh-Hans]").count()
    # The receipt's fate, "answered in the hot response on <date>", leads to the reply itself.
    receipt = dict(paths)["receipt answered later"]
    page.goto(live_server.url + receipt)
    link = page.locator(".ot-fate a")
    assert link.inner_text().startswith("已于2022年10月19日")
    link.click()
    page.wait_for_load_state()
    assert page.url.startswith(live_server.url + LATE + "#reply-")
    assert page.locator(":target.ot-reply").count() == 1
