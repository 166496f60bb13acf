"""The admin's report of replies due and overdue: every ended session (its page in the default
language, neither postponed nor cancelled) whose hot response is not published yet, with the
working days left or late; on request also those whose replies came late. Filters by unit and
year; CSV and XLSX export as Wagtail's own reports do it.

The Office sees every session, a unit's groups their own units' sessions
(`access.scope.units_for_user`); anyone else is refused. Working days come from one calendar
for the listed sessions (responses/timeliness.py), not one per session.
"""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.defaults import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, WorkflowState

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.departments.models import Department
from onlinetalk.request_memo import default_locale
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import ScheduleChange

from .models import HotResponsePage
from .timeliness import Timeliness

# duration_minutes is a PositiveSmallIntegerField: no session lasts longer.
LONGEST_SESSION = datetime.timedelta(minutes=32767)


class Replies:
    """Which sessions the report lists (the `replies` filter)."""

    AWAITING = "awaiting"  # not published yet: due or overdue (the default)
    OVERDUE = "overdue"  # not published, past the deadline
    LATE = "late"  # published after the deadline
    AWAITING_OR_LATE = "awaiting_or_late"

    CHOICES = [
        (AWAITING, gettext_lazy("Not published yet (due or overdue)")),
        (OVERDUE, gettext_lazy("Overdue")),
        (LATE, gettext_lazy("Published late")),
        (AWAITING_OR_LATE, gettext_lazy("Not published yet, or published late")),
    ]


class ResponseStatus:
    NONE = "none"
    DRAFT = "draft"
    IN_MODERATION = "in_moderation"
    PUBLISHED = "published"

    LABELS = {
        NONE: gettext_lazy("None"),
        DRAFT: gettext_lazy("Draft"),
        IN_MODERATION: gettext_lazy("In moderation"),
        PUBLISHED: gettext_lazy("Published"),
    }


def may_see_report(user):
    """The Office, and the groups of a unit; nobody else."""
    return is_office_user(user) or units_for_user(user).exists()


def _year_choices():
    years = (
        AnnualSchedulePage.objects.filter(locale=default_locale())
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


def _units(request):
    return (
        units_for_user(request.user).filter(locale=default_locale()).order_by("name")
        if request is not None
        else Department.objects.none()
    )


def _local_year_range(year):
    zone = timezone.get_current_timezone()
    first = datetime.datetime(year, 1, 1, tzinfo=zone)
    return first, first.replace(year=year + 1)


class RepliesDueFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"),
        field_name="departments",
        queryset=_units,
        empty_label=gettext_lazy("All units"),
    )
    year = django_filters.ChoiceFilter(
        label=gettext_lazy("Year"),
        choices=_year_choices,
        method="filter_year",
        empty_label=gettext_lazy("All years"),
    )
    replies = django_filters.ChoiceFilter(
        label=gettext_lazy("Replies"),
        choices=Replies.CHOICES,
        method="keep_for_the_view",  # the view applies it: it needs the working days
        empty_label=None,
    )

    class Meta:
        model = TalkSessionPage
        fields = ["unit", "year", "replies"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The report lists the sessions' pages in the default language only.
        self.filters.pop("locale", None)

    def filter_year(self, queryset, name, value):
        first, after = _local_year_range(int(value))
        return queryset.filter(start__gte=first, start__lt=after)

    def keep_for_the_view(self, queryset, name, value):
        return queryset


def _working_days_text(row):
    timing = row.punctuality
    if row.replies_published_at is not None:
        if timing.late:
            return ngettext(
                "Published %(days)s working day late",
                "Published %(days)s working days late",
                timing.working_days_late,
            ) % {"days": timing.working_days_late}
        return _("Published on time")
    if timing.late:
        return ngettext(
            "%(days)s working day late", "%(days)s working days late", timing.working_days_late
        ) % {"days": timing.working_days_late}
    if timing.working_days_left == 0:
        return _("Due today")
    return ngettext(
        "%(days)s working day left", "%(days)s working days left", timing.working_days_left
    ) % {"days": timing.working_days_left}


class RepliesDueReportView(ReportView):
    page_title = gettext_lazy("Replies due")
    header_icon = "time"
    filterset_class = RepliesDueFilterSet
    index_url_name = "onlinetalk_replies_due"
    index_results_url_name = "onlinetalk_replies_due_results"
    model = TalkSessionPage
    default_ordering = "start"
    paginate_by = 50
    list_export = [
        "title",
        "units_text",
        "session_date",
        "replies_due",
        "working_days_left",
        "working_days_late",
        "replies_published_on",
        "response_status_label",
        "edit_url",
    ]

    @cached_property
    def export_headings(self):
        return {
            "title": _("Session"),
            "units_text": _("Units"),
            "session_date": _("Date"),
            "replies_due": _("Replies due"),
            "working_days_left": _("Working days left"),
            "working_days_late": _("Working days late"),
            "replies_published_on": _("Replies published on"),
            "response_status_label": _("Hot response"),
            "edit_url": _("Edit"),
        }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Session"),
                get_url=lambda row: row.edit_url,
                sort_key="title",
            ),
            Column("units_text", label=_("Units")),
            Column("session_date", label=_("Date"), sort_key="start"),
            Column("replies_due", label=_("Replies due")),
            Column("working_days_text", label=_("Working days left or late")),
            Column("response_status_label", label=_("Hot response")),
        ]

    def dispatch(self, request, *args, **kwargs):
        # A plain 403 (Wagtail would turn a PermissionDenied into a redirect to the dashboard).
        if not may_see_report(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def stream_csv(self, queryset):
        # Written while the request's admin language is active (a generator would run after
        # the view, in the site's default language).
        return list(super().stream_csv(queryset))

    def get_filename(self):
        return f"replies-due-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def now(self):
        return timezone.now()

    @cached_property
    def replies(self):
        filters = self.filters
        if filters is not None and filters.is_valid():
            return filters.form.cleaned_data.get("replies") or Replies.AWAITING
        return Replies.AWAITING

    def _scoped(self):
        """Ended sessions of the user's units, default language, as planned."""
        sessions = TalkSessionPage.objects.filter(
            locale=default_locale(), start__lte=self.now
        ).exclude(schedule_change__in=(ScheduleChange.POSTPONED, ScheduleChange.CANCELLED))
        # Started but not ended yet (live now): the end is start + duration, which SQLite cannot
        # compute in a query; such sessions started less than the longest duration ago.
        recent = sessions.filter(start__gt=self.now - LONGEST_SESSION).values_list(
            "pk", "start", "duration_minutes"
        )
        running = [
            pk
            for pk, start, minutes in recent
            if start + datetime.timedelta(minutes=minutes) > self.now
        ]
        sessions = sessions.exclude(pk__in=running)
        if not is_office_user(self.request.user):
            own = TalkSessionPage.objects.filter(departments__in=units_for_user(self.request.user))
            sessions = sessions.filter(pk__in=own.values("pk"))
        return sessions

    def _late_ones(self, sessions):
        """The pks of the published sessions whose replies came after the deadline."""
        published = list(
            sessions.filter(replies_published_at__isnull=False).only(
                "pk", "start", "replies_published_at"
            )
        )
        timeliness = Timeliness(published, self.now)
        return [session.pk for session in published if timeliness.of(session).late]

    def _overdue_ones(self, sessions):
        waiting = list(sessions.filter(replies_published_at__isnull=True).only("pk", "start"))
        timeliness = Timeliness(waiting, self.now)
        return [session.pk for session in waiting if timeliness.of(session).late]

    def get_base_queryset(self):
        sessions = self._scoped()
        awaiting = sessions.filter(replies_published_at__isnull=True)
        if self.replies == Replies.OVERDUE:
            return sessions.filter(pk__in=self._overdue_ones(sessions))
        if self.replies == Replies.LATE:
            return sessions.filter(pk__in=self._late_ones(sessions))
        if self.replies == Replies.AWAITING_OR_LATE:
            return awaiting | sessions.filter(pk__in=self._late_ones(sessions))
        return awaiting

    def get_valid_orderings(self):
        return ["start", "-start", "title", "-title"]

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if not rows:
            return rows
        pks = [row.pk for row in rows]
        units = {}
        for session_id, name in TalkSessionPage.departments.through.objects.filter(
            talksessionpage_id__in=pks
        ).values_list("talksessionpage_id", "department__name"):
            units.setdefault(session_id, []).append(name)
        statuses = _response_statuses(pks)
        timeliness = Timeliness(rows, self.now)
        for row in rows:
            row.punctuality = timeliness.of(row)
            row.units_text = "、".join(sorted(units.get(row.pk, [])))
            row.session_date = timezone.localtime(row.start).date()
            row.replies_due = row.punctuality.due
            row.working_days_left = row.punctuality.working_days_left
            row.working_days_late = row.punctuality.working_days_late
            row.replies_published_on = row.punctuality.published
            row.working_days_text = _working_days_text(row)
            status = statuses.get(row.pk, ResponseStatus.NONE)
            row.response_status = status
            row.response_status_label = str(ResponseStatus.LABELS[status])
            row.edit_url = self.request.build_absolute_uri(
                reverse("wagtailadmin_pages:edit", args=[row.pk])
            )
        return rows


def _response_statuses(session_ids):
    """{session id: ResponseStatus} of the sessions' hot responses in the default language."""
    in_moderation = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    rows = (
        HotResponsePage.objects.filter(session_id__in=session_ids, locale=default_locale())
        .annotate(in_moderation=Exists(in_moderation))
        .values_list("session_id", "live", "in_moderation")
    )
    ranks = [
        ResponseStatus.NONE,
        ResponseStatus.DRAFT,
        ResponseStatus.IN_MODERATION,
        ResponseStatus.PUBLISHED,
    ]
    statuses = {}
    for session_id, live, moderated in rows:
        if live:
            status = ResponseStatus.PUBLISHED
        elif moderated:
            status = ResponseStatus.IN_MODERATION
        else:
            status = ResponseStatus.DRAFT
        known = statuses.get(session_id, ResponseStatus.NONE)
        statuses[session_id] = max(known, status, key=ranks.index)
    return statuses
