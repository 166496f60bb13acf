"""The extension's admin wiring: menus, viewsets and hooks. Registration only: what a hook does
lives in the package of its concept, and each feature registers its own hooks (imported here,
since Wagtail loads one wagtail_hooks module per app)."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from onlinetalk.access.listing import drop_refused_listing_buttons
from onlinetalk.approval import wagtail_hooks as approval_hooks
from onlinetalk.audit import wagtail_hooks as audit_hooks
from onlinetalk.departments.models import Department, Leader
from onlinetalk.inspection import wagtail_hooks as inspection_hooks
from onlinetalk.live import wagtail_hooks as live_hooks
from onlinetalk.questions import wagtail_hooks as question_hooks
from onlinetalk.questions.viewsets import (
    CitizenQuestionViewSet,
    QuestionCategoryViewSet,
    ReviewWordViewSet,
)
from onlinetalk.reminders import wagtail_hooks as reminder_hooks
from onlinetalk.responses import wagtail_hooks as responses_hooks
from onlinetalk.responses.commitment_viewsets import CommitmentViewSet
from onlinetalk.schedule.editor_messages import warn_about_uncovered_months
from onlinetalk.search import wagtail_hooks as search_hooks
from onlinetalk.sessions.editor_messages import warn_about_start_in_the_past
from onlinetalk.snippets import BoundedSearchIndexView, DefaultLocaleIndexView
from onlinetalk.workdays.models import HolidayArrangement

FEATURE_HOOKS = [
    question_hooks,
    live_hooks,
    responses_hooks,
    approval_hooks,
    audit_hooks,
    inspection_hooks,
    reminder_hooks,
    search_hooks,
]  # each feature's registrations, loaded with this module


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = gettext_lazy("Units")
    list_display = ["name", "short_name", "reminder_email", "locale"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]
    index_view_class = DefaultLocaleIndexView


class LeaderViewSet(SnippetViewSet):
    model = Leader
    icon = "user"
    menu_label = gettext_lazy("Leaders")
    list_display = ["name", "position", "department", "locale"]
    list_filter = ["department"]
    search_fields = ["name", "position"]
    ordering = ["name"]
    index_view_class = DefaultLocaleIndexView


class HolidayArrangementViewSet(SnippetViewSet):
    model = HolidayArrangement
    icon = "date"
    menu_label = gettext_lazy("Holiday arrangements")
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    ordering = ["-date"]
    index_view_class = BoundedSearchIndexView


class MinshengOnlineGroup(SnippetViewSetGroup):
    items = (
        CitizenQuestionViewSet,
        QuestionCategoryViewSet,
        ReviewWordViewSet,
        CommitmentViewSet,
        DepartmentViewSet,
        LeaderViewSet,
        HolidayArrangementViewSet,
    )
    menu_icon = "group"
    menu_label = gettext_lazy("Minsheng Online")
    menu_name = "minsheng-online"
    menu_order = 210


register_snippet(MinshengOnlineGroup)

hooks.register("after_create_page", warn_about_uncovered_months)
hooks.register("after_edit_page", warn_about_uncovered_months)
hooks.register("after_create_page", warn_about_start_in_the_past)
hooks.register("construct_page_listing_buttons", drop_refused_listing_buttons)
