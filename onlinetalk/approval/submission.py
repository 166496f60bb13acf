"""Sending a page to the workflow without Wagtail's edit view.

The English version of a page is edited in wagtail-localize's translation editor, which offers
"save" and "publish" only: an editor who may not publish could save a translation but never
send it to approval. These functions do what the edit view's "Submit" does — start the
workflow, or resume it after changes were requested — under the same permission checks, after
saving what the translation editor holds as the page's latest draft."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation


def translation_of(page):
    """The enabled wagtail-localize translation whose target is `page`, or None."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()


def edited_elsewhere(page):
    """Whether the page's edit view is wagtail-localize's translation editor (no "Submit")."""
    return translation_of(page) is not None


def may_submit(page, user):
    permissions = page.permissions_for_user(user)
    return (
        permissions.can_edit()
        and permissions.can_submit_for_moderation()
        and page.get_workflow() is not None
    )


@transaction.atomic
def submit(page, user):
    """Save the translation editor's text as a draft (for a translation), then start the
    page's workflow on its latest revision, or resume it after changes; returns the state."""
    if not may_submit(page, user):
        raise PermissionDenied
    translation = translation_of(page)
    if translation is not None:
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
    elif page.get_latest_revision() is None:
        page.save_revision(user=user)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    return page.get_workflow().start(page, user)
