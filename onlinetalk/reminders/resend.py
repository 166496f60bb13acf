"""Sending a failed reminder again, at the Office's request: the row goes back to pending with
its attempts spent afresh, due now, and valid for at least a day, and the next scan sends it as
it sends any pending row (under its lock, once), even when its moment has passed: the Office asked
for it (`resent_at`), so the scan does not retire it as no longer due. Nothing else about the
row changes."""

import datetime

from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import DeliveryStatus, ReminderLog

STILL_VALID_FOR = datetime.timedelta(days=1)


def send_again(row_id, now=None):
    """Put the failed row `row_id` back in the queue; False if it is not (or no longer) failed.
    One conditional update: two clicks, or two members of the Office, queue it once."""
    now = now or timezone.now()
    return bool(
        ReminderLog.objects.filter(pk=row_id, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=now,
            resent_at=now,
            valid_until=Greatest("valid_until", Value(now + STILL_VALID_FOR)),
        )
    )


def failed_count():
    return ReminderLog.objects.filter(status=DeliveryStatus.FAILED).count()
