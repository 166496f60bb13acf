"""Where the admin offers "Submit for approval" for a page edited in the translation editor."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus.pages import PageMenuItem

from onlinetalk.access.page_permissions import UnitScopedPage

from .submission import edited_elsewhere, may_submit


class SubmitForApprovalButton(PageMenuItem):
    label = _("Submit for approval")
    icon_name = "tasks"
    priority = 15

    @property
    def url(self):
        return reverse("onlinetalk_submit_for_approval", args=[self.page.pk])

    def is_shown(self, user):
        page = self.page
        if not page.has_unpublished_changes or page.workflow_in_progress:
            return False
        return edited_elsewhere(page) and may_submit(page.specific, user)


def submit_buttons(page, user, **kwargs):
    # Only the column's page types; every other page costs nothing.
    if page.specific_class is not None and issubclass(page.specific_class, UnitScopedPage):
        yield SubmitForApprovalButton(page=page)
