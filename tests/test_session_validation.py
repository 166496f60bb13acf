"""Bad input on the session edit view, the past-start warning and the default go-live time
(issue 3, "Bad input" and "Scheduling"), through the Wagtail admin."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import HomePage
from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
from onlinetalk.sessions.models import TalkSessionPage
from tests.clock import local
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    LeaderFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
)

# Editors work on 2022-09-01 (a Thursday morning, Beijing time).
TODAY = local(2022, 9, 1, 9, 0)


PAST_WARNING = "This session's start time is in the past. Check the date if this is a new session."


def past_warning_zh():
    """The warning as the admin shows it: in the site's default language, Chinese."""
    with translation.override("zh-hans"):
        return translation.gettext(PAST_WARNING)


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def other_unit(db):
    return DepartmentFactory(name="市审计局")


def session_data(unit, leaders, **overrides):
    fields = {
        "title": "推进乡村振兴",
        "slug": "rural-revitalisation",
        "host": "门户网站主持人",
        "summary": "乡村振兴、农产品质量安全和农村人居环境。",
        "start": "2022-09-28 10:00",
        "duration_minutes": "60",
        "venue": "珠海信息大厦一楼市政府“在线交流专区”",
        "text_live": "on",
        "video_recording": "on",
        "plan_notes": "",
        "schedule_change": "",
        "schedule_change_explanation": "",
        "announcement": streamfield([("rich_text", rich_text("<p>欢迎网友提问。</p>"))]),
        "transcript": streamfield([]),
        "related": streamfield([]),
        "recorded_video": "",
        "recorded_video_captions": "",
        "session_leaders": inline_formset([{"leader": str(leader.pk)} for leader in leaders]),
        "seo_title": "",
        "search_description": "",
    }
    fields.update(overrides)
    data = nested_form_data(fields)
    data["departments"] = [str(unit.pk)]
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("onlinetalk", "talksessionpage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def created():
    """The new session (the English tree gets a synchronised copy of its own)."""
    return TalkSessionPage.objects.get(locale__language_code="zh-hans")


def form_errors(response):
    assert response.status_code == 200, "expected the form again, with errors"
    return response.context["form"].errors


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("duration", ["0", "-30"])
def test_a_duration_of_zero_or_less_is_an_error(
    admin_client, frozen, year_page, unit, leader, duration
):
    response = admin_client.post(
        add_url(year_page), session_data(unit, [leader], duration_minutes=duration)
    )
    assert "duration_minutes" in form_errors(response)
    assert not TalkSessionPage.objects.exists()


def test_a_start_outside_the_year_is_an_error(admin_client, frozen, year_page, unit, leader):
    response = admin_client.post(
        add_url(year_page),
        session_data(unit, [leader], start="2023-01-11 10:00", **{"action-publish": "publish"}),
    )
    errors = form_errors(response)
    assert "start" in errors
    assert "2022" in errors["start"][0] and "2023" in errors["start"][0]
    assert not TalkSessionPage.objects.exists()


def test_the_year_is_checked_in_beijing_time(admin_client, frozen, year_page, unit, leader):
    # 2022-01-01 00:30 in Beijing is still 2021 in UTC: the session belongs to 2022.
    response = admin_client.post(
        add_url(year_page), session_data(unit, [leader], start="2022-01-01 00:30")
    )
    assert response.status_code == 302
    assert created().start == local(2022, 1, 1, 0, 30)


def test_moving_a_session_out_of_its_year_on_the_edit_view_is_an_error(
    admin_client, frozen, year_page, unit, leader
):
    page = TalkSessionPageFactory(
        parent=year_page, slug="rural-revitalisation", departments=[unit], leaders=[leader]
    )
    session_leader = page.session_leaders.get()
    data = session_data(unit, [], start="2021-12-20 10:00")
    data.update(
        nested_form_data(
            {
                "session_leaders": inline_formset(
                    [{"id": str(session_leader.pk), "leader": str(leader.pk)}], initial=1
                )
            }
        )
    )
    response = admin_client.post(edit_url(page), data)

    assert "start" in form_errors(response)
    page.refresh_from_db()
    assert page.start == local(2022, 9, 28, 10, 0)


def test_a_leader_of_another_unit_is_an_error_on_the_leader_row(
    admin_client, frozen, year_page, unit, other_unit, leader
):
    stranger = LeaderFactory(name="周审计", department=other_unit)
    response = admin_client.post(add_url(year_page), session_data(unit, [leader, stranger]))

    assert response.status_code == 200
    formset = response.context["form"].formsets["session_leaders"]
    assert not formset.forms[0].errors
    assert "leader" in formset.forms[1].errors
    message = formset.forms[1].errors["leader"][0]
    assert "周审计" in message and "市审计局" in message
    assert not TalkSessionPage.objects.exists()


def test_a_leader_of_a_second_unit_of_the_session_is_fine(
    admin_client, frozen, year_page, unit, other_unit, leader
):
    auditor = LeaderFactory(name="周审计", department=other_unit)
    data = session_data(unit, [leader, auditor])
    data["departments"] = [str(unit.pk), str(other_unit.pk)]
    response = admin_client.post(add_url(year_page), data)

    assert response.status_code == 302
    page = created()
    assert [row.leader for row in page.session_leaders.all()] == [leader, auditor]
    assert set(page.departments.all()) == {unit, other_unit}


def test_a_recorded_video_that_is_a_pdf_is_an_error(admin_client, frozen, year_page, unit, leader):
    pdf = get_document_model().objects.create(
        title="会议纪要", file=ContentFile(b"%PDF-1.4", name="minutes.pdf")
    )
    response = admin_client.post(
        add_url(year_page), session_data(unit, [leader], recorded_video=str(pdf.pk))
    )
    errors = form_errors(response)
    assert "recorded_video" in errors
    assert "会议纪要" in errors["recorded_video"][0]
    assert not TalkSessionPage.objects.exists()


def test_a_recorded_video_that_is_an_mp4_is_accepted(admin_client, frozen, year_page, unit, leader):
    video = get_document_model().objects.create(
        title="访谈录像", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="session.mp4")
    )
    captions = get_document_model().objects.create(
        title="字幕", file=ContentFile(b"WEBVTT\n", name="session.vtt")
    )
    response = admin_client.post(
        add_url(year_page),
        session_data(
            unit,
            [leader],
            recorded_video=str(video.pk),
            recorded_video_captions=str(captions.pk),
        ),
    )
    assert response.status_code == 302
    assert created().recorded_video == video


def test_captions_that_are_not_webvtt_are_an_error(admin_client, frozen, year_page, unit, leader):
    srt = get_document_model().objects.create(
        title="字幕", file=ContentFile(b"1\n00:00:01,000 --> 00:00:02,000\n", name="subs.txt")
    )
    response = admin_client.post(
        add_url(year_page), session_data(unit, [leader], recorded_video_captions=str(srt.pk))
    )
    assert "recorded_video_captions" in form_errors(response)


def test_a_video_block_with_a_pdf_is_an_error(admin_client, frozen, year_page, unit, leader):
    pdf = get_document_model().objects.create(
        title="会议纪要", file=ContentFile(b"%PDF-1.4", name="minutes.pdf")
    )
    announcement = streamfield(
        [
            (
                "video",
                {
                    "title": "预告视频",
                    "video": str(pdf.pk),
                    "captions": "",
                    "poster": "",
                    "embed": "",
                },
            )
        ]
    )
    response = admin_client.post(
        add_url(year_page), session_data(unit, [leader], announcement=announcement)
    )
    assert "announcement" in form_errors(response)
    assert not TalkSessionPage.objects.exists()


# --- warnings and scheduling ---------------------------------------------------------------


def test_a_new_session_starting_in_the_past_is_created_with_a_warning(
    admin_client, frozen, year_page, unit, leader
):
    response = admin_client.post(
        add_url(year_page),
        session_data(unit, [leader], start="2022-08-17 10:00", **{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    page = created()
    assert page.live
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert [str(m) for m in warnings] == [past_warning_zh()]


def test_a_new_session_in_the_future_gets_no_past_warning(
    admin_client, frozen, year_page, unit, leader
):
    response = admin_client.post(add_url(year_page), session_data(unit, [leader]))

    assert response.status_code == 302
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert past_warning_zh() not in [str(m) for m in warnings]


def test_editing_a_past_session_gives_no_past_warning(
    admin_client, frozen, year_page, unit, leader
):
    page = TalkSessionPageFactory(
        parent=year_page,
        slug="rural-revitalisation",
        start=local(2022, 8, 17, 10, 0),
        departments=[unit],
        leaders=[leader],
    )
    session_leader = page.session_leaders.get()
    data = session_data(unit, [], start="2022-08-17 10:00", summary="补充简介。")
    data.update(
        nested_form_data(
            {
                "session_leaders": inline_formset(
                    [{"id": str(session_leader.pk), "leader": str(leader.pk)}], initial=1
                )
            }
        )
    )
    response = admin_client.post(edit_url(page), data)

    assert response.status_code == 302
    warnings = [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert past_warning_zh() not in [str(m) for m in warnings]


def test_a_new_session_goes_live_seven_days_before_its_start(
    admin_client, frozen, year_page, unit, leader
):
    """Published on 2022-09-01 for a session on 2022-09-28 10:00: the announcement is scheduled
    for 2022-09-21 10:00 and the page is not live yet."""
    response = admin_client.post(
        add_url(year_page), session_data(unit, [leader], **{"action-publish": "publish"})
    )

    assert response.status_code == 302
    page = created()
    assert page.go_live_at == local(2022, 9, 21, 10, 0)
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == local(2022, 9, 21, 10, 0)
    assert page.status == "planned"


def test_a_new_draft_session_also_gets_the_default_go_live_time(
    admin_client, frozen, year_page, unit, leader
):
    response = admin_client.post(add_url(year_page), session_data(unit, [leader]))

    assert response.status_code == 302
    page = created()
    assert not page.live
    assert page.get_latest_revision_as_object().go_live_at == local(2022, 9, 21, 10, 0)


def test_the_editor_may_choose_another_go_live_time(admin_client, frozen, year_page, unit, leader):
    response = admin_client.post(
        add_url(year_page),
        session_data(
            unit, [leader], go_live_at="2022-09-14 09:00", **{"action-publish": "publish"}
        ),
    )

    assert response.status_code == 302
    page = created()
    assert page.go_live_at == local(2022, 9, 14, 9, 0)
    assert not page.live


def test_a_session_within_a_week_is_published_at_once(
    admin_client, frozen, year_page, unit, leader
):
    # Start − 7 days is already past: no schedule, the announcement goes live now.
    response = admin_client.post(
        add_url(year_page),
        session_data(unit, [leader], start="2022-09-05 10:00", **{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    page = created()
    assert page.go_live_at is None
    assert page.live
    assert page.status == "announced"


def test_rescheduling_a_session_on_the_edit_view_keeps_its_go_live_time_untouched(
    admin_client, frozen, year_page, unit, leader
):
    page = TalkSessionPageFactory(
        parent=year_page, slug="rural-revitalisation", departments=[unit], leaders=[leader]
    )
    page.save_revision().publish()
    session_leader = page.session_leaders.get()
    data = session_data(unit, [], start="2022-10-19 10:00", **{"action-publish": "publish"})
    data.update(
        nested_form_data(
            {
                "session_leaders": inline_formset(
                    [{"id": str(session_leader.pk), "leader": str(leader.pk)}], initial=1
                )
            }
        )
    )
    response = admin_client.post(edit_url(page), data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.start == local(2022, 10, 19, 10, 0)
    assert page.live
    assert page.go_live_at is None
    assert page.calendar_sequence == 1


# --- the page tree ----------------------------------------------------------------------------


class TestSessionPageTree(WagtailPageTestCase):
    def test_sessions_live_under_a_year_page_only(self):
        self.assertCanCreateAt(AnnualSchedulePage, TalkSessionPage)
        self.assertCanNotCreateAt(TalkIndexPage, TalkSessionPage)
        self.assertCanNotCreateAt(HomePage, TalkSessionPage)
        self.assertCanNotCreateAt(Page, TalkSessionPage)
        self.assertAllowedParentPageTypes(TalkSessionPage, {AnnualSchedulePage})
        self.assertAllowedSubpageTypes(TalkSessionPage, {})
        self.assertAllowedSubpageTypes(AnnualSchedulePage, {TalkSessionPage})

    def test_a_session_can_be_created_through_the_admin(self):
        self.login()
        home = HomePage.objects.get(depth=2, locale__language_code="zh-hans")
        column = TalkIndexPageFactory(parent=home)
        year = AnnualSchedulePageFactory(parent=column, year=2022)
        unit = DepartmentFactory()
        leader = LeaderFactory(department=unit)
        with time_machine.travel(TODAY, tick=False):
            self.assertCanCreate(
                year, TalkSessionPage, session_data(unit, [leader], start="2022-08-17 10:00")
            )
        page = created()
        assert page.get_parent().specific == year
        assert page.title == "推进乡村振兴"
        assert page.duration_minutes == 60
        assert list(page.departments.all()) == [unit]


# --- the milestones on the edit view ----------------------------------------------------------


def _milestone_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for row in soup.select("table.listing tbody tr"):
        cells = row.find_all(["th", "td"])
        rows[cells[0].get_text(strip=True)] = [cell.get_text(" ", strip=True) for cell in cells[1:]]
    return rows


def _zh(message):
    with translation.override("zh-hans"):
        return str(translation.gettext(message))


def test_the_edit_view_shows_the_milestones(admin_client, year_page, unit):
    page = TalkSessionPageFactory(parent=year_page, departments=[unit], live=False)
    with time_machine.travel(local(2022, 9, 22, 9, 0), tick=False):
        response = admin_client.get(edit_url(page))

    assert response.status_code == 200
    rows = _milestone_rows(response)
    assert list(rows) == [
        _zh(label)
        for label in (
            "Plan due",
            "Announcement",
            "Questions handed to the leaders",
            "Rehearsal",
            "Live exchange",
            "Replies due",
        )
    ]
    plan_due, plan_state = rows[_zh("Plan due")]
    assert "2022年9月13日" in plan_due
    # No leaders yet and past the plan's due date; the announcement is not live either.
    assert _zh("overdue") in plan_state
    assert _zh("overdue") in rows[_zh("Announcement")][1]
    assert "2022年9月27日 14:30" in rows[_zh("Rehearsal")][0]
    assert "2022年10月17日" in rows[_zh("Replies due")][0]
    assert (
        _zh("estimated: this year's holiday arrangement is not known yet")
        not in (rows[_zh("Replies due")][0])
    )


def test_the_edit_view_flags_an_estimated_deadline(admin_client, column, unit):
    year_2030 = AnnualSchedulePageFactory(parent=column, year=2030)
    page = TalkSessionPageFactory(
        parent=year_2030, start=local(2030, 4, 30, 10, 0), departments=[unit]
    )
    # The flag does not depend on the clock (and the admin login would expire by 2030).
    response = admin_client.get(edit_url(page))
    assert response.status_code == 200

    rows = _milestone_rows(response)
    estimated = _zh("estimated: this year's holiday arrangement is not known yet")
    assert estimated in rows[_zh("Replies due")][0]
    assert "2030年5月14日" in rows[_zh("Replies due")][0]
    assert all(
        estimated not in due for label, (due, _state) in rows.items() if label != _zh("Replies due")
    )
