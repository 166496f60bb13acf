"""The statistics in the admin's Reports menu and the inspection workbook's URL. Registration
only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import may_see_statistics
from .views import StatisticsView, inspection_workbook_view


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_statistics(request.user)


@hooks.register("register_reports_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem(
        gettext_lazy("Statistics"),
        reverse("onlinetalk_statistics"),
        name="onlinetalk-statistics",
        icon_name="table",
        order=1160,
    )


@hooks.register("register_admin_urls")
def statistics_urls():
    return [
        path(
            "reports/onlinetalk/statistics/",
            StatisticsView.as_view(),
            name="onlinetalk_statistics",
        ),
        path(
            "reports/onlinetalk/inspection/<int:year>.xlsx",
            inspection_workbook_view,
            name="onlinetalk_inspection_workbook",
        ),
    ]
