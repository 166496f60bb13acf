"""iCalendar: one file per session and one feed per year, parsed back with the `icalendar`
package (issue 3, "Pages citizens see")."""

import datetime

import pytest
from icalendar import Calendar
from wagtail.models import Locale

from onlinetalk.localization import translate_in_code
from tests.clock import local
from tests.factories import LeaderFactory, TalkSessionPageFactory

START = local(2022, 9, 28, 10, 0)
VENUE = "珠海信息大厦一楼市政府“在线交流专区”"


def _session(year_page, unit, **fields):
    leader = LeaderFactory(department=unit)
    fields.setdefault("start", START)
    page = TalkSessionPageFactory(
        parent=year_page, departments=[unit], leaders=[leader], venue=VENUE, **fields
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def session(year_page, unit):
    return _session(
        year_page,
        unit,
        title="推进乡村振兴",
        slug="rural",
        summary="乡村振兴、农产品质量安全和农村人居环境。",
    )


def _feed(client, page):
    url = page.url + page.reverse_subpage("ical")
    assert url == page.url + "ical/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return list(calendar.walk("VEVENT"))


def _event(client, page):
    events = _events(_feed(client, page))
    assert len(events) == 1
    return events[0]


def _publish(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- one session --------------------------------------------------------------------------------


def test_the_session_file_parses_back(client, session):
    calendar = _feed(client, session)
    event = _event(client, session)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(event["SUMMARY"]) == "推进乡村振兴"
    assert str(event["DESCRIPTION"]) == "乡村振兴、农产品质量安全和农村人居环境。"
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTEND") == START + datetime.timedelta(minutes=60)
    assert str(event["LOCATION"]) == VENUE
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["UID"]).startswith(f"session-{session.translation_key}@")
    assert int(event["SEQUENCE"]) == 0


def test_times_are_in_beijing_time_with_their_timezone(client, session):
    calendar = _feed(client, session)
    event = _events(calendar)[0]

    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event["DTEND"].params["TZID"] == "Asia/Shanghai"
    assert event["DTSTART"].to_ical() == b"20220928T100000"
    timezones = [str(component["TZID"]) for component in calendar.walk("VTIMEZONE")]
    assert timezones == ["Asia/Shanghai"]


def test_the_event_links_back_to_the_page(client, session):
    event = _event(client, session)
    assert str(event["URL"]) == session.get_full_url()
    assert str(event["URL"]).endswith("/rural/")


def test_the_file_is_offered_as_a_download(client, session):
    response = client.get(session.url + "ical/")
    assert response["Content-Disposition"] == f'attachment; filename="session-{session.pk}.ics"'


def test_the_uid_is_stable_across_edits(client, session):
    before = _event(client, session)

    _publish(session, title="推进乡村振兴（更新）", summary="新的简介。", venue="市政府新闻发布厅")
    after = _event(client, session)

    assert str(after["SUMMARY"]) == "推进乡村振兴（更新）"
    assert str(after["LOCATION"]) == "市政府新闻发布厅"
    assert str(after["UID"]) == str(before["UID"])
    # Nothing about the time changed: calendar apps need no new sequence.
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) == 0


def test_the_sequence_grows_by_one_when_the_session_is_rescheduled(client, session):
    uid = str(_event(client, session)["UID"])

    _publish(session, start=START + datetime.timedelta(days=7))
    moved = _event(client, session)
    assert str(moved["UID"]) == uid
    assert int(moved["SEQUENCE"]) == 1
    assert moved.decoded("DTSTART") == START + datetime.timedelta(days=7)

    _publish(session, duration_minutes=90)
    longer = _event(client, session)
    assert int(longer["SEQUENCE"]) == 2
    assert longer.decoded("DTEND") == START + datetime.timedelta(days=7, minutes=90)

    _publish(session, title="只改标题")
    assert int(_event(client, session)["SEQUENCE"]) == 2


def test_a_draft_change_of_time_does_not_change_the_published_sequence(client, session):
    session.start = START + datetime.timedelta(days=1)
    session.save_revision()

    event = _event(client, session)
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == START


def test_a_cancelled_session_is_cancelled_in_calendars(client, session):
    _publish(session, schedule_change="cancelled", schedule_change_explanation="因台风取消。")
    event = _event(client, session)
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_postponed_session_stays_confirmed(client, session):
    _publish(session, schedule_change="postponed")
    assert str(_event(client, session)["STATUS"]) == "CONFIRMED"


# --- the year feed -------------------------------------------------------------------------------


def test_the_year_feed_lists_the_year_s_public_sessions(client, year_page, unit, session):
    second = _session(
        year_page,
        unit,
        title="完善养老服务体系",
        slug="elderly",
        start=START + datetime.timedelta(days=56),
    )
    TalkSessionPageFactory(
        parent=year_page,
        title="尚未发布的访谈",
        slug="draft",
        start=START + datetime.timedelta(days=70),
        departments=[unit],
        live=False,
    )

    calendar = _feed(client, year_page)
    events = _events(calendar)

    assert str(calendar["X-WR-CALNAME"]) == year_page.title
    assert [str(event["SUMMARY"]) for event in events] == ["推进乡村振兴", "完善养老服务体系"]
    assert len({str(event["UID"]) for event in events}) == 2
    assert [str(event["URL"]) for event in events] == [
        session.get_full_url(),
        second.get_full_url(),
    ]
    assert all(event["DTSTART"].params["TZID"] == "Asia/Shanghai" for event in events)
    response = client.get(year_page.url + "ical/")
    assert response["Content-Disposition"] == 'attachment; filename="minsheng-online-2022.ics"'


def test_the_year_feed_and_the_session_file_share_the_uid(client, year_page, session):
    from_year = _events(_feed(client, year_page))[0]
    from_session = _event(client, session)
    assert str(from_year["UID"]) == str(from_session["UID"])
    assert int(from_year["SEQUENCE"]) == int(from_session["SEQUENCE"])


def test_an_empty_year_feed_still_parses(client, year_page):
    calendar = _feed(client, year_page)
    assert _events(calendar) == []


# --- English ------------------------------------------------------------------------------------


def _translate_tree(page, strings):
    """The English version of `page` and of its ancestors that have none yet."""
    english = Locale.objects.get(language_code="en")
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(english) is None:
            translate_in_code(ancestor, english, {})
    return translate_in_code(page, english, strings)


def test_the_english_feed_has_english_summaries(client, year_page, unit, session):
    english = Locale.objects.get(language_code="en")
    for leader_row in session.session_leaders.all():
        translate_in_code(leader_row.leader, english, {})
    translate_in_code(unit, english, {"市农业农村局": "Agriculture and Rural Affairs Bureau"})
    english_session = _translate_tree(
        session,
        {
            "推进乡村振兴": "Revitalising the countryside",
            "乡村振兴、农产品质量安全和农村人居环境。": "Rural revitalisation.",
            VENUE: "Online exchange area, Zhuhai Information Building",
        },
    )
    english_year = english_session.get_parent().specific
    assert english_session.url.startswith("/en/")

    event = _event(client, english_session)
    assert str(event["SUMMARY"]) == "Revitalising the countryside"
    assert str(event["DESCRIPTION"]) == "Rural revitalisation."
    assert str(event["LOCATION"]) == "Online exchange area, Zhuhai Information Building"
    assert str(event["URL"]) == english_session.get_full_url()
    assert "/en/" in str(event["URL"])
    # The same event in both languages: one UID.
    assert str(event["UID"]) == str(_event(client, session)["UID"])

    year_events = _events(_feed(client, english_year))
    assert [str(e["SUMMARY"]) for e in year_events] == ["Revitalising the countryside"]
