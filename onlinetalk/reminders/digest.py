"""The Office's overdue digest: on working days, one mail per Office member listing what is
late (plans, announcements, hot responses, commitments), claimed under the same log as every
reminder (one per person and day, whatever the cluster does)."""

from django.utils import timezone

from onlinetalk.request_memo import remembering
from onlinetalk.workdays import is_working_day

from .agenda import agenda
from .models import Audience, ReminderLog, ReminderRule
from .recipients import recipients
from .rules import end_of_day
from .scan import ScanResult, claim, retire_expired_digests, send_pending


def send_digest(now=None):
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    result = ScanResult()
    if not is_working_day(today):
        return result
    with remembering():
        _upcoming, overdue = agenda(now, overdue_only=True)
        result.due = len(overdue)
        if overdue:
            rows = [
                ReminderLog(
                    rule=ReminderRule.OFFICE_DIGEST,
                    occurrence=today.isoformat(),
                    audience=Audience.OFFICE,
                    recipient_id=user_id,
                    due_at=now,
                    valid_until=end_of_day(today),
                    claimed_at=now,
                    next_attempt_at=now,
                )
                for user_id in sorted(recipients().office)
            ]
            result.claimed = claim(rows)
        result.retired = retire_expired_digests(now)
        send_pending(now, result)
    return result
