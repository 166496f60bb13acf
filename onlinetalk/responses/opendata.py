"""Open data (政务公开): what became of a session's questions, its commitments with their
updates and its reply deadline, as plain records for the JSON and CSV downloads.

The records hold only what the public pages show: live, public session pages; questions that
are public (`CitizenQuestion.is_public`: accepted and consented to); never a contact, an address
hash, a receipt code or a question that is not public. Merged and declined questions are not
public: they are counted, never listed.

Answers. A question answered live: the guest entries of the public stream that follow the
citizen's entry of the question, up to the next entry of another role (the rule the transcript
compiles its Q&A exchanges by, live/transcript.py), as plain text. A question answered in the
hot response: the reply block that answers it (`ResponseAnswer`), as plain text, in the reader's
language where the response is translated.

Records are built for many sessions at once in a fixed number of queries (the year's download
costs what one session's does). Keys are stable machine keys (schema/open-data-v1.json);
labels are in the reader's language.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onlinetalk.live.models import EntryRole, LiveEntry, StreamKind
from onlinetalk.live.transcript import text_lines
from onlinetalk.localization import language_tag, localize_objects, synchronised_relation
from onlinetalk.pages import publicly_viewable
from onlinetalk.questions.models import ACCEPTED_STATUSES, CitizenQuestion, QuestionStatus
from onlinetalk.request_memo import active_locale
from onlinetalk.sessions.status import SessionStatus

from .models import Commitment, CommitmentStatus, CommitmentUpdate, HotResponsePage, ResponseAnswer
from .timeliness import Timeliness

SCHEMA_VERSION = "1"
SCHEMA_FILE = "open-data-v1.json"


class Fate:
    """A public question's fate (its machine key in the data, and its label)."""

    AWAITING = "awaiting"
    ANSWERED_LIVE = "answered_live"
    ANSWERED_LATER = "answered_in_hot_response"
    MERGED = "merged"
    DECLINED = "declined"

    LABELS = {
        AWAITING: _("Awaiting an answer"),
        ANSWERED_LIVE: _("Answered live"),
        ANSWERED_LATER: _("Answered in the hot response"),
        MERGED: _("Merged into another question"),
        DECLINED: _("Declined"),
    }
    BY_STATUS = {
        QuestionStatus.ACCEPTED: AWAITING,
        QuestionStatus.ANSWERED_LIVE: ANSWERED_LIVE,
        QuestionStatus.ANSWERED_LATER: ANSWERED_LATER,
        QuestionStatus.MERGED: MERGED,
        QuestionStatus.REJECTED: DECLINED,
    }


class Timing:
    """Whether the replies came on time, as one key."""

    ON_TIME = "on_time"
    LATE = "late"
    DUE = "due"  # not published, the deadline not passed
    OVERDUE = "overdue"  # not published, the deadline passed

    LABELS = {
        ON_TIME: _("Published on time"),
        LATE: _("Published late"),
        DUE: _("Due, not published yet"),
        OVERDUE: _("Overdue, not published yet"),
    }


def timing_key(punctuality):
    if punctuality.published is not None:
        return Timing.LATE if punctuality.late else Timing.ON_TIME
    return Timing.OVERDUE if punctuality.late else Timing.DUE


PUBLIC_QUESTIONS = Q(consent_to_publish=True, status__in=ACCEPTED_STATUSES)


def _iso(moment):
    return timezone.localtime(moment).isoformat() if moment else None


def _day(day):
    return day.isoformat() if day else None


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


# --- loading, one query per kind for every session ------------------------------------------------


def _question_counts(keys):
    rows = (
        CitizenQuestion.objects.filter(session__translation_key__in=keys)
        .values(key=F("session__translation_key"))
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=Q(status__in=ACCEPTED_STATUSES)),
            answered_live=Count("pk", filter=Q(status=QuestionStatus.ANSWERED_LIVE)),
            answered_in_hot_response=Count("pk", filter=Q(status=QuestionStatus.ANSWERED_LATER)),
            awaiting=Count("pk", filter=Q(status=QuestionStatus.ACCEPTED)),
            merged=Count("pk", filter=Q(status=QuestionStatus.MERGED)),
            declined=Count("pk", filter=Q(status=QuestionStatus.REJECTED)),
            published=Count("pk", filter=PUBLIC_QUESTIONS),
        )
        .order_by()
    )
    return {row.pop("key"): row for row in rows}


def _public_questions(keys):
    """Public questions only, and only the columns the public may see."""
    return list(
        CitizenQuestion.objects.filter(PUBLIC_QUESTIONS, session__translation_key__in=keys)
        .annotate(session_key=F("session__translation_key"))
        .only("pk", "nickname", "text", "status", "submitted_at", "consent_to_publish")
        .order_by("submitted_at", "pk")
    )


def _live_answers(keys, question_ids):
    """{question id: (the citizen's entry, [the guest entries answering it])}."""
    entries = list(
        LiveEntry.objects.filter(
            stream__session__translation_key__in=keys,
            stream__kind=StreamKind.PUBLIC,
            withdrawn_at__isnull=True,
        )
        .select_related("leader")
        .only(
            "pk", "stream_id", "role", "question_id", "text", "posted_at", "leader", "withdrawn_at"
        )
        .order_by("stream_id", "pk")
    )
    leaders = localize_objects(entry.leader for entry in entries)
    answers, current, stream = {}, None, None
    for entry, leader in zip(entries, leaders, strict=True):
        if entry.stream_id != stream:
            current, stream = None, entry.stream_id
        if entry.role == EntryRole.CITIZEN:
            current = None
            if entry.question_id in question_ids:
                known = answers.get(entry.question_id)
                if known is None or not known[1]:  # the first time it was put with an answer
                    answers[entry.question_id] = current = (entry, [])
            continue
        if entry.role != EntryRole.GUEST:
            current = None
            continue
        if current is not None and entry.text:
            entry.reader_leader = leader
            current[1].append(entry)
    return answers


def _hot_response_answers(question_ids):
    """{question id: (ResponseAnswer, the answering response in the reader's language)}."""
    public = publicly_viewable(HotResponsePage.objects.live()).values("pk")
    rows = list(
        ResponseAnswer.objects.filter(question_id__in=question_ids, response__in=public)
        .select_related("response")
        .order_by("published_at", "pk")
    )
    locale = active_locale()
    keys = {row.response.translation_key for row in rows if row.response.locale_id != locale.pk}
    translated = {
        page.translation_key: page
        for page in publicly_viewable(
            HotResponsePage.objects.filter(translation_key__in=keys, locale=locale, live=True)
        )
    }
    answers = {}
    for row in rows:
        response = translated.get(row.response.translation_key, row.response)
        answers.setdefault(row.question_id, (row, response))
    return answers


def _reply_block(response, block_id):
    """The stored value of the reply block `block_id`, read from the raw stream: converting the
    body would load each response's chosen questions, a query per response."""
    for item in response.body.raw_data:
        if item.get("type") == "reply" and item.get("id") == block_id:
            return item.get("value") or {}
    return None


def _commitments(keys):
    commitments = list(
        Commitment.objects.filter(session__translation_key__in=keys)
        .annotate(session_key=F("session__translation_key"))
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "updates",
                CommitmentUpdate.objects.select_related("document").order_by("at", "pk"),
            )
        )
        .order_by("made_at", "pk")
    )
    units = localize_objects(commitment.department for commitment in commitments)
    for commitment, unit in zip(commitments, units, strict=True):
        commitment.reader_unit = unit
    return commitments


# --- records ----------------------------------------------------------------------------------


def _live_answer_record(session, session_url, question_entry, answer_entries):
    """The live answer; its link goes to the entry in the live stream, or to the transcript
    once the session page shows that instead of the stream."""
    if not answer_entries:
        return None
    anchor = "ot-transcript-heading" if session.transcript else question_entry.anchor
    names = []
    for entry in answer_entries:
        name = entry.reader_leader.name if entry.reader_leader else ""
        if name and name not in names:
            names.append(name)
    return {
        "kind": "live",
        "text": "\n".join(text_lines(entry.text) for entry in answer_entries),
        "answered_by": "、".join(names) if names else None,
        "at": _iso(question_entry.posted_at),
        "url": f"{session_url}#{anchor}" if session_url else None,
    }


def _later_answer_record(request, answer, response):
    value = _reply_block(response, answer.block_id)
    if value is None:
        text, by = "", None
    else:
        text = text_lines(value.get("reply") or "")
        by = (value.get("answered_by") or "").strip() or None
    return {
        "kind": "hot_response",
        "text": text,
        "answered_by": by,
        "at": _iso(answer.published_at),
        "url": _absolute(request, response.get_url(request)),
    }


def _question_record(request, session, question, session_url, live, later):
    fate = Fate.BY_STATUS[question.status]
    answer = None
    if question.pk in later:
        answer = _later_answer_record(request, *later[question.pk])
    elif question.pk in live:
        answer = _live_answer_record(session, session_url, *live[question.pk])
    return {
        "id": question.pk,
        "asked_on": _day(timezone.localtime(question.submitted_at).date()),
        "nickname": question.nickname if question.is_public else None,
        "text": question.text,
        "fate": fate,
        "fate_label": str(Fate.LABELS[fate]),
        "answer": answer,
    }


def _update_record(update):
    document = update.document
    return {
        "at": _iso(update.at),
        "who": update.author,
        "note": update.note,
        "status_before": update.status_before or None,
        "status_after": update.status_after,
        "status_after_label": str(CommitmentStatus(update.status_after).label),
        "progress_before": update.progress_before,
        "progress_after": update.progress_after,
        "document": {"title": document.title, "url": document.url} if document else None,
    }


def _commitment_record(commitment):
    return {
        "id": commitment.pk,
        "text": commitment.text,
        "unit": commitment.reader_unit.name,
        "owner": commitment.owner,
        "status": commitment.status,
        "status_label": str(CommitmentStatus(commitment.status).label),
        "progress": commitment.progress,
        "expected_on": _day(commitment.expected_on),
        "made_at": _iso(commitment.made_at),
        "closed_at": _iso(commitment.closed_at),
        "dropped_reason": commitment.dropped_reason or None,
        "updates": [_update_record(update) for update in commitment.updates.all()],
    }


def _deadline_record(punctuality, replies_published_at):
    timing = timing_key(punctuality)
    return {
        "replies_due": _day(punctuality.due),
        "estimated": punctuality.estimated,
        "replies_published_at": _iso(replies_published_at),
        "timing": timing,
        "timing_label": str(Timing.LABELS[timing]),
        "working_days_late": punctuality.working_days_late,
        "working_days_left": punctuality.working_days_left,
    }


EMPTY_COUNTS = dict.fromkeys(
    (
        "received",
        "accepted",
        "answered_live",
        "answered_in_hot_response",
        "awaiting",
        "merged",
        "declined",
        "published",
    ),
    0,
)


def session_records(sessions, request, now=None):
    """The open-data record of each of `sessions` (live, public pages in the reader's
    language), in their order."""
    sessions = list(sessions)
    now = now or timezone.now()
    keys = {session.translation_key for session in sessions}
    counts = _question_counts(keys)
    questions = _public_questions(keys)
    question_ids = {question.pk for question in questions}
    live = _live_answers(keys, question_ids)
    later = _hot_response_answers(question_ids)
    commitments = _commitments(keys)
    units = synchronised_relation(sessions, "departments")
    reader_units = dict(
        zip(
            (unit.pk for related in units.values() for unit in related),
            localize_objects(unit for related in units.values() for unit in related),
            strict=True,
        )
    )
    timeliness = Timeliness(sessions, now)
    by_session = defaultdict(list)
    for question in questions:
        by_session[question.session_key].append(question)
    commitments_of = defaultdict(list)
    for commitment in commitments:
        commitments_of[commitment.session_key].append(commitment)

    records = []
    for session in sessions:
        url = _absolute(request, session.get_url(request))
        status = session.get_status(now)
        records.append(
            {
                "id": session.pk,
                "title": session.title,
                "url": url,
                "start": _iso(session.start),
                "end": _iso(session.end),
                "units": [reader_units[unit.pk].name for unit in units[session.pk]],
                "status": str(status),
                "status_label": str(SessionStatus(status).label),
                "deadline": _deadline_record(timeliness.of(session), session.replies_published_at),
                "question_counts": {
                    **EMPTY_COUNTS,
                    **counts.get(session.translation_key, {}),
                },
                "questions": [
                    _question_record(request, session, question, url, live, later)
                    for question in by_session[session.translation_key]
                ],
                "commitments": [
                    _commitment_record(commitment)
                    for commitment in commitments_of[session.translation_key]
                ],
            }
        )
    return records


def document(sessions, request, *, scope, year, now=None):
    """The whole download: the schema's version, its scope and every session's record."""
    now = now or timezone.now()
    return {
        "schema_version": SCHEMA_VERSION,
        "language": language_tag(active_locale().language_code),
        "content_language": language_tag(settings.LANGUAGE_CODE),
        "generated_at": _iso(now),
        "scope": {"kind": scope, "year": year, "url": _absolute(request, request.path)},
        "sessions": session_records(sessions, request, now),
    }
