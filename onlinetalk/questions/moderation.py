"""What editors do with questions. Every change writes a history entry (who, when, what), and
no action deletes a question: a question always ends with a visible fate.

Each action is also written to Wagtail's log on the session page, once per session and action
(a bulk action on fifty questions is one entry naming them): the column's audit report and the
page's history show who moderated what. The log names questions by id, never their text or the
citizen's contact."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import CitizenQuestion, QuestionAction, QuestionEvent, QuestionStatus


class ModerationError(Exception):
    pass


def _record(question, user, action, note="", now=None):
    QuestionEvent.objects.create(
        question=question, user=user, action=action, note=note, at=now or timezone.now()
    )


# Wagtail log actions, on the session page (registered with their labels by onlinetalk.audit).
LOG_ACTION_PREFIX = "onlinetalk.question."


def log_action_for(action):
    return f"{LOG_ACTION_PREFIX}{action}"


def _log(questions, user, action, **data):
    """One log entry per session of `questions` (their ids in it): no query per question."""
    by_session = {}
    for question in questions:
        by_session.setdefault(question.session_id, []).append(question)
    for moved in by_session.values():
        log(
            instance=moved[0].session,
            action=log_action_for(action),
            user=user,
            data={"questions": [question.pk for question in moved], **data},
        )


def _still_open(question):
    # A merged question follows the one it was merged into; it is not moderated on its own.
    return question.status != QuestionStatus.MERGED


ACTION_FOR_STATUS = {
    QuestionStatus.PENDING: QuestionAction.REOPENED,
    QuestionStatus.ACCEPTED: QuestionAction.ACCEPTED,
    QuestionStatus.REJECTED: QuestionAction.REJECTED,
    QuestionStatus.ANSWERED_LIVE: QuestionAction.ANSWERED_LIVE,
    QuestionStatus.ANSWERED_LATER: QuestionAction.ANSWERED_LATER,
}


def _reason_for(status, reason):
    reason = (reason or "").strip()
    if status == QuestionStatus.REJECTED and not reason:
        raise ModerationError(_("A reason is required to decline a question."))
    return reason if status == QuestionStatus.REJECTED else ""


def _reason_data(reason):
    return {"reason": reason} if reason else {}


def _change_status(question, user, status, reason=""):
    """Set the status (a declined question keeps its reason, any other none) and record it."""
    question.status = status
    question.rejection_reason = reason
    question.save(update_fields=["status", "rejection_reason"])
    _record(question, user, ACTION_FOR_STATUS[status], reason)


@transaction.atomic
def _move(questions, user, status, *, allowed_from, reason=""):
    """Move every question whose status is in allowed_from; return how many moved."""
    reason = _reason_for(status, reason)
    moved = [question for question in questions if question.status in allowed_from]
    for question in moved:
        _change_status(question, user, status, reason)
    _log(moved, user, ACTION_FOR_STATUS[status], **_reason_data(reason))
    return len(moved)


def accept(questions, user):
    return _move(
        questions,
        user,
        QuestionStatus.ACCEPTED,
        allowed_from=(QuestionStatus.PENDING, QuestionStatus.REJECTED),
    )


def reject(questions, user, reason):
    return _move(
        questions,
        user,
        QuestionStatus.REJECTED,
        allowed_from=(QuestionStatus.PENDING, QuestionStatus.ACCEPTED),
        reason=reason,
    )


def mark_answered(questions, user, *, live):
    """Used by the live console and the hot response: the question's fate is its answer."""
    return _move(
        questions,
        user,
        QuestionStatus.ANSWERED_LIVE if live else QuestionStatus.ANSWERED_LATER,
        allowed_from=(QuestionStatus.PENDING, QuestionStatus.ACCEPTED),
    )


@transaction.atomic
def set_status(question, user, status, reason=""):
    """An editor's correction from the edit view: any fate but "merged" (merging has its own
    action). Declining needs a reason."""
    if not _still_open(question):
        raise ModerationError(_("A merged question follows the question it was merged into."))
    if status not in ACTION_FOR_STATUS:
        raise ModerationError(_("This status cannot be set here."))
    reason = _reason_for(status, reason)
    if status == question.status and reason == question.rejection_reason:
        return False
    _change_status(question, user, status, reason)
    _log([question], user, ACTION_FOR_STATUS[status], **_reason_data(reason))
    return True


@transaction.atomic
def categorise(questions, user, category):
    changed = []
    for question in questions:
        if question.category_id != (category.pk if category else None):
            question.category = category
            question.save(update_fields=["category"])
            _record(question, user, QuestionAction.CATEGORISED, str(category or "—"))
            changed.append(question)
    _log(changed, user, QuestionAction.CATEGORISED, category=str(category or "—"))
    return len(changed)


@transaction.atomic
def merge(target, duplicates, user):
    """Merge duplicates into target: their upvotes are carried over and they count as merged.

    The questions must belong to the same session; a merged question cannot take merges.
    """
    duplicates = [question for question in duplicates if question.pk != target.pk]
    if not duplicates:
        raise ModerationError(_("Choose at least one other question to merge."))
    if target.status in (QuestionStatus.MERGED, QuestionStatus.REJECTED):
        raise ModerationError(_("A question that is merged or declined cannot take merges."))
    if any(question.session_id != target.session_id for question in duplicates):
        raise ModerationError(_("Only questions of the same session can be merged."))
    carried = 0
    merged = []
    for question in duplicates:
        if not _still_open(question):
            continue
        merged.append(question)
        # Questions merged into this one follow it to the new target.
        CitizenQuestion.objects.filter(merged_into=question).update(merged_into=target)
        question.status = QuestionStatus.MERGED
        question.merged_into = target
        question.save(update_fields=["status", "merged_into"])
        carried += question.upvotes
        _record(question, user, QuestionAction.MERGED, target.formatted_receipt_code)
    CitizenQuestion.objects.filter(pk=target.pk).update(upvotes=F("upvotes") + carried)
    if target.status == QuestionStatus.PENDING:
        _change_status(target, user, QuestionStatus.ACCEPTED)
        _log([target], user, QuestionAction.ACCEPTED)
    _record(
        target,
        user,
        QuestionAction.RECEIVED_MERGE,
        "、".join(question.formatted_receipt_code for question in duplicates),
    )
    _log(merged, user, QuestionAction.MERGED, into=target.pk)
    target.refresh_from_db()
    return target


def unmark_answered_later(questions, user):
    """The hot response that answered them was unpublished: they await their answer again."""
    return _move(
        questions,
        user,
        QuestionStatus.ACCEPTED,
        allowed_from=(QuestionStatus.ANSWERED_LATER,),
    )
