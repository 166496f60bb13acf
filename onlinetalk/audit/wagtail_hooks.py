"""The audit's admin wiring: the log actions' labels, the audit report (Reports menu), the
"add a person" view (Settings menu), and Wagtail's site history hidden from all but the Office.
Registration only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from onlinetalk.access.scope import is_office_user

from . import log_actions
from .people import ADD_PERSON_ACTION
from .people_views import add_person_view
from .scope import may_read_audit
from .views import AuditReportView

OFFICE_ONLY_REPORT_MENU_ITEMS = {"site-history", "workflows", "workflow-tasks"}


@hooks.register("register_log_actions")
def audit_log_actions(actions):
    log_actions.register(actions)
    actions.register_action(
        ADD_PERSON_ACTION,
        gettext_lazy("Add a person to a role"),
        gettext_lazy("Added to a role"),
    )


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("reports/onlinetalk/audit/", AuditReportView.as_view(), name="onlinetalk_audit"),
        path(
            "reports/onlinetalk/audit/results/",
            AuditReportView.as_view(results_only=True),
            name="onlinetalk_audit_results",
        ),
        path("onlinetalk/people/add/", add_person_view, name="onlinetalk_people_add"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_audit(request.user)


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_office_user(request.user)


@hooks.register("register_reports_menu_item")
def audit_menu_item():
    return AuditMenuItem(
        gettext_lazy("Minsheng Online audit"),
        reverse("onlinetalk_audit"),
        name="onlinetalk-audit",
        icon_name="history",
        order=1010,
    )


@hooks.register("register_settings_menu_item")
def add_person_menu_item():
    return OfficeMenuItem(
        gettext_lazy("Add a person to a unit"),
        reverse("onlinetalk_people_add"),
        name="onlinetalk-people-add",
        icon_name="user",
        order=610,
    )


@hooks.register("construct_reports_menu")
def site_history_for_the_office(request, menu_items):
    # Its URL sends everyone else to the audit report (middleware.py).
    if not is_office_user(request.user):
        menu_items[:] = [
            item for item in menu_items if item.name not in OFFICE_ONLY_REPORT_MENU_ITEMS
        ]
