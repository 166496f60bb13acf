"""What an editor is told after saving a year page: the months the notice wants covered."""

from django.contrib import messages
from django.utils.translation import gettext as _

from .models import AnnualSchedulePage
from .months import month_label


def warn_about_uncovered_months(request, page):
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
