from django.contrib import messages
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from onlinetalk.departments.models import Department, Leader
from onlinetalk.questions import admin_views as question_admin_views
from onlinetalk.questions.bulk_actions import (
    AcceptBulkAction,
    CategoriseBulkAction,
    MergeBulkAction,
    RejectBulkAction,
)
from onlinetalk.questions.dashboard import PendingQuestionsPanel
from onlinetalk.questions.models import CitizenQuestion
from onlinetalk.questions.viewsets import (
    CitizenQuestionViewSet,
    QuestionCategoryViewSet,
    QuestionPermissionPolicy,
    ReviewWordViewSet,
)
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
    items = (
        CitizenQuestionViewSet,
        QuestionCategoryViewSet,
        ReviewWordViewSet,
        DepartmentViewSet,
        LeaderViewSet,
        HolidayArrangementViewSet,
    )
    menu_icon = "group"
    menu_label = gettext_lazy("Minsheng Online")
    menu_name = "minsheng-online"
    menu_order = 210


# Before the viewsets are registered, so that they pick up the policy.
register_permission_policy(CitizenQuestion, QuestionPermissionPolicy(CitizenQuestion))
register_snippet(MinshengOnlineGroup)

for bulk_action in (AcceptBulkAction, RejectBulkAction, CategoriseBulkAction, MergeBulkAction):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_urls")
def question_briefing_urls():
    return [
        path(
            "onlinetalk/briefings/",
            question_admin_views.briefing_index,
            name="onlinetalk_briefings",
        ),
        path(
            "onlinetalk/briefings/<int:session_id>/",
            question_admin_views.briefing,
            name="onlinetalk_briefing",
        ),
    ]


class BriefingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("onlinetalk.view_citizenquestion")


@hooks.register("register_admin_menu_item")
def briefing_menu_item():
    return BriefingMenuItem(
        gettext_lazy("Leader briefings"),
        reverse("onlinetalk_briefings"),
        icon_name="doc-full",
        order=211,
    )


@hooks.register("construct_homepage_panels")
def pending_questions_panel(request, panels):
    panels.append(PendingQuestionsPanel())


@hooks.register("register_log_actions")
def question_log_actions(actions):
    actions.register_action(
        question_admin_views.CONTACT_EXPORT_ACTION,
        gettext_lazy("Briefing with contacts exported"),
        gettext_lazy("Briefing with contacts exported"),
    )


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
