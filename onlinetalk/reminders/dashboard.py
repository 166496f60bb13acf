"""The admin dashboard's view of the reminders: what is upcoming and overdue for the user's
units (the same milestones the reminders chase, from agenda.py), and for the Office a warning
when reminders could not be sent. Each panel costs the same few queries whatever it lists."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from onlinetalk.access.scope import is_office_user

from .agenda import agenda
from .resend import failed_count
from .visibility import EveryUnit, agenda_scope

DAYS_AHEAD = 14
SHOWN = 10  # rows of each list (overdue, upcoming); the rest are counted


def last_day(due):
    """The day a milestone is due: a deadline at midnight is the day before's."""
    return timezone.localtime(due - datetime.timedelta(microseconds=1)).date()


def days_overdue(due_day, now):
    """Whole days late: a milestone due by the end of the 13th is one day overdue on the 14th."""
    return (timezone.localtime(now).date() - due_day).days


def due_by_end_of_day(due):
    """True for a milestone due at midnight: it is due by the end of the day before."""
    local = timezone.localtime(due)
    return local.time() == datetime.time()


def agenda_rows(user, now):
    """(overdue, upcoming) items for the user's units, or None when the user has none."""
    scope = agenda_scope(user)
    if scope is not EveryUnit and not scope:
        return None
    upcoming, overdue = agenda(
        now, unit_keys=None if scope is EveryUnit else scope, days_ahead=DAYS_AHEAD
    )
    for item in overdue + upcoming:
        item.units_text = "、".join(item.units)
        item.by_end_of_day = due_by_end_of_day(item.due)
        item.due_day = item.due_day or last_day(item.due)
        item.late_days = days_overdue(item.due_day, now) if item.overdue else 0
    return overdue, upcoming


class AgendaPanel(Component):
    name = "onlinetalk_reminder_agenda"
    template_name = "onlinetalk/reminders/admin/agenda_panel.html"
    order = 80  # with the questions' panel: deadlines first

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        rows = agenda_rows(request.user, timezone.now())
        context["shown"] = rows is not None
        if rows is not None:
            overdue, upcoming = rows
            context["overdue"] = overdue[:SHOWN]
            context["overdue_more"] = max(len(overdue) - SHOWN, 0)
            context["upcoming"] = upcoming[:SHOWN]
            context["upcoming_more"] = max(len(upcoming) - SHOWN, 0)
            context["days_ahead"] = DAYS_AHEAD
        return context


class FailedRemindersPanel(Component):
    name = "onlinetalk_failed_reminders"
    template_name = "onlinetalk/reminders/admin/failed_panel.html"
    order = 70

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        count = failed_count() if is_office_user(request.user) else 0
        context["failed"] = count
        context["report_url"] = reverse("onlinetalk_reminder_log") + "?status=failed"
        return context
