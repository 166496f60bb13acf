"""The reminder log in the admin's Reports menu: every reminder claimed, to whom, about what,
and whether it went out — the failed ones marked, and for the Office a button that sends a
failed one again. Filters by status, reminder, unit and the day it was claimed.

The Office sees every row, a unit's people the rows of their units (visibility.py); anyone else
is refused (Wagtail's answer to PermissionDenied). The rows cost the same queries whatever their
number: the unit and recipient are joined, the session's title and the commitment's text
annotated."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import AdminDateInput

from onlinetalk.departments.models import Department
from onlinetalk.request_memo import default_locale

from .models import DeliveryStatus, ReminderLog, ReminderRule
from .visibility import (
    EveryUnit,
    agenda_scope,
    may_see_reminder_log,
    may_send_again,
    reminder_log_for,
)

TEMPLATES = "onlinetalk/reminders/admin/"
COMMITMENT_EDIT = "wagtailsnippets_onlinetalk_commitment:edit"


def unit_choices(user):
    """(translation key, name) of the units the user may filter by, default language."""
    scope = agenda_scope(user)
    units = Department.objects.filter(locale=default_locale()).order_by("name")
    if scope is not EveryUnit:
        units = units.filter(translation_key__in=scope)
    return [(str(key), name) for key, name in units.values_list("translation_key", "name")]


class ReminderLogFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DeliveryStatus.choices, empty_label=_("All statuses")
    )
    rule = django_filters.ChoiceFilter(
        label=_("Reminder"), choices=ReminderRule.choices, empty_label=_("All reminders")
    )
    unit = django_filters.ChoiceFilter(
        label=_("Unit"),
        field_name="department__translation_key",
        choices=[],
        empty_label=_("All units"),
    )
    date_from = django_filters.DateFilter(
        label=_("Claimed from"),
        field_name="claimed_at",
        lookup_expr="date__gte",
        widget=AdminDateInput,
    )
    date_to = django_filters.DateFilter(
        label=_("Claimed until"),
        field_name="claimed_at",
        lookup_expr="date__lte",
        widget=AdminDateInput,
    )

    class Meta:
        model = ReminderLog
        fields = ["status", "rule", "unit", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request is not None else None
        self.filters["unit"].extra["choices"] = unit_choices(user) if user else []


def about_text(row):
    if row.session_id:
        return row.session_title
    if row.commitment_id:
        return row.commitment_text
    return _("The Office's overdue digest")


def about_url(row):
    if row.session_id:
        return reverse("wagtailadmin_pages:edit", args=[row.session_id])
    if row.commitment_id:
        return reverse(COMMITMENT_EDIT, args=[row.commitment_id])
    return None


def recipient_name(row):
    user = row.recipient
    return (user.get_full_name() or "").strip() or user.get_username()


class MomentColumn(Column):
    """A date and time as the column writes them (2022年9月27日 09:05 / 27 September 2022, 09:05)."""

    cell_template_name = TEMPLATES + "moment_cell.html"


class AboutColumn(Column):
    cell_template_name = TEMPLATES + "about_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = about_url(instance)
        return context


class DeliveryColumn(Column):
    """The status as a tag that says it in words; a failed row's tag stands out."""

    cell_template_name = TEMPLATES + "status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["failed"] = instance.status == DeliveryStatus.FAILED
        context["sent"] = instance.status == DeliveryStatus.SENT
        return context


class SendAgainColumn(Column):
    cell_template_name = TEMPLATES + "send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["failed"] = instance.status == DeliveryStatus.FAILED
        context["action"] = reverse("onlinetalk_reminder_send_again", args=[instance.pk])
        # A cell renders outside the request's context: the form needs its token given.
        context["csrf_token"] = get_token(parent_context["request"])
        return context


class ReminderLogReportView(ReportView):
    page_title = _("Reminder log")
    header_icon = "mail"
    filterset_class = ReminderLogFilterSet
    index_url_name = "onlinetalk_reminder_log"
    index_results_url_name = "onlinetalk_reminder_log_results"
    results_template_name = TEMPLATES + "log_results.html"  # the table scrolls on a phone
    model = ReminderLog
    default_ordering = "-claimed_at"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_see_reminder_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def columns(self):
        columns = [
            MomentColumn("claimed_at", label=_("Claimed"), sort_key="claimed_at"),
            Column("rule", label=_("Reminder"), accessor="get_rule_display"),
            AboutColumn("about", label=_("About"), accessor=about_text),
            Column("unit", label=_("Unit"), accessor="department.name"),
            Column("recipient", label=_("Recipient"), accessor=recipient_name),
            DeliveryColumn("status", label=_("Status"), accessor="get_status_display"),
            Column("attempts", label=_("Attempts")),
            Column("last_error", label=_("Last error")),
            MomentColumn("sent_at", label=_("Sent at"), sort_key="sent_at"),
        ]
        if may_send_again(self.request.user):
            columns.append(SendAgainColumn("send_again", label=_("Action"), accessor="pk"))
        return columns

    def get_base_queryset(self):
        return (
            reminder_log_for(self.request.user)
            .select_related("department", "recipient")
            .annotate(session_title=F("session__title"), commitment_text=F("commitment__text"))
        )

    def order_queryset(self, queryset):
        ordering = self.ordering
        return queryset.order_by(ordering, "-pk" if ordering.startswith("-") else "pk")
