"""Editor-side checks of a session page."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from onlinetalk.conf import get_setting

from .video import check_captions, check_video


class TalkSessionPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
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
