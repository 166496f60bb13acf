"""The notice's three rules for a year's schedule, as an editor meets them in the admin (a slot
outside the programme and a unit twice in a month are errors; an uncovered month is a warning),
and the rules module itself."""

import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot
from onlinetalk.schedule.rules import (
    PlannedSlot,
    SlotProblem,
    programme_span_error,
    slot_problems,
    uncovered_months,
)
from tests.factories import DepartmentFactory

# conftest's `year_page`: a published 2022 page whose programme runs from March to June, with no
# slots yet.
pytestmark = pytest.mark.year_page(first_month=3, last_month=6, published=True)


@pytest.fixture
def units(db):
    return [
        DepartmentFactory(name="市教育局", short_name="教育局"),
        DepartmentFactory(name="市民政局", short_name="民政局"),
        DepartmentFactory(name="市审计局", short_name="审计局"),
    ]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_data(page, slots, *, publish=True, **fields):
    data = {
        "title": page.title,
        "slug": page.slug,
        "year": page.year,
        "first_month": page.first_month,
        "last_month": page.last_month,
        "join_deadline": "",
        "issuing_office": page.issuing_office,
        "issue_date": "",
        "document_number": "",
        "notice": rich_text(page.notice),
        "schedule_slots": inline_formset(
            [
                {
                    "month": month,
                    "planned_topic": topic,
                    # A tuple: nested_form_data would flatten a list into numbered keys.
                    "departments": tuple(unit.pk for unit in slot_units),
                    "session": "",
                }
                for month, slot_units, topic in slots
            ]
        ),
        "comments": inline_formset([]),
        **fields,
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def slot_form_errors(response):
    formset = response.context["form"].formsets["schedule_slots"]
    return [dict(form.errors) for form in formset.forms]


def snapshot(page):
    return (
        Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        ScheduleSlot.objects.filter(page=page).count(),
        AnnualSchedulePage.objects.get(pk=page.pk).has_unpublished_changes,
    )


# A slot outside the programme ----------------------------------------------------------------


def test_slot_outside_the_programme_is_an_error_on_that_slot(admin_client, year_page, units):
    before = snapshot(year_page)

    response = admin_client.post(
        edit_url(year_page),
        post_data(year_page, [(3, [units[0]], ""), (9, [units[1]], "")]),
    )

    assert response.status_code == 200  # the form comes back; no redirect
    errors = slot_form_errors(response)
    assert errors[0] == {}
    assert list(errors[1]) == ["month"]
    assert "9月" in errors[1]["month"][0]
    assert "3月" in errors[1]["month"][0] and "6月" in errors[1]["month"][0]
    assert snapshot(year_page) == before


def test_slot_before_the_programme_is_an_error_in_a_draft_too(admin_client, year_page, units):
    before = snapshot(year_page)

    response = admin_client.post(
        edit_url(year_page), post_data(year_page, [(1, [units[0]], "")], publish=False)
    )

    assert response.status_code == 200
    assert "month" in slot_form_errors(response)[0]
    assert snapshot(year_page) == before


def test_error_is_shown_on_the_slot_in_the_edit_form(admin_client, year_page, units):
    response = admin_client.post(edit_url(year_page), post_data(year_page, [(12, [units[0]], "")]))

    soup = BeautifulSoup(response.content, "html.parser")
    slot_panel = soup.select_one("#inline_child_schedule_slots-0")
    assert slot_panel is not None
    assert "12月不在活动期间内（3月至6月）。" in slot_panel.get_text()


# The same unit twice in a month --------------------------------------------------------------


def test_same_unit_twice_in_one_month_is_an_error(admin_client, year_page, units):
    before = snapshot(year_page)

    response = admin_client.post(
        edit_url(year_page),
        post_data(
            year_page,
            [(4, [units[0], units[1]], ""), (4, [units[2], units[0]], "第二期")],
        ),
    )

    assert response.status_code == 200
    errors = slot_form_errors(response)
    assert errors[0] == {}
    assert list(errors[1]) == ["departments"]
    assert errors[1]["departments"] == ["市教育局在4月已有排期。"]
    assert snapshot(year_page) == before


def test_same_unit_in_different_months_is_fine(admin_client, year_page, units):
    response = admin_client.post(
        edit_url(year_page),
        post_data(
            year_page,
            [
                (3, [units[0]], ""),
                (4, [units[0]], ""),
                (5, [units[0], units[1]], ""),
                (6, [units[1]], ""),
            ],
        ),
    )

    assert response.status_code == 302
    live = AnnualSchedulePage.objects.get(pk=year_page.pk)
    assert sorted(slot.month for slot in live.schedule_slots.all()) == [3, 4, 5, 6]


def test_a_deleted_slot_does_not_count_as_a_duplicate(admin_client, year_page, units):
    data = post_data(year_page, [(3, [units[0]], ""), (3, [units[0]], "")])
    data["schedule_slots-1-DELETE"] = "1"

    response = admin_client.post(edit_url(year_page), data)

    assert response.status_code == 302
    assert ScheduleSlot.objects.filter(page=year_page).count() == 1


def test_programme_ending_before_it_starts_is_an_error(admin_client, year_page, units):
    before = snapshot(year_page)

    response = admin_client.post(
        edit_url(year_page),
        post_data(year_page, [(3, [units[0]], "")], first_month=9, last_month=4),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["last_month"] == ["结束月份不能早于起始月份。"]
    assert snapshot(year_page) == before


# An uncovered month is a warning, not an error -----------------------------------------------


def test_uncovered_month_saves_and_warns(admin_client, year_page, units):
    response = admin_client.post(
        edit_url(year_page),
        post_data(year_page, [(3, [units[0]], "教育"), (4, [units[1]], ""), (6, [units[2]], "")]),
    )

    assert response.status_code == 302
    live = AnnualSchedulePage.objects.get(pk=year_page.pk)
    assert sorted(slot.month for slot in live.schedule_slots.all()) == [3, 4, 6]
    warnings = [m for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
    assert len(warnings) == 1
    assert "5月" in warnings[0].message
    assert "3月" not in warnings[0].message and "6月" not in warnings[0].message

    edit_page = admin_client.get(edit_url(year_page))
    soup = BeautifulSoup(edit_page.content, "html.parser")
    panel = soup.select_one(".help-warning")
    assert panel is not None
    assert "以下月份尚未安排在线交流" in panel.get_text()
    assert panel.find("strong").get_text(strip=True) == "5月"
    assert "排期覆盖情况" in edit_page.content.decode()


def test_uncovered_months_of_a_draft_are_shown(admin_client, year_page, units):
    response = admin_client.post(
        edit_url(year_page), post_data(year_page, [(5, [units[0]], "")], publish=False)
    )

    assert response.status_code == 302
    # A draft: the live page keeps no slots, the warning speaks of the draft.
    assert ScheduleSlot.objects.filter(page=year_page).count() == 0
    [warning] = [
        m.message for m in get_messages(response.wsgi_request) if m.level == messages.WARNING
    ]
    assert "3月、4月、6月" in warning
    soup = BeautifulSoup(admin_client.get(edit_url(year_page)).content, "html.parser")
    assert soup.select_one(".help-warning strong").get_text(strip=True) == "3月、4月、6月"


def test_new_year_page_shows_every_month_uncovered(admin_client, year_page):
    column = year_page.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["onlinetalk", "annualschedulepage", column.pk])

    response = admin_client.get(url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    months = soup.select_one(".help-warning strong").get_text(strip=True)
    assert months == "、".join(f"{month}月" for month in range(1, 13))


def test_creating_a_year_page_checks_the_rules_and_warns(admin_client, year_page, units):
    column = year_page.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["onlinetalk", "annualschedulepage", column.pk])
    new_page = AnnualSchedulePage(
        title="2023年民生在线",
        slug="2023",
        year=2023,
        first_month=3,
        last_month=5,
        issuing_office="珠海市人民政府办公室",
        notice="<p>通知</p>",
    )

    refused = admin_client.post(
        url, post_data(new_page, [(3, [units[0]], ""), (8, [units[1]], "")])
    )
    assert refused.status_code == 200
    assert "month" in slot_form_errors(refused)[1]
    assert not AnnualSchedulePage.objects.filter(year=2023).exists()

    response = admin_client.post(
        url, post_data(new_page, [(3, [units[0]], ""), (5, [units[1]], "")])
    )
    assert response.status_code == 302
    created = AnnualSchedulePage.objects.get(year=2023, locale=column.locale)
    assert sorted(slot.month for slot in created.schedule_slots.all()) == [3, 5]
    [warning] = [
        m.message for m in get_messages(response.wsgi_request) if m.level == messages.WARNING
    ]
    assert "4月" in warning and "3月" not in warning


def test_full_coverage_gives_no_warning(admin_client, year_page, units):
    response = admin_client.post(
        edit_url(year_page),
        post_data(
            year_page,
            [(3, [units[0]], ""), (4, [units[1]], ""), (5, [units[2]], ""), (6, [units[0]], "")],
        ),
    )

    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level == messages.WARNING]
    soup = BeautifulSoup(admin_client.get(edit_url(year_page)).content, "html.parser")
    assert soup.select_one(".help-warning") is None
    assert "活动期间每个月都已安排在线交流。" in soup.select_one(".help-info").get_text()


def test_coverage_panel_speaks_the_editors_language(admin_client, admin_user, year_page, units):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    admin_client.post(edit_url(year_page), post_data(year_page, [(3, [units[0]], "")]))

    html = admin_client.get(edit_url(year_page)).content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert "Schedule coverage" in html
    panel = soup.select_one(".help-warning")
    assert "No session is planned yet for these programme months:" in panel.get_text()
    assert panel.find("strong").get_text(strip=True) == "April、May、June"


# The rules module ----------------------------------------------------------------------------


@pytest.fixture
def zh():
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def en():
    with translation.override("en"):
        yield


def test_slot_problems_of_a_valid_plan_are_none():
    plan = [
        PlannedSlot(3, ["市发展改革局"]),
        PlannedSlot(4, ["市人力资源社会保障局"]),
        PlannedSlot(11, ["市教育局", "市民政局"]),
        PlannedSlot(12, ["市教育局"]),
    ]

    assert slot_problems(3, 12, plan) == []


def test_slot_problems_names_the_slot_outside_the_programme(en):
    plan = [PlannedSlot(3, ["A"]), PlannedSlot(2, ["B"]), PlannedSlot(12, ["C"])]

    assert slot_problems(3, 11, plan) == [
        SlotProblem(1, "month", "February is outside the programme (March to November)."),
        SlotProblem(2, "month", "December is outside the programme (March to November)."),
    ]


def test_slot_problems_names_the_second_slot_of_a_repeated_unit(zh):
    plan = [
        PlannedSlot(11, ["市教育局"]),
        PlannedSlot(11, ["市民政局"]),
        PlannedSlot(11, ["市民政局", "市教育局"]),
    ]

    problems = slot_problems(3, 12, plan)

    assert problems == [
        SlotProblem(2, "departments", "市民政局在11月已有排期。"),
        SlotProblem(2, "departments", "市教育局在11月已有排期。"),
    ]


def test_slot_problems_compare_units_not_positions(units):
    plan = [PlannedSlot(5, [units[0]]), PlannedSlot(5, [units[1]]), PlannedSlot(6, [units[0]])]
    assert slot_problems(3, 6, plan) == []

    repeated = [
        PlannedSlot(5, [units[0]]),
        PlannedSlot(5, [type(units[0]).objects.get(pk=units[0].pk)]),
    ]
    [problem] = slot_problems(3, 6, repeated)
    assert (problem.index, problem.field) == (1, "departments")


def test_slot_problems_reports_both_rules_on_one_slot(en):
    plan = [PlannedSlot(1, ["A"]), PlannedSlot(1, ["A"])]

    problems = slot_problems(3, 12, plan)

    assert [(p.index, p.field) for p in problems] == [
        (0, "month"),
        (1, "month"),
        (1, "departments"),
    ]


def test_slot_problems_skip_a_slot_without_a_month():
    assert slot_problems(3, 12, [PlannedSlot(None, ["A"]), PlannedSlot(None, ["A"])]) == []


def test_uncovered_months():
    assert uncovered_months(3, 12, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) == []
    assert uncovered_months(3, 12, [3, 3, 11]) == [4, 5, 6, 7, 8, 9, 10, 12]
    assert uncovered_months(3, 5, []) == [3, 4, 5]
    assert uncovered_months(3, 5, iter([1, 4, 12])) == [3, 5]  # months outside do not count
    assert uncovered_months(7, 7, [7]) == []


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hans", "结束月份不能早于起始月份。"),
        ("en", "The last month of the programme cannot come before the first month."),
    ],
)
def test_programme_span_error(language, message):
    with translation.override(language):
        assert programme_span_error(3, 12) is None
        assert programme_span_error(6, 6) is None
        assert programme_span_error(None, 3) is None
        assert programme_span_error(12, 3) == message
        assert programme_span_error(5, 4) == message


def test_page_uncovered_months_follow_its_slots(year_page, units):
    from tests.factories import add_slot

    assert year_page.months() == [3, 4, 5, 6]
    assert year_page.uncovered_months() == [3, 4, 5, 6]
    add_slot(year_page, 4, [units[0]])
    add_slot(year_page, 6, [units[1]])

    assert AnnualSchedulePage.objects.get(pk=year_page.pk).uncovered_months() == [3, 5]
