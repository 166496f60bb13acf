"""A session's derived status at every boundary, and its milestones (issue 3)."""

import datetime

import pytest
import time_machine
from django.test import override_settings

from onlinetalk.questions.board import board_window
from onlinetalk.sessions.lifecycle import record_replies_published
from onlinetalk.sessions.milestones import session_milestones
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import SessionStatus, derive_status
from tests.clock import SHANGHAI, local
from tests.factories import AnnualSchedulePageFactory, TalkSessionPageFactory

START = local(2022, 9, 28, 10, 0)
END = START + datetime.timedelta(minutes=60)
MICROSECOND = datetime.timedelta(microseconds=1)


# --- derive_status: the pure rule ------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "announced", "replied", "expected"),
    [
        (START - MICROSECOND, False, False, SessionStatus.PLANNED),
        (START - MICROSECOND, True, False, SessionStatus.ANNOUNCED),
        (START - datetime.timedelta(days=30), False, False, SessionStatus.PLANNED),
        (START - datetime.timedelta(days=3), True, False, SessionStatus.ANNOUNCED),
        (START, True, False, SessionStatus.LIVE),
        # Live is live even if the announcement page was never published.
        (START, False, False, SessionStatus.LIVE),
        (START + datetime.timedelta(minutes=30), True, False, SessionStatus.LIVE),
        (END - MICROSECOND, True, False, SessionStatus.LIVE),
        (END, True, False, SessionStatus.AWAITING_REPLIES),
        (END + datetime.timedelta(days=20), True, False, SessionStatus.AWAITING_REPLIES),
        (END, True, True, SessionStatus.REPLIED),
        (END + datetime.timedelta(days=5), True, True, SessionStatus.REPLIED),
        # Replies published before the end change nothing: the session is still live.
        (END - MICROSECOND, True, True, SessionStatus.LIVE),
    ],
)
def test_derive_status_at_every_boundary(now, announced, replied, expected):
    status = derive_status(now=now, start=START, end=END, announced=announced, replied=replied)
    assert status == expected


@pytest.mark.parametrize("change", ["postponed", "cancelled"])
@pytest.mark.parametrize(
    ("now", "announced", "replied"),
    [
        (START - datetime.timedelta(days=10), False, False),
        (START - MICROSECOND, True, False),
        (START, True, False),
        (END - MICROSECOND, True, False),
        (END, True, False),
        (END + datetime.timedelta(days=30), True, True),
    ],
)
def test_postponed_and_cancelled_override_everything(change, now, announced, replied):
    status = derive_status(
        now=now,
        start=START,
        end=END,
        announced=announced,
        schedule_change=change,
        replied=replied,
    )
    assert status == change


def test_statuses_are_the_issue_s_values():
    assert set(SessionStatus.values) == {
        "planned",
        "announced",
        "live",
        "awaiting_replies",
        "replied",
        "postponed",
        "cancelled",
    }


# --- TalkSessionPage.get_status on real pages ---------------------------------------------------


@pytest.fixture
def session(year_page, unit, leader):
    """Published on 2022-09-01 (its announcement is live), starts 2022-09-28 10:00."""
    return TalkSessionPageFactory(
        announced=True,
        now=local(2022, 9, 1, 9, 0),
        parent=year_page,
        start=START,
        departments=[unit],
        leaders=[leader],
    )


def test_page_status_through_the_live_hour(session):
    assert session.live
    assert session.end == END
    assert session.get_status(START - MICROSECOND) == "announced"
    assert session.get_status(START) == "live"
    assert session.get_status(END - MICROSECOND) == "live"
    assert session.get_status(END) == "awaiting_replies"


def test_page_status_follows_the_frozen_clock(session):
    with time_machine.travel(START - datetime.timedelta(seconds=1), tick=False):
        assert session.status == "announced"
    with time_machine.travel(START, tick=False):
        assert session.status == "live"
        assert session.get_status_label() == SessionStatus.LIVE.label
    with time_machine.travel(END - MICROSECOND, tick=False):
        assert session.status == "live"
    with time_machine.travel(END, tick=False):
        assert session.status == "awaiting_replies"


def test_a_longer_session_is_live_until_its_own_end(session):
    session.duration_minutes = 90
    session.save()
    assert session.get_status(START + datetime.timedelta(minutes=89)) == "live"
    assert session.get_status(START + datetime.timedelta(minutes=90)) == "awaiting_replies"


def test_a_session_whose_announcement_is_not_live_is_planned(year_page, unit, leader):
    page = TalkSessionPageFactory(
        parent=year_page, start=START, departments=[unit], leaders=[leader], live=False
    )
    assert page.get_status(START - datetime.timedelta(days=1)) == "planned"
    # The live hour happens whether or not the page was published.
    assert page.get_status(START) == "live"


def test_a_scheduled_announcement_is_planned_until_it_goes_live(year_page, unit, leader):
    with time_machine.travel(local(2022, 9, 1, 9, 0), tick=False):
        page = TalkSessionPageFactory(
            parent=year_page, start=START, departments=[unit], leaders=[leader], live=False
        )
        page.go_live_at = START - datetime.timedelta(days=7)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        assert page.status == "planned"


@pytest.mark.parametrize("change", ["postponed", "cancelled"])
def test_a_changed_session_shows_the_change_at_any_time(session, change):
    session.schedule_change = change
    session.save()
    for now in (START - datetime.timedelta(days=1), START, END, END + datetime.timedelta(days=9)):
        assert session.get_status(now) == change
    assert session.get_status_label(START) == SessionStatus(change).label


# --- the factory's lifecycle traits ---------------------------------------------------------------

NOW = local(2022, 9, 25, 10, 0)


@pytest.mark.parametrize(
    ("trait", "status", "board_open"),
    [
        ("announced", "announced", True),
        ("live_now", "live", False),
        ("ended", "awaiting_replies", False),
    ],
)
def test_a_lifecycle_trait_puts_the_session_in_its_state_at_now(
    year_page, unit, leader, trait, status, board_open
):
    page = TalkSessionPageFactory(
        parent=year_page, departments=[unit], leaders=[leader], now=NOW, **{trait: True}
    )

    assert page.live
    assert page.first_published_at == min(page.start - datetime.timedelta(days=7), NOW)
    assert page.get_status(NOW) == status
    assert board_window(page, NOW).is_open is board_open


def test_the_lifecycle_traits_place_the_start_around_now(year_page):
    announced = TalkSessionPageFactory(parent=year_page, now=NOW, announced=True)
    live = TalkSessionPageFactory(parent=year_page, now=NOW, live_now=True)
    ended = TalkSessionPageFactory(parent=year_page, now=NOW, ended=True)

    assert announced.start > NOW
    assert live.start <= NOW < live.end
    assert ended.end <= NOW


def test_the_lifecycle_traits_follow_the_frozen_clock_by_default(year_page):
    with time_machine.travel(NOW, tick=False):
        page = TalkSessionPageFactory(parent=year_page, announced=True)
        assert page.status == "announced"
    with time_machine.travel(page.start, tick=False):
        assert page.status == "live"


def test_a_field_given_with_a_trait_wins_over_the_trait(year_page):
    page = TalkSessionPageFactory(
        parent=year_page, now=local(2022, 9, 1, 9, 0), announced=True, start=START
    )

    assert page.start == START
    # Three weeks ahead: published at `now`, not a week before the start.
    assert page.first_published_at == local(2022, 9, 1, 9, 0)
    assert page.get_status(local(2022, 9, 1, 9, 0)) == "announced"


@pytest.mark.adapts("replies_published_at")
def test_the_replied_trait_stores_when_the_replies_were_published(year_page):
    page = TalkSessionPageFactory(parent=year_page, now=NOW, replied=True)

    assert page.live
    assert page.end <= NOW
    if hasattr(TalkSessionPage, "replies_published_at"):
        assert page.replies_published_at == NOW - datetime.timedelta(hours=1)
        assert page.get_status(NOW) == "replied"
    else:
        # Until the model stores the fact, the trait gives an ended session (see the factory).
        assert page.get_status(NOW) == "awaiting_replies"


# --- milestones ----------------------------------------------------------------------------------


def _by_key(milestones):
    return {milestone.key: milestone for milestone in milestones}


def test_milestones_of_a_session_on_2022_09_28(session):
    milestones = _by_key(session.milestones(local(2022, 9, 1, 9, 0)))

    assert list(milestones) == [
        "plan",
        "announcement",
        "briefing",
        "rehearsal",
        "live",
        "replies",
    ]
    # Plan 15 days before (by the end of that day).
    assert milestones["plan"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 9, 13)
    # Announcement 7 days before the start.
    assert milestones["announcement"].due == local(2022, 9, 21, 10, 0)
    # Questions handed to the leaders the day before.
    assert milestones["briefing"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 9, 27)
    # Rehearsal the afternoon before, at 14:30 Beijing time (06:30 UTC).
    assert milestones["rehearsal"].due == local(2022, 9, 27, 14, 30)
    assert milestones["rehearsal"].due == datetime.datetime(2022, 9, 27, 6, 30, tzinfo=datetime.UTC)
    # The live hour.
    assert milestones["live"].due == START
    assert milestones["live"].end == END
    # Replies within 10 working days after the session day (National Day, 调休).
    assert milestones["replies"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 10, 17)
    assert milestones["replies"].estimated is False
    # Which ones citizens see.
    assert [m.key for m in session.public_milestones(local(2022, 9, 1))] == [
        "announcement",
        "live",
        "replies",
    ]


def test_the_plan_is_overdue_when_it_lacks_leaders_after_its_due_date(year_page, unit):
    page = TalkSessionPageFactory(parent=year_page, start=START, departments=[unit])
    before = _by_key(page.milestones(local(2022, 9, 13, 12, 0)))["plan"]
    after = _by_key(page.milestones(local(2022, 9, 14, 0, 1)))["plan"]

    assert before.done is False
    assert not before.overdue
    assert after.done is False
    assert after.overdue


def test_a_complete_plan_is_done_and_never_overdue(session):
    plan = _by_key(session.milestones(local(2022, 9, 20)))["plan"]
    assert plan.done is True
    assert not plan.overdue


def test_the_announcement_is_done_once_the_page_is_live(session):
    announcement = _by_key(session.milestones(local(2022, 9, 25)))["announcement"]
    assert announcement.done is True
    assert not announcement.overdue


def test_an_unpublished_announcement_is_overdue_after_its_due_time(year_page, unit, leader):
    page = TalkSessionPageFactory(
        parent=year_page, start=START, departments=[unit], leaders=[leader], live=False
    )
    before = _by_key(page.milestones(local(2022, 9, 21, 9, 59)))["announcement"]
    after = _by_key(page.milestones(local(2022, 9, 21, 10, 1)))["announcement"]
    assert before.done is False and not before.overdue
    assert after.done is False and after.overdue


def test_the_live_hour_and_the_replies_are_done_or_overdue_from_facts(session):
    during = _by_key(session.milestones(START + datetime.timedelta(minutes=10)))
    assert during["live"].done is False
    assert not during["live"].overdue

    after = _by_key(session.milestones(END))
    assert after["live"].done is True
    assert after["replies"].done is False
    assert not after["replies"].overdue

    late = _by_key(session.milestones(local(2022, 10, 18, 9, 0)))
    assert late["replies"].done is False
    assert late["replies"].overdue

    record_replies_published(session, local(2022, 10, 17, 16, 0))
    replied = _by_key(session_milestones(session, local(2022, 10, 18, 9, 0)))
    assert replied["replies"].done is True
    assert not replied["replies"].overdue


def test_milestones_without_facts_are_never_overdue(session):
    late = _by_key(session.milestones(local(2023, 1, 1)))
    for key in ("briefing", "rehearsal"):
        assert late[key].done is None
        assert not late[key].overdue


def test_milestones_default_to_the_frozen_clock(year_page, unit):
    page = TalkSessionPageFactory(parent=year_page, start=START, departments=[unit])
    with time_machine.travel(local(2022, 9, 20), tick=False):
        assert _by_key(page.milestones())["plan"].overdue
    with time_machine.travel(local(2022, 9, 10), tick=False):
        assert not _by_key(page.milestones())["plan"].overdue


def test_a_session_in_an_unknown_year_has_an_estimated_replies_deadline(column, unit, leader):
    year_2030 = AnnualSchedulePageFactory(parent=column, year=2030)
    page = TalkSessionPageFactory(
        parent=year_2030,
        start=local(2030, 4, 30, 10, 0),
        departments=[unit],
        leaders=[leader],
    )
    milestones = _by_key(page.milestones(local(2030, 4, 1)))

    assert milestones["replies"].estimated is True
    # Monday–Friday: 5-01 … 5-03, 5-06 … 5-10, 5-13, 5-14.
    assert milestones["replies"].due.astimezone(SHANGHAI).date() == datetime.date(2030, 5, 14)
    assert not any(milestone.estimated for key, milestone in milestones.items() if key != "replies")


def test_a_session_in_a_known_year_is_not_estimated(session):
    assert not any(milestone.estimated for milestone in session.milestones(local(2022, 9, 1)))


@override_settings(ONLINETALK_ANNOUNCEMENT_DAYS_BEFORE=3)
def test_the_announcement_offset_is_a_setting(session):
    milestones = _by_key(session.milestones(local(2022, 9, 1)))
    assert milestones["announcement"].due == local(2022, 9, 25, 10, 0)
    # The other milestones keep their defaults.
    assert milestones["plan"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 9, 13)
    assert milestones["rehearsal"].due == local(2022, 9, 27, 14, 30)


@override_settings(
    ONLINETALK_PLAN_DAYS_BEFORE=20,
    ONLINETALK_REHEARSAL_TIME="15:00",
    ONLINETALK_REPLY_WORKING_DAYS=5,
)
def test_the_other_offsets_are_settings_too(session):
    milestones = _by_key(session.milestones(local(2022, 9, 1)))
    assert milestones["plan"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 9, 8)
    assert milestones["rehearsal"].due == local(2022, 9, 27, 15, 0)
    # 9-29, 9-30, 10-08, 10-09, 10-10.
    assert milestones["replies"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 10, 10)


def test_an_unsaved_session_has_milestones_too(db):
    page = TalkSessionPage(title="草稿", start=START, duration_minutes=60)
    milestones = _by_key(page.milestones(local(2022, 9, 1)))
    assert milestones["announcement"].done is False
    assert milestones["replies"].due.astimezone(SHANGHAI).date() == datetime.date(2022, 10, 17)
