"""Storing a citizen's question: the board's window, the rate limits and the duplicate rule,
checked and applied in one transaction so that concurrent submissions cannot slip past them."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from onlinetalk.conf import get_setting

from .board import board_window
from .models import CitizenQuestion, QuestionAction, QuestionEvent, ReviewWord, SubmissionLock
from .receipts import new_receipt_code
from .text import review_words_in, text_fingerprint


class Refusal(Exception):
    """A submission the board does not take; the message says why, in the citizen's words."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Submission:
    nickname: str
    text: str
    contact: str
    consent_to_publish: bool
    language: str
    address_hash: str


def canonical_session(session):
    """Questions belong to the session in the default language, whichever version was read."""
    default = Locale.get_default()
    if session.locale_id == default.pk:
        return session
    return session.get_translation_or_none(default) or session


def _lock(key):
    SubmissionLock.objects.get_or_create(key=key)
    return SubmissionLock.objects.select_for_update().get(key=key)


def _check_limits(session, submission, fingerprint, now):
    minutes = get_setting("QUESTION_RATE_WINDOW_MINUTES")
    window = now - datetime.timedelta(minutes=minutes)
    recent = CitizenQuestion.objects.filter(submitted_at__gt=window)
    if recent.filter(address_hash=submission.address_hash).count() >= get_setting(
        "QUESTIONS_PER_ADDRESS"
    ):
        raise Refusal(
            _(
                "You have sent %(count)s questions in the last %(minutes)s minutes, the most the "
                "board takes from one connection. Please wait a few minutes and send this one "
                "again: your text is kept below."
            )
            % {"count": get_setting("QUESTIONS_PER_ADDRESS"), "minutes": minutes},
            status=429,
        )
    if recent.filter(session=session).count() >= get_setting("QUESTIONS_PER_SESSION"):
        raise Refusal(
            _(
                "Very many questions are arriving for this session right now. Please wait a few "
                "minutes and send yours again: your text is kept below."
            ),
            status=429,
        )
    duplicate_since = now - datetime.timedelta(minutes=get_setting("QUESTION_DUPLICATE_MINUTES"))
    if CitizenQuestion.objects.filter(
        session=session,
        address_hash=submission.address_hash,
        text_hash=fingerprint,
        submitted_at__gt=duplicate_since,
    ).exists():
        raise Refusal(
            _(
                "This question was already received from your connection within the last hour; "
                "it is not stored twice. Keep the receipt code you were given then."
            ),
            status=409,
        )


def submit_question(session, submission, now):
    """Store the question and return it, or raise Refusal with the reason."""
    session = canonical_session(session)
    if not board_window(session, now).is_open:
        raise Refusal(_("The question board of this session is closed."), status=403)
    fingerprint = text_fingerprint(submission.text)
    words = review_words_in(submission.text, ReviewWord.objects.values_list("word", flat=True))
    with transaction.atomic():
        # Locks in a fixed order (session, then address): no two submissions wait on each other
        # in opposite order.
        _lock(f"session:{session.pk}")
        _lock(f"address:{submission.address_hash}")
        _check_limits(session, submission, fingerprint, now)
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    question = CitizenQuestion.objects.create(
                        session=session,
                        nickname=submission.nickname,
                        text=submission.text,
                        contact=submission.contact,
                        consent_to_publish=submission.consent_to_publish,
                        submitted_at=now,
                        language=submission.language,
                        flagged=bool(words),
                        flagged_words="、".join(words)[:200],
                        receipt_code=new_receipt_code(),
                        address_hash=submission.address_hash,
                        text_hash=fingerprint,
                    )
                break
            except IntegrityError:  # a receipt code drawn twice: draw again
                continue
        else:
            raise RuntimeError("no free receipt code after five draws")
        QuestionEvent.objects.create(question=question, at=now, action=QuestionAction.SUBMITTED)
    return question
