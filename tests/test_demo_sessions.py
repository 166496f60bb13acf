"""`load_demo --now`: the 2022 sessions and the showcase around a fixed "today" (issue 3, "Demo")."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from onlinetalk.departments.models import Department, Leader
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot
from onlinetalk.sessions.models import SessionLeader, TalkSessionPage
from tests.session_support import DEMO_NOW, load_demo

SHOWCASE = {
    "showcase-live": "live",
    "showcase-announced": "announced",
    "showcase-ended": "awaiting_replies",
    "showcase-planned": "planned",
}


def _year(number, language="zh-hans"):
    return AnnualSchedulePage.objects.get(year=number, locale__language_code=language)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_eleven_sessions_in_2022_two_in_november(frozen, language):
    sessions = list(TalkSessionPage.objects.child_of(_year(2022, language)).order_by("start"))

    assert len(sessions) == 11
    assert all(session.live for session in sessions)
    months = [timezone.localtime(session.start).month for session in sessions]
    assert months == [3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12]
    assert all(timezone.localtime(session.start).year == 2022 for session in sessions)
    # Every one has its published hot response (the demo's 热点回应).
    assert all(session.get_status(DEMO_NOW) == "replied" for session in sessions)


def test_each_2022_session_matches_its_annex_slot_and_has_a_leader_of_its_unit(frozen):
    year = _year(2022)
    slots = list(ScheduleSlot.objects.filter(page=year).prefetch_related("departments"))
    for session in TalkSessionPage.objects.child_of(year):
        units = list(session.departments.all())
        assert len(units) == 1
        month = timezone.localtime(session.start).month
        assert any(slot.month == month and units[0] in slot.departments.all() for slot in slots), (
            session
        )
        leaders = [row.leader for row in session.session_leaders.all()]
        assert len(leaders) == 1
        assert leaders[0].department == units[0]
        assert len(session.announcement) > 0
        assert any(block.block_type == "qa_exchange" for block in session.transcript)


def test_the_2022_session_of_september_has_its_english_version(frozen):
    chinese = TalkSessionPage.objects.get(
        slug="2022-09-agriculture-and-rural-affairs", locale__language_code="zh-hans"
    )
    english = chinese.get_translation(Locale.objects.get(language_code="en"))
    assert english.title == "Revitalising the countryside"
    assert english.live
    assert english.start == chinese.start
    assert Leader.objects.get(name="Sun Li").translation_key == (
        Leader.objects.get(name="孙丽").translation_key
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_four_showcase_sessions_have_their_statuses_at_now(frozen, language):
    sessions = {
        page.slug: page
        for page in TalkSessionPage.objects.filter(
            slug__in=SHOWCASE, locale__language_code=language
        )
    }
    assert set(sessions) == set(SHOWCASE)
    statuses = {slug: page.get_status(DEMO_NOW) for slug, page in sessions.items()}
    assert statuses == SHOWCASE
    # The same with the clock itself (frozen at --now).
    assert {slug: page.status for slug, page in sessions.items()} == SHOWCASE


def test_the_showcase_times_are_relative_to_now(frozen):
    sessions = {
        page.slug: page
        for page in TalkSessionPage.objects.filter(
            slug__in=SHOWCASE, locale__language_code="zh-hans"
        )
    }
    local = timezone.localtime
    assert sessions["showcase-live"].start <= DEMO_NOW < sessions["showcase-live"].end
    assert local(sessions["showcase-ended"].start) == local(DEMO_NOW - datetime.timedelta(days=1))
    assert local(sessions["showcase-announced"].start) == local(
        DEMO_NOW + datetime.timedelta(days=3)
    )
    assert local(sessions["showcase-planned"].start) == local(
        DEMO_NOW + datetime.timedelta(weeks=3)
    )
    # All four belong to the year of "now", with a slot of their own in its annex.
    year = _year(2026)
    for page in sessions.values():
        assert page.get_parent().specific == year
    linked = set(ScheduleSlot.objects.filter(page=year).values_list("session__slug", flat=True))
    assert set(SHOWCASE) <= linked


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_planned_session_is_scheduled_a_week_ahead(frozen, language):
    planned = TalkSessionPage.objects.get(slug="showcase-planned", locale__language_code=language)

    assert not planned.live
    assert planned.go_live_at == planned.start - datetime.timedelta(days=7)
    assert planned.approved_schedule
    assert planned.scheduled_revision.approved_go_live_at == planned.go_live_at
    # Nobody sees it yet.
    assert not TalkSessionPage.objects.live().filter(pk=planned.pk).exists()


def test_the_planned_session_goes_live_on_schedule(frozen):
    planned = TalkSessionPage.objects.get(slug="showcase-planned", locale__language_code="zh-hans")
    go_live = planned.go_live_at

    with time_machine.travel(go_live - datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        planned.refresh_from_db()
        assert not planned.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        planned.refresh_from_db()
        assert planned.live
        assert planned.status == "announced"


def _counts():
    return {
        "pages": Page.objects.count(),
        "sessions": TalkSessionPage.objects.count(),
        "revisions": Revision.objects.count(),
        "slots": ScheduleSlot.objects.count(),
        "leaders": Leader.objects.count(),
        "session leaders": SessionLeader.objects.count(),
        "units": Department.objects.count(),
        "years": AnnualSchedulePage.objects.count(),
    }


def test_running_it_twice_with_the_same_now_changes_nothing(demo_site, db):
    before = _counts()
    latest = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()

    load_demo(DEMO_NOW)

    assert _counts() == before
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == latest
    assert before["sessions"] == 2 * (11 + 4)  # Chinese and English
    assert before["years"] == 2 * 2  # 2022 and 2026, in both languages
