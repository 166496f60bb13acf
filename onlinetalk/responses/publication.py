"""What publishing and unpublishing a hot response does to the session and its questions.

Publishing the response in the default language records the session's replies-published fact
(`sessions.lifecycle`: its status becomes "replied"), marks the questions its replies link to as
answered later and remembers which reply answers which question (`ResponseAnswer`); unpublishing
it reverses all three. Republishing an edit keeps the first publication's date (the fact), and
updates which questions are answered. A translation's publication changes nothing of this.

A response past its deadline needs its explanation first (lateness.py).
"""

from django.db import transaction

from onlinetalk.questions import moderation
from onlinetalk.questions.models import ACCEPTED_STATUSES, CitizenQuestion
from onlinetalk.sessions import lifecycle
from onlinetalk.sessions.models import TalkSessionPage

from .lateness import is_source, publication_moment
from .models import ResponseAnswer


def linked_question_ids(page):
    """(question id, reply block id) for every question a reply block of `page` links to, read
    from the stored stream (no query)."""
    links = []
    for item in page.body.raw_data:
        if item.get("type") != "reply":
            continue
        for child in item.get("value", {}).get("questions") or []:
            value = child.get("value") if isinstance(child, dict) else child
            if value not in (None, ""):
                links.append((int(value), item.get("id") or ""))
    return links


@transaction.atomic
def response_published(page, user=None, at=None):
    """The response went live (page_published): record the fact and the answered questions."""
    if not page.live or not is_source(page) or not page.session_id:
        return
    at = at or publication_moment()
    session = page.session
    if session.replies_published_at is None:
        lifecycle.record_replies_published(session, at)
    links = {}
    for question_id, block_id in linked_question_ids(page):
        links.setdefault(question_id, block_id)
    # Accepted questions only: a pending one linked by mistake is not published by the reply
    # (moderation decides on it; unpublishing could not send it back to pending), a merged or
    # declined one has its fate already.
    questions = list(
        CitizenQuestion.objects.filter(
            pk__in=links,
            session__translation_key=session.translation_key,
            status__in=ACCEPTED_STATUSES,
        )
    )
    kept = {question.pk for question in questions}
    _forget_answers(page, user, exclude=kept)
    published_at = session.replies_published_at or at
    for question in questions:
        ResponseAnswer.objects.update_or_create(
            question=question,
            response=page,
            defaults={"block_id": links[question.pk], "published_at": published_at},
        )
    moderation.mark_answered(questions, user, live=False)


@transaction.atomic
def response_unpublished(page, user=None):
    """The response was taken down: the session awaits its replies, the questions their answer."""
    if not is_source(page) or not page.session_id:
        return
    _forget_answers(page, user)
    if (
        not type(page)
        .objects.filter(session_id=page.session_id, live=True)
        .exclude(pk=page.pk)
        .filter(locale_id=page.locale_id)
        .exists()
    ):
        lifecycle.withdraw_replies(page.session)


@transaction.atomic
def session_left(page, session_id, user=None):
    """The published response now answers another session (its session was changed and the
    change published): the first one awaits its replies again unless another live response in
    the same language answers it. Its questions were unmarked by the new publication."""
    if not is_source(page):
        return
    others = (
        type(page)
        .objects.filter(session_id=session_id, live=True, locale_id=page.locale_id)
        .exclude(pk=page.pk)
    )
    if others.exists():
        return
    session = TalkSessionPage.objects.filter(pk=session_id).first()
    if session is not None and session.replies_published_at is not None:
        lifecycle.withdraw_replies(session)


def _forget_answers(page, user, exclude=()):
    answers = ResponseAnswer.objects.filter(response=page).exclude(question_id__in=exclude)
    question_ids = list(answers.values_list("question_id", flat=True))
    answers.delete()
    still_answered = ResponseAnswer.objects.filter(question_id__in=question_ids).values(
        "question_id"
    )
    moderation.unmark_answered_later(
        list(CitizenQuestion.objects.filter(pk__in=question_ids).exclude(pk__in=still_answered)),
        user,
    )
