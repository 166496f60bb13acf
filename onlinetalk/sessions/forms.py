"""Editor-side checks of a session page."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from onlinetalk.access.page_permissions import is_office, unit_keys_of_user
from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department

from .video import check_captions, check_video


class TalkSessionPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._own_unit_keys = self._units_of_a_unit_user()
        if self._own_unit_keys is not None and "departments" in self.fields:
            field = self.fields["departments"]
            field.queryset = field.queryset.filter(
                Q(translation_key__in=self._own_unit_keys) | Q(pk__in=self._current_unit_pks())
            )
            field.help_text = _(
                "Your own unit(s). A joint session keeps the other units it already has."
            )

    def _units_of_a_unit_user(self):
        """The unit keys of a unit's editor (who offers only their own units); None for the
        Office and superusers, who offer every unit."""
        user = getattr(self, "for_user", None)
        if user is None or user.is_superuser or is_office(user):
            return None
        return unit_keys_of_user(user)

    def _current_unit_pks(self):
        if not self.instance.pk:
            return []
        # The edit view's instance comes from a revision: its relation is modelcluster's
        # in-memory queryset, which knows no "pk" lookup.
        return [unit.pk for unit in self.instance.departments.all()]

    def _keep_other_units(self, cleaned_data):
        """A unit's editor chooses among their own units; the units of others that a joint
        session already has stay, and at least one of theirs must remain (or the page would
        no longer be theirs)."""
        chosen = cleaned_data.get("departments")
        if self._own_unit_keys is None or chosen is None:
            return
        own = [unit.pk for unit in chosen if unit.translation_key in self._own_unit_keys]
        if not own:
            self.add_error("departments", _("Choose at least one of your own units."))
            return
        current = self.instance.departments.all() if self.instance.pk else []
        others = [unit.pk for unit in current if unit.translation_key not in self._own_unit_keys]
        cleaned_data["departments"] = Department.objects.filter(pk__in=own + others)

    def clean(self):
        cleaned_data = super().clean()
        self._keep_other_units(cleaned_data)
        start = cleaned_data.get("start")
        self._check_year(start)
        self._check_leaders(cleaned_data.get("departments"))
        for field, check in (
            ("recorded_video", check_video),
            ("recorded_video_captions", check_captions),
        ):
            try:
                check(cleaned_data.get(field))
            except Exception as error:  # ValidationError with the reason
                self.add_error(field, error)
        if start and not self.instance.pk and not cleaned_data.get("go_live_at"):
            # The announcement goes live a week ahead (scheduled publishing); editable.
            go_live = start - datetime.timedelta(days=get_setting("ANNOUNCEMENT_DAYS_BEFORE"))
            if go_live > timezone.now():
                cleaned_data["go_live_at"] = go_live
        return cleaned_data

    def _programme_year(self):
        """The year of the programme the session is filed under (its parent, a year page)."""
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return getattr(parent.specific, "year", None) if parent is not None else None

    def _check_year(self, start):
        year = self._programme_year()
        if start and year and timezone.localtime(start).year != year:
            self.add_error(
                "start",
                _("This session is under the %(year)s programme but starts in %(other)s.")
                % {"year": year, "other": timezone.localtime(start).year},
            )

    def _check_leaders(self, departments):
        formset = self.formsets.get("session_leaders")
        if formset is None or departments is None or not formset.is_valid():
            return
        unit_keys = {unit.translation_key for unit in departments}
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                continue
            leader = form.cleaned_data.get("leader")
            if leader and leader.department.translation_key not in unit_keys:
                form.add_error(
                    "leader",
                    _("%(leader)s belongs to %(unit)s, which is not a unit of this session.")
                    % {"leader": leader.name, "unit": leader.department.name},
                )
