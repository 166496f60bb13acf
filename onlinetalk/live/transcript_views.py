"""The "Compile transcript" action of the live console: POST only, for those who may run the
session's broadcast (the one permission policy), once the session has ended."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from onlinetalk.sessions.models import TalkSessionPage

from .permissions import live_policy
from .stream import stream_session
from .transcript import compile_refusal, compile_transcript, compiled_blocks


@require_POST
def compile_view(request, session_id):
    # `id`, not `pk`: an id past the integer range is "no match", not an error (see briefing).
    session = TalkSessionPage.objects.filter(id=session_id).first()
    if session is None or not live_policy.user_may_broadcast(request.user, session, "change"):
        # Another unit's session is not found: nothing of it is shown.
        raise Http404
    owner = stream_session(session)
    edit_url = reverse("wagtailadmin_pages:edit", args=[owner.pk])
    refusal = compile_refusal(owner, timezone.now())
    if refusal:
        messages.error(request, refusal)
        return redirect(edit_url)
    _blocks, count = compiled_blocks(owner)
    compile_transcript(owner, request.user)
    owner.refresh_from_db()
    if owner.workflow_in_progress:
        message = ngettext(
            "%(count)d entry compiled into the transcript. The draft awaits approval.",
            "%(count)d entries compiled into the transcript. The draft awaits approval.",
            count,
        )
    else:
        message = ngettext(
            "%(count)d entry compiled into the transcript. The draft awaits review and "
            "publication.",
            "%(count)d entries compiled into the transcript. The draft awaits review and "
            "publication.",
            count,
        )
    messages.success(request, message % {"count": count})
    return redirect(edit_url)
