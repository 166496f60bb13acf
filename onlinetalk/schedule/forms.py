"""Editor-side validation of a year page: the notice's rules, shown on the fields they concern."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .rules import PlannedSlot, programme_span_error, slot_problems


class AnnualSchedulePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        first_month = cleaned_data.get("first_month")
        last_month = cleaned_data.get("last_month")
        span_error = programme_span_error(first_month, last_month)
        if span_error:
            self.add_error("last_month", span_error)
        self._check_year_is_unique(cleaned_data.get("year"))
        if first_month and last_month and not span_error:
            self._check_slots(first_month, last_month)
        return cleaned_data

    def _check_year_is_unique(self, year):
        parent = getattr(self, "parent_page", None)
        if not year or parent is None:
            return
        siblings = type(self.instance).objects.child_of(parent).filter(year=year)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.exists():
            self.add_error(
                "year", _("This column already has a page for %(year)s.") % {"year": year}
            )

    def _check_slots(self, first_month, last_month):
        formset = self.formsets.get("schedule_slots")
        if formset is None or not formset.is_valid():
            # Field-level errors are already shown; the cross-row rules need clean rows.
            return
        rows = [
            form
            for form in formset.forms
            if form.has_changed() or form.instance.pk
            if not (formset.can_delete and formset._should_delete_form(form))
        ]
        planned = [
            PlannedSlot(
                form.cleaned_data.get("month"), list(form.cleaned_data.get("departments") or [])
            )
            for form in rows
        ]
        for problem in slot_problems(first_month, last_month, planned):
            rows[problem.index].add_error(problem.field, problem.message)
