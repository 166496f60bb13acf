"""The report of due and overdue replies in the admin's Reports menu. Registration only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .report import RepliesDueReportView, may_see_report


class RepliesDueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def replies_due_menu_item():
    return RepliesDueMenuItem(
        gettext_lazy("Replies due"),
        reverse("onlinetalk_replies_due"),
        name="onlinetalk-replies-due",
        icon_name="time",
        order=1150,
    )


@hooks.register("register_admin_urls")
def replies_due_urls():
    return [
        path(
            "reports/onlinetalk/replies-due/",
            RepliesDueReportView.as_view(),
            name="onlinetalk_replies_due",
        ),
        path(
            "reports/onlinetalk/replies-due/results/",
            RepliesDueReportView.as_view(results_only=True),
            name="onlinetalk_replies_due_results",
        ),
    ]
