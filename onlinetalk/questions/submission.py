"""Storing a citizen's question: the board's window, the rate limits and the duplicate rule,
checked and applied in one transaction so that concurrent submissions cannot slip past them.

One address may send only so many questions in the rate window: beyond that it is refused.
A session receiving very many questions at once is not closed, though: a flood from many
addresses would otherwise shut out every citizen. Beyond ONLINETALK_QUESTIONS_PER_SESSION in
the window, questions are still stored, flagged for closer review with the reason recorded.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from onlinetalk.conf import get_setting

from .board import board_window
from .models import CitizenQuestion, QuestionAction, QuestionEvent, ReviewWord, SubmissionLock
from .receipts import new_receipt_code
from .text import review_words_in, text_fingerprint


class Refusal(Exception):
    """A submission the board does not take; the message says why, in the citizen's words.
    `retry_after`: in how many seconds sending it again can succeed, if waiting helps."""

    def __init__(self, message, status=400, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


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


def _check_limits(session, submission, fingerprint, now):
    """Refuse what the board does not take; return whether the session is crowded right now
    (its question is then stored, flagged for closer review)."""
    minutes = get_setting("QUESTION_RATE_WINDOW_MINUTES")
    window = datetime.timedelta(minutes=minutes)
    recent = CitizenQuestion.objects.filter(submitted_at__gt=now - window)
    from_address = recent.filter(address_hash=submission.address_hash).order_by("submitted_at")
    if from_address.count() >= get_setting("QUESTIONS_PER_ADDRESS"):
        oldest = from_address.first().submitted_at
        raise Refusal(
            _(
                "You have sent %(count)s questions in the last %(minutes)s minutes, the most the "
                "board takes from one connection. Please wait a few minutes and send this one "
                "again."
            )
            % {"count": get_setting("QUESTIONS_PER_ADDRESS"), "minutes": minutes},
            status=429,
            retry_after=max(1, math.ceil((oldest + window - now).total_seconds())),
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
    return recent.filter(session=session).count() >= get_setting("QUESTIONS_PER_SESSION")


def _crowded_note():
    """Why a question of a crowded session is flagged, for the moderators: in the site's
    language, as the history keeps it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Needs closer review: %(count)s or more questions arrived for this session within "
            "%(minutes)s minutes."
        ) % {
            "count": get_setting("QUESTIONS_PER_SESSION"),
            "minutes": get_setting("QUESTION_RATE_WINDOW_MINUTES"),
        }


def submit_question(session, submission, now):
    """Store the question and return it, or raise Refusal with the reason."""
    session = canonical_session(session)
    if not board_window(session, now).is_open:
        raise Refusal(_("The question board of this session is closed."), status=403)
    fingerprint = text_fingerprint(submission.text)
    words = review_words_in(submission.text, ReviewWord.objects.values_list("word", flat=True))
    with transaction.atomic():
        # The address's questions are counted under its lock. The session's are not locked: their
        # count only decides whether a question is flagged, and a flood must not queue everyone
        # behind one lock.
        SubmissionLock.hold(f"address:{submission.address_hash}")
        crowded = _check_limits(session, submission, fingerprint, now)
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
                        flagged=bool(words) or crowded,
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
        QuestionEvent.objects.create(
            question=question,
            at=now,
            action=QuestionAction.SUBMITTED,
            note=_crowded_note() if crowded else "",
        )
    return question
