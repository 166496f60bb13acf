"""The reminders' admin wiring: the dashboard's panels, the reminder log (Reports menu) and its
"Send again" action. Registration only."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import AgendaPanel, FailedRemindersPanel
from .report import ReminderLogReportView
from .views import send_again_view
from .visibility import may_see_reminder_log


@hooks.register("insert_global_admin_css")
def admin_table_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("onlinetalk/css/admin_tables.css")
    )


@hooks.register("construct_homepage_panels")
def reminder_panels(request, panels):
    panels.append(FailedRemindersPanel())
    panels.append(AgendaPanel())


class ReminderLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_reminder_log(request.user)


@hooks.register("register_reports_menu_item")
def reminder_log_menu_item():
    return ReminderLogMenuItem(
        gettext_lazy("Reminder log"),
        reverse("onlinetalk_reminder_log"),
        name="onlinetalk-reminders",
        icon_name="mail",
        order=1170,
    )


@hooks.register("register_admin_urls")
def reminder_urls():
    return [
        path(
            "reports/onlinetalk/reminders/",
            ReminderLogReportView.as_view(),
            name="onlinetalk_reminder_log",
        ),
        path(
            "reports/onlinetalk/reminders/results/",
            ReminderLogReportView.as_view(results_only=True),
            name="onlinetalk_reminder_log_results",
        ),
        path(
            "reports/onlinetalk/reminders/<int:row_id>/send-again/",
            send_again_view,
            name="onlinetalk_reminder_send_again",
        ),
    ]
