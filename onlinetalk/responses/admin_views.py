"""The "Create hot response" action of a session: POST only, for those who may make its response
(permissions.py), once it has ended. It makes the pre-filled draft (or finds the response the
session has) and opens it in the editor."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onlinetalk.sessions.models import TalkSessionPage

from .prefill import (
    PrefillError,
    check_may_draft,
    draft_response,
    existing_response,
    response_column,
    source_session,
)
from .response_permissions import may_add_under, may_respond_for


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@require_POST
def create_response(request, session_id):
    # `id`, not `pk`: an id past the integer range is "no match", not an error.
    session = TalkSessionPage.objects.filter(id=session_id).first()
    if session is None or not may_respond_for(request.user, session):
        raise Http404  # another unit's session is not found: nothing of it is shown
    session = source_session(session)
    existing = existing_response(session)
    if existing is not None:
        return redirect(_edit_url(existing))
    try:
        check_may_draft(session)
    except PrefillError as error:
        messages.error(request, error.message)
        return redirect(_edit_url(session))
    if not may_add_under(request.user, response_column(session)):
        messages.error(
            request,
            _(
                "You may not add pages to the hot responses column: ask the portal office to "
                "create the draft or to give your group that permission."
            ),
        )
        return redirect(_edit_url(session))
    try:
        drafted = draft_response(session, request.user)
    except PrefillError as error:
        messages.error(request, error.message)
        return redirect(_edit_url(session))
    if drafted.created:
        messages.success(
            request,
            _(
                "The draft hot response is pre-filled with the session's unanswered questions "
                "and its flagged commitments and suggestions: write the replies, then submit it "
                "for approval."
            ),
        )
    return redirect(_edit_url(drafted.page))
