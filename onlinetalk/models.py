"""Django finds the extension's models here; each lives in the package of its domain concept."""

from onlinetalk.access.models import AccessGroup
from onlinetalk.departments.models import Department
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot, TalkIndexPage

__all__ = ["AccessGroup", "AnnualSchedulePage", "Department", "ScheduleSlot", "TalkIndexPage"]
