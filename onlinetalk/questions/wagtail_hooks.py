"""The question board's admin wiring: its policy, viewsets' bulk actions, briefing views, the
dashboard panel and its plug-ins on the session page and the column. Registration only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from onlinetalk.features import FEATURE_HOOK

from . import admin_views
from .bulk_actions import AcceptBulkAction, CategoriseBulkAction, MergeBulkAction, RejectBulkAction
from .dashboard import PendingQuestionsPanel
from .features import QUESTION_BOARD, QUESTION_LOOKUP
from .models import CitizenQuestion
from .permissions import question_policy

# Before the viewsets are registered, so that they pick up the policy.
register_permission_policy(CitizenQuestion, question_policy)

for bulk_action in (AcceptBulkAction, RejectBulkAction, CategoriseBulkAction, MergeBulkAction):
    hooks.register("register_bulk_action", bulk_action)

hooks.register(FEATURE_HOOK, lambda: QUESTION_BOARD)
hooks.register(FEATURE_HOOK, lambda: QUESTION_LOOKUP)


@hooks.register("register_admin_urls")
def briefing_urls():
    return [
        path("onlinetalk/briefings/", admin_views.briefing_index, name="onlinetalk_briefings"),
        path(
            "onlinetalk/briefings/<int:session_id>/",
            admin_views.briefing,
            name="onlinetalk_briefing",
        ),
    ]


class BriefingMenuItem(MenuItem):
    def is_shown(self, request):
        return question_policy.user_has_permission(request.user, "view")


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
def briefing_log_actions(actions):
    actions.register_action(
        admin_views.CONTACT_EXPORT_ACTION,
        gettext_lazy("Briefing with contacts exported"),
        gettext_lazy("Briefing with contacts exported"),
    )
