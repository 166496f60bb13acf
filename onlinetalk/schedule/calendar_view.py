"""The year page's month calendars: a grid per programme month with the sessions on their days."""

import calendar
import datetime

from django.utils import timezone

from .months import month_label


def month_calendars(year, months, sessions):
    by_day = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.start).date(), []).append(session)
    grids = []
    for month in months:
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append(
                [
                    {"date": day, "sessions": by_day.get(day, [])} if day.month == month else None
                    for day in week
                ]
            )
        grids.append(
            {
                "month": month,
                "label": month_label(month),
                "first_day": datetime.date(year, month, 1),
                "weeks": weeks,
                "has_sessions": any(day.month == month for day in by_day),
            }
        )
    return grids
