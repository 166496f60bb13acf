"""What is upcoming and what is overdue, for a set of units (the dashboard panel) or for the
whole city (the Office's digest): the same milestones the reminders chase, in a bounded number of
queries."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onlinetalk.conf import get_setting
from onlinetalk.responses.models import OPEN_STATUSES, Commitment
from onlinetalk.sessions.milestones import replies_due

from . import rules


@dataclass
class AgendaItem:
    kind: str
    label: str
    title: str
    units: list
    due: datetime.datetime
    overdue: bool
    url: str
    due_day: datetime.date = None  # the day it is due (a deadline at midnight is the day before's)

    @property
    def days_overdue(self):
        due_day = self.due_day or timezone.localtime(self.due).date()
        return (timezone.localdate() - due_day).days


LABELS = {
    "plan": _("Plan due"),
    "announcement": _("Announcement to be approved"),
    "briefing": _("Questions handed to the leaders"),
    "rehearsal": _("Rehearsal"),
    "live": _("Live exchange"),
    "replies": _("Hot response due"),
    "commitment": _("Commitment due"),
}


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _commitment_url(commitment):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder().get_edit_url(commitment) or ""


def session_items(session, now, scheduled_ids):
    """(kind, due, done) of one session's milestones that the reminders chase."""
    plan_due = rules.end_of_day(rules.plan_due_day(session))
    announced = bool(session.live or session.announced_at or str(session.pk) in scheduled_ids)
    before_start = now < session.start
    items = [
        ("plan", plan_due, session.plan_is_complete or not before_start),
        ("announcement", rules.go_live_of(session), announced or not before_start),
        ("briefing", session.start - datetime.timedelta(minutes=1), now >= session.start),
        ("rehearsal", rules.rehearsal_moment(session), now >= rules.rehearsal_moment(session)),
        ("live", session.start, now >= session.start),
    ]
    if not before_start:
        items.append(("replies", replies_due(session)[0], session.replies_published_at is not None))
    return items


def agenda(now=None, unit_keys=None, days_ahead=14, overdue_only=False):
    """(upcoming, overdue) items for the units with these translation keys (None: every unit)."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=days_ahead)
    sessions = rules.sessions_to_consider(now).filter(
        start__lte=horizon + datetime.timedelta(days=get_setting("PLAN_DAYS_BEFORE") + 1)
    )
    commitments = Commitment.objects.filter(status__in=OPEN_STATUSES, expected_on__isnull=False)
    commitments = commitments.filter(expected_on__lte=horizon.date())
    if unit_keys is not None:
        sessions = sessions.filter(departments__translation_key__in=unit_keys).distinct()
        commitments = commitments.filter(department__translation_key__in=unit_keys)
    sessions = list(sessions)
    upcoming_ids = [session.pk for session in sessions if session.start > now]
    scheduled = rules.approved_for_scheduling(upcoming_ids) if upcoming_ids else set()
    upcoming, overdue = [], []
    for session in sessions:
        units = [unit.name for unit in session.departments.all()]
        for kind, due, done in session_items(session, now, scheduled):
            if done or (due > horizon) or (overdue_only and due > now):
                continue
            item = AgendaItem(
                kind, LABELS[kind], session.title, units, due, due <= now, _edit_url(session.pk)
            )
            (overdue if item.overdue else upcoming).append(item)
    for commitment in commitments.select_related("department").order_by("expected_on", "pk"):
        due = rules.end_of_day(commitment.expected_on)
        if overdue_only and due > now:
            continue
        item = AgendaItem(
            "commitment",
            LABELS["commitment"],
            commitment.text,
            [commitment.department.name],
            due,
            due <= now,
            _commitment_url(commitment),
            due_day=commitment.expected_on,
        )
        (overdue if item.overdue else upcoming).append(item)
    upcoming.sort(key=lambda item: item.due)
    overdue.sort(key=lambda item: item.due)
    return upcoming, overdue
