"""Contact details are kept only as long as the unit may need them to ask back: they are removed
ONLINETALK_CONTACT_RETENTION_DAYS after the session's hot response is published (or, while no
hot response is published, after the day it was due: 10 working days after the session)."""

import datetime

from django.db import transaction
from django.utils import timezone

from onlinetalk.conf import get_setting
from onlinetalk.sessions.milestones import replies_due
from onlinetalk.sessions.models import TalkSessionPage

from .models import CitizenQuestion, QuestionAction, QuestionEvent


def replies_date(session):
    """When the session's replies were published, or else when they were due."""
    return session.replies_published_at or replies_due(session)[0]


def purge_expired_contacts(now=None):
    """Remove the contacts whose retention period has ended. Safe to run twice (or killed halfway
    and run again): it only touches rows that still hold a contact. Returns how many it cleared."""
    now = now or timezone.now()
    keep = datetime.timedelta(days=get_setting("CONTACT_RETENTION_DAYS"))
    session_ids = (
        CitizenQuestion.objects.exclude(contact="").values_list("session_id", flat=True).distinct()
    )
    cleared = 0
    for session in TalkSessionPage.objects.filter(pk__in=list(session_ids)):
        if replies_date(session) + keep > now:
            continue
        with transaction.atomic():
            questions = list(
                CitizenQuestion.objects.select_for_update()
                .filter(session=session)
                .exclude(contact="")
                .only("pk")
            )
            CitizenQuestion.objects.filter(pk__in=[q.pk for q in questions]).update(
                contact="", contact_removed_at=now
            )
            QuestionEvent.objects.bulk_create(
                QuestionEvent(question=q, at=now, action=QuestionAction.CONTACT_REMOVED)
                for q in questions
            )
            cleared += len(questions)
    return cleared
