from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from onlinetalk.departments.models import Department, Leader
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.schedule.months import month_label
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.workdays.models import HolidayArrangement


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = gettext_lazy("Units")
    list_display = ["name", "short_name", "reminder_email", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = gettext_lazy("Leaders")
    list_display = ["name", "position", "department", "locale"]
    list_filter = ["locale", "department"]
    search_fields = ["name", "position"]
    ordering = ["name"]


class HolidayArrangementViewSet(SnippetViewSet):
    model = HolidayArrangement
    icon = "date"
    menu_label = gettext_lazy("Holiday arrangements")
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    ordering = ["-date"]


class MinshengOnlineGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, LeaderViewSet, HolidayArrangementViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Minsheng Online")
    menu_name = "minsheng-online"
    menu_order = 210


register_snippet(MinshengOnlineGroup)


def _warn_about_uncovered_months(request, page):
    page = page.specific
    if not isinstance(page, AnnualSchedulePage):
        return
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    months = draft.uncovered_months()
    if months:
        messages.warning(
            request,
            _(
                "No session is planned yet for: %(months)s. The notice asks for at least one a month."
            )
            % {"months": "、".join(str(month_label(month)) for month in months)},
        )


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_uncovered_months(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_uncovered_months(request, page)


@hooks.register("after_create_page")
def warn_about_start_in_the_past(request, page):
    page = page.specific
    if isinstance(page, TalkSessionPage) and page.start and page.start < timezone.now():
        messages.warning(
            request,
            _("This session's start time is in the past. Check the date if this is a new session."),
        )
