"""The column's audit report: Wagtail's site-history report narrowed to the column's pages and
the reader's units, with a filter by unit (the user, action and date filters are Wagtail's)."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import IntegerField, Value
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleUserFilter, UserModelMultipleChoiceField
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import Locale, PageLogEntry

from onlinetalk.access.scope import units_for_user

from .fields import IdChecked, is_id
from .scope import entries_for_user, may_read_audit, pages_of_units


class UnitChoiceField(IdChecked, django_filters.fields.ModelChoiceField):
    pass


class UserChoiceField(UserModelMultipleChoiceField):
    def clean(self, value):
        for pk in value or ():
            if not is_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super().clean(value)


class UserFilter(MultipleUserFilter):
    field_class = UserChoiceField


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


def unit_choices(request):
    """The reader's units, once each (the default-language row)."""
    return units_for_user(request.user).filter(locale=Locale.get_default()).order_by("name")


class AuditFilterSet(HistoryFilterSet):
    unit = UnitFilter(label=_("Pages of the unit"), queryset=unit_choices, method="filter_unit")
    user = UserFilter(label=_("User"), widget=forms.CheckboxSelectMultiple)
    label = django_filters.CharFilter(label=_("Page"), lookup_expr="icontains")

    def filter_unit(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(pages_of_units([value.translation_key]))

    class Meta:
        model = PageLogEntry
        fields = []


class AuditReportView(LogEntriesView):
    page_title = _("Minsheng Online audit")
    filterset_class = AuditFilterSet
    index_url_name = "onlinetalk_audit"
    index_results_url_name = "onlinetalk_audit_results"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_audit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def entries(self):
        return entries_for_user(self.request.user)

    def get_filterset_kwargs(self):
        # The filters' choices (actions, users) come from the entries the reader may read.
        return {**super().get_filterset_kwargs(), "queryset": self.entries}

    def get_filtered_queryset(self):
        self.log_models = [PageLogEntry]
        entries = self.entries.values("pk", "timestamp").annotate(
            log_model_index=Value(0, output_field=IntegerField())
        )
        return self.filter_queryset(entries).order_by("-timestamp", "-pk")

    def get_filename(self):
        return "minsheng-online-audit-{}".format(datetime.date.today().strftime("%Y-%m-%d"))
