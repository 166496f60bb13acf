"""The fate "answered live at 10:25" of the questions put to the leaders in the broadcast: the
time of the entry that put the question, and a link to it — the entry's anchor in the stream
while the session page shows the stream, the transcript block compiled from it once the
transcript is published. Registered under the questions' fate hook (wagtail_hooks.py)."""

from types import SimpleNamespace

from django.db.models import BooleanField, ExpressionWrapper, Q

from onlinetalk.conf import get_setting
from onlinetalk.questions.fates import Fate, FateKind
from onlinetalk.questions.models import QuestionStatus

from .models import LiveEntry, StreamKind
from .transcript import exchange_block_ids


def _stream_entries(session_ids):
    """The public entries of the sessions, withdrawn ones included (the stream shows their
    markers), by session, in order: one query, without their text."""
    rows = (
        LiveEntry.objects.filter(stream__session_id__in=session_ids, stream__kind=StreamKind.PUBLIC)
        .annotate(
            has_text=ExpressionWrapper(~Q(text=""), output_field=BooleanField()),
            withdrawn=ExpressionWrapper(Q(withdrawn_at__isnull=False), output_field=BooleanField()),
        )
        .order_by("pk")
        .values(
            "pk", "role", "question_id", "posted_at", "has_text", "withdrawn", "stream__session_id"
        )
    )
    by_session = {}
    for row in rows:
        by_session.setdefault(row["stream__session_id"], []).append(SimpleNamespace(**row))
    return by_session


def _link(page, entry, entries, block_ids):
    """The transcript block once the transcript is published; else the entry in the stream:
    on the page's first screen of entries (the newest), or on the page of earlier entries that
    starts with it."""
    if page is None:
        return ""
    if page.transcript and entry.pk in block_ids:
        return f"{page.url}#transcript-{block_ids[entry.pk]}"
    newer = sum(1 for other in entries if other.pk > entry.pk)
    if newer < get_setting("LIVE_PAGE_SIZE"):
        return f"{page.url}#entry-{entry.pk}"
    return f"{page.url}?before={entry.pk + 1}#entry-{entry.pk}"


def answered_live(questions, sessions):
    """{question id: Fate} of the questions answered live that an entry of the public stream put
    to the leaders (the first such entry, if it was put twice)."""
    answered = [q for q in questions if q.status == QuestionStatus.ANSWERED_LIVE]
    if not answered:
        return {}
    by_session = _stream_entries({question.session_id for question in answered})
    block_ids = {
        key: exchange_block_ids([entry for entry in entries if not entry.withdrawn])
        for key, entries in by_session.items()
    }
    fates = {}
    for question in answered:
        entries = by_session.get(question.session_id, [])
        entry = next((e for e in entries if e.question_id == question.pk and not e.withdrawn), None)
        if entry is None:
            continue
        page = sessions.get(question.session_id)
        fates[question.pk] = Fate.of_kind(
            FateKind.ANSWERED_LIVE,
            at=entry.posted_at,
            url=_link(page, entry, entries, block_ids[question.session_id]),
        )
    return fates


def answered_live_provider():
    return answered_live
