"""Sending a page to the workflow without Wagtail's edit view.

The English version of a page is edited in wagtail-localize's translation editor, which offers
"save" and "publish" only: an editor who may not publish could save a translation but never
send it to approval. These functions do what the edit view's "Submit" does — start the
workflow, or resume it after changes were requested — under the same permission checks."""

from django.core.exceptions import PermissionDenied
from wagtail.models import WorkflowState


def may_submit(page, user):
    permissions = page.permissions_for_user(user)
    return (
        permissions.can_edit()
        and permissions.can_submit_for_moderation()
        and page.get_workflow() is not None
        and page.get_latest_revision() is not None
    )


def submit(page, user):
    """Start (or resume) the page's workflow on its latest revision; returns the state."""
    if not may_submit(page, user):
        raise PermissionDenied
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    return page.get_workflow().start(page, user)


def edited_elsewhere(page):
    """Whether the page's edit view is wagtail-localize's translation editor (no "Submit")."""
    from wagtail_localize.models import Translation

    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).exists()
