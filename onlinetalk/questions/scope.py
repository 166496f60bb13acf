"""Which questions a user may see and moderate: those of their own units' sessions."""

from django.db.models import Count, Q

from onlinetalk.access.scope import is_office_user, units_for_user

from .models import ACCEPTED_STATUSES, CitizenQuestion, QuestionStatus


def questions_for_user(user):
    if is_office_user(user):
        return CitizenQuestion.objects.all()
    units = units_for_user(user).values("translation_key")
    return CitizenQuestion.objects.filter(
        session__departments__translation_key__in=units
    ).distinct()


def may_moderate(user, question):
    return questions_for_user(user).filter(pk=question.pk).exists()


def can_see_contact(user):
    return user.has_perm("onlinetalk.view_question_contact")


def _count(**condition):
    return Count("questions", filter=Q(**condition) if condition else None, distinct=True)


def sessions_with_questions(user):
    """The sessions that have questions this user may see, with the counts the briefings and the
    dashboard show."""
    from onlinetalk.sessions.models import TalkSessionPage

    pending = QuestionStatus.PENDING
    return TalkSessionPage.objects.filter(questions__in=questions_for_user(user)).annotate(
        received=_count(),
        accepted=_count(questions__status__in=ACCEPTED_STATUSES),
        pending=_count(questions__status=pending),
        flagged_pending=_count(questions__status=pending, questions__flagged=True),
        # Pending, or accepted but not yet answered: each still needs its fate.
        without_fate=_count(questions__status__in=[pending, QuestionStatus.ACCEPTED]),
    )
