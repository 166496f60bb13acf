from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from onlinetalk.departments.models import Department
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.schedule.months import month_label


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = gettext_lazy("Units")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "short_name", "reminder_email", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]


register_snippet(DepartmentViewSet)


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
