"""How the live broadcast plugs into the session page: the stream (newest first) while the session
is live and until its transcript is published, with the poll's address for the page's script.
The rehearsal shows only in the page's admin preview."""

from django.urls import NoReverseMatch, reverse

from onlinetalk.conf import get_setting
from onlinetalk.features import PageFeature

from . import poll
from .models import StreamKind
from .render import content_language, entries_for_display, public_entries
from .stream import posting_opens_at, stream_session


def _page_of_entries(queryset, before):
    size = get_setting("LIVE_PAGE_SIZE")
    if before is not None:
        queryset = queryset.filter(pk__lt=before)
    entries = entries_for_display(queryset.order_by("-pk")[: size + 1])
    return entries[:size], len(entries) > size


def _before(request):
    value = request.GET.get("before", "")
    # isdigit() alone takes "²", which int() refuses: ASCII digits only.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 16 else None


def poll_url(owner_id):
    """The poll's address in the reader's language; None when the host site has not included
    onlinetalk.urls (the page then shows the stream as it was when loaded; a check warns)."""
    try:
        return reverse("onlinetalk_live:latest", args=[owner_id])
    except NoReverseMatch:
        return None


def live_context(session, request, now):
    """Nothing (and no query) for a session without a live broadcast, one whose stream has not
    opened yet (shortly before the start) or one whose transcript is published."""
    preview = getattr(request, "is_preview", False)
    if not session.text_live or session.transcript:
        return {}
    if now < posting_opens_at(session) and not preview:
        return {}
    owner = stream_session(session)
    before = _before(request)
    entries, more = _page_of_entries(public_entries(owner.pk), before)
    rehearsal = []
    if preview:
        rehearsal = entries_for_display(
            owner.live_streams.get_or_create(kind=StreamKind.REHEARSAL)[0].entries.order_by("-pk")
        )
    state = {"closed": bool(session.schedule_change), "start": session.start.timestamp()}
    state["end"] = session.end.timestamp()
    phase = poll.phase_of(state, now)
    if not entries and not rehearsal and before is None and phase == poll.ENDED:
        return {}
    return {
        "live": {
            "entries": entries,
            "rehearsal": rehearsal,
            "phase": phase,
            "poll_url": poll_url(owner.pk) if phase != poll.ENDED and before is None else None,
            "version": max((entry.changed_in_version for entry in entries), default=0),
            "older_before": entries[-1].pk if more else None,
            "older_url": (
                reverse("onlinetalk_live:older", args=[owner.pk, entries[-1].pk])
                if more and poll_url(owner.pk)
                else None
            ),
            "paged": before is not None,
            "content_lang": content_language(),
            "interval": get_setting("LIVE_POLL_SECONDS"),
        }
    }


LIVE_BROADCAST = PageFeature(
    page_type="onlinetalk.TalkSessionPage",
    name="live",
    template="onlinetalk/live/includes/stream.html",
    get_context=live_context,
    order=20,
)
