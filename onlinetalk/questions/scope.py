"""The sessions whose questions a user may see, with the counts the briefings and the dashboard
show. Which sessions: the permission policy's answer (permissions.py)."""

from django.db.models import Count, Q

from .models import ACCEPTED_STATUSES, QuestionStatus
from .permissions import question_policy


def _count(**condition):
    return Count("questions", filter=Q(**condition) if condition else None, distinct=True)


def sessions_with_question_counts(user, action="view"):
    pending = QuestionStatus.PENDING
    return question_policy.sessions_for_user(user, action).annotate(
        received=_count(),
        accepted=_count(questions__status__in=ACCEPTED_STATUSES),
        pending=_count(questions__status=pending),
        flagged_pending=_count(questions__status=pending, questions__flagged=True),
        # Pending, or accepted but not yet answered: each still needs its fate.
        without_fate=_count(questions__status__in=[pending, QuestionStatus.ACCEPTED]),
    )
