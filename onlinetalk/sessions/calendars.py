"""iCalendar files: one per session and one per year, in the reader's language."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from onlinetalk.conf import get_setting

from .status import ScheduleChange


def session_uid(session):
    # The translation key is shared by a session's Chinese and English pages and never changes.
    return f"session-{session.translation_key}@{get_setting('CALENDAR_UID_DOMAIN')}"


def build_calendar(request, sessions, *, name):
    calendar = Calendar()
    calendar.add("prodid", "-//Minsheng Online//onlinetalk//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(session))
        event.add("sequence", session.calendar_sequence)
        event.add("dtstamp", session.last_published_at or timezone.now())
        event.add("dtstart", timezone.localtime(session.start))
        event.add("dtend", timezone.localtime(session.end))
        event.add("summary", session.title)
        event.add("location", session.venue)
        if session.summary:
            event.add("description", session.summary)
        event.add("url", session.get_full_url(request))
        if session.schedule_change == ScheduleChange.CANCELLED:
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(request, sessions, *, filename, name=None):
    body = build_calendar(request, sessions, name=name or (sessions[0].title if sessions else ""))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = (
        f"public, max-age={int(datetime.timedelta(minutes=5).total_seconds())}"
    )
    return response
