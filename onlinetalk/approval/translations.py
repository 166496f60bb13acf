"""A translation goes through the column's workflow too.

wagtail-localize takes over a translation's edit view with its own editor, which offers to
publish and nothing else: whoever may not publish (a unit's editors, the Office's editors) could
never send an English version on its way. The edit view's "action-submit" button on a
translation is answered here instead: the translation is saved as a draft and submitted to the
page's workflow, exactly as the source page is.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


def translation_of(page):
    """The enabled wagtail-localize translation whose target is `page`, or None."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def submit_translation(request, page):
    """`before_edit_page`: submit a translation (the edit view checked the edit permission)."""
    if request.method != "POST" or "action-submit" not in request.POST:
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    if not page.permissions_for_user(request.user).can_submit_for_moderation():
        raise PermissionDenied
    with transaction.atomic():
        translation.save_target(user=request.user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
        state = page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            # Sent back for changes: resumed, as Wagtail's edit view does.
            state.resume(request.user)
        else:
            page.get_workflow().start(page, request.user)
    messages.success(
        request, _("'%(title)s' has been submitted for moderation.") % {"title": page.title}
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
