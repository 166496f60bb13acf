"""The edit view's "Submit" on a translation (`before_edit_page`).

wagtail-localize answers a translation's edit view with its own editor, so the edit view's
"action-submit" never reaches Wagtail's code for it: it is answered here, through the same
`submission.submit` as the listing's "Submit for approval" (the edit view checked the edit
permission before the hook runs)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .names import readable_name
from .submission import may_submit, submit, translation_of


def submit_translation(request, page):
    if request.method != "POST" or "action-submit" not in request.POST:
        return None
    if translation_of(page) is None:
        return None
    if not may_submit(page, request.user):
        raise PermissionDenied
    state = submit(page, request.user)
    messages.success(
        request,
        _("“%(title)s” was sent to %(workflow)s.")
        % {
            "title": page.get_admin_display_title(),
            "workflow": readable_name(state.workflow.name),
        },
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
