"""China's statutory working days (see calendar.py)."""

from .calendar import (
    Deadline,
    WorkingDayCalendar,
    add_working_days,
    is_known_year,
    is_working_day,
    working_days_after,
    working_days_between,
)

__all__ = [
    "Deadline",
    "WorkingDayCalendar",
    "add_working_days",
    "is_known_year",
    "is_working_day",
    "working_days_after",
    "working_days_between",
]
