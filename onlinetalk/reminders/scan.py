"""The reminder scan: find what is due now, claim it, send it — once, whatever the cluster does.

1. Claim: one row per reminder and recipient is inserted under the log's unique constraints,
   skipping the rows that exist (`INSERT … ON CONFLICT DO NOTHING`): a scan that runs twice, two
   clusters at once, or a scan run again after a worker was killed claim each reminder once.
2. Retire: a pending row whose firing is no longer due (the plan was completed, the page approved,
   the session moved or cancelled, the moment passed) is not sent; one that failed before is
   recorded as failed.
3. Send: each pending row is taken under a row lock that other scans skip
   (`SELECT … FOR UPDATE SKIP LOCKED`), sent, and marked sent in the same transaction. A worker
   killed while sending rolls its transaction back: the row stays pending and the next scan sends
   it. A failing mail server counts an attempt and waits (REMINDER_RETRY_MINUTES) before the next;
   after REMINDER_MAX_ATTEMPTS the row is recorded as failed, which the admin shows. After a
   failure the scan stops sending (the server is down) and leaves the rest to the next scan.

The one window left is a worker killed after the mail server accepted a message and before the
row's transaction committed: the next scan sends it again. Each message carries a Message-ID made
from the row, so the copy is recognisably the same message (mail stores drop such duplicates).
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from onlinetalk.conf import get_setting
from onlinetalk.request_memo import remembering

from . import rules
from .messages import compose
from .models import Audience, DeliveryStatus, ReminderLog, ReminderRule
from .recipients import recipients

logger = logging.getLogger("onlinetalk.reminders")


@dataclass
class ScanResult:
    due: int = 0
    claimed: int = 0
    retired: int = 0
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    more: bool = False  # the batch was full: more are waiting to be sent now

    def __str__(self):
        return (
            f"due {self.due}, claimed {self.claimed}, retired {self.retired}, sent {self.sent}, "
            f"failed {self.failed}, deferred {self.deferred}"
        )


def rows_for(reminders, people, now):
    """The log rows of these reminders: one per recipient (the unit's people first)."""
    rows = []
    for reminder in reminders:
        units = _units_of(reminder)
        chosen = {}
        if Audience.UNIT in reminder.audiences:
            for unit_key, unit in units.items():
                for user_id in people.of_unit(unit_key):
                    chosen.setdefault(user_id, (Audience.UNIT, unit))
        if Audience.OFFICE in reminder.audiences:
            first_unit = next(iter(units.values()), None)
            for user_id in people.office:
                chosen.setdefault(user_id, (Audience.OFFICE, first_unit))
        for user_id, (audience, unit) in sorted(chosen.items()):
            rows.append(
                ReminderLog(
                    session=reminder.session,
                    commitment=reminder.commitment,
                    department=unit,
                    rule=reminder.rule,
                    occurrence=reminder.occurrence,
                    audience=audience,
                    recipient_id=user_id,
                    due_at=reminder.due_at,
                    valid_until=reminder.valid_until,
                    claimed_at=now,
                    next_attempt_at=now,
                )
            )
    return rows


def _units_of(reminder):
    if reminder.commitment is not None:
        unit = reminder.commitment.department
        return {unit.translation_key: unit}
    return {unit.translation_key: unit for unit in reminder.session.departments.all()}


def claim(rows):
    """Insert the rows that are not claimed yet; returns how many this scan claimed (the rows
    stamped with its moment: `bulk_create` with ignore_conflicts does not say which it inserted)."""
    if not rows:
        return 0
    ReminderLog.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return ReminderLog.objects.filter(claimed_at=rows[0].claimed_at).count()


def retire(due_keys, now):
    """Pending rows of session and commitment reminders that are no longer due: those whose
    condition is gone (the plan was completed, the page approved, the session moved or
    cancelled) are not needed ("no longer due"); those whose moment passed while the mail server
    refused them are recorded as failed, for the admin to show."""
    not_needed, expired_unsent, expired_failing = [], [], []
    pending = ReminderLog.objects.filter(status=DeliveryStatus.PENDING).exclude(
        rule=ReminderRule.OFFICE_DIGEST
    )
    rows = pending.values_list(
        "pk", "session", "commitment", "rule", "occurrence", "attempts", "valid_until", "resent_at"
    )
    for pk, session_id, commitment_id, rule, occurrence, attempts, valid_until, resent in rows:
        if valid_until <= now:
            (expired_failing if attempts else expired_unsent).append(pk)
        elif resent is None and (session_id, commitment_id, rule, occurrence) not in due_keys:
            # A row the Office sent again is sent while it is valid, due or not.
            not_needed.append(pk)
    pending_now = ReminderLog.objects.filter(status=DeliveryStatus.PENDING)
    pending_now.filter(pk__in=not_needed + expired_unsent).update(status=DeliveryStatus.SKIPPED)
    pending_now.filter(pk__in=expired_failing).update(status=DeliveryStatus.FAILED)
    return len(not_needed) + len(expired_unsent) + len(expired_failing)


def retire_expired_digests(now):
    pending = ReminderLog.objects.filter(
        status=DeliveryStatus.PENDING, rule=ReminderRule.OFFICE_DIGEST, valid_until__lte=now
    )
    return pending.filter(attempts=0).update(status=DeliveryStatus.SKIPPED) + pending.update(
        status=DeliveryStatus.FAILED
    )


def _retry_wait(attempts):
    waits = get_setting("REMINDER_RETRY_MINUTES")
    return datetime.timedelta(minutes=waits[min(attempts, len(waits)) - 1])


def still_a_recipient(row, people):
    """True while the row's recipient is someone it would go to now: active, with an address,
    in the Office (an Office row) or in a group of a unit the reminder is about now (a unit row).
    Whoever left, was deactivated or lost the session to another unit since the claim is not
    mailed, whether the row waited for a mail server or the Office sent it again."""
    if row.audience == Audience.OFFICE:
        return row.recipient_id in people.office
    if row.commitment_id:
        keys = {row.commitment.department.translation_key}
    elif row.session_id:
        keys = {unit.translation_key for unit in row.session.departments.all()}
    else:
        return False
    return any(row.recipient_id in people.of_unit(key) for key in keys)


def send_one(now, people=None):
    """Send the next pending row, under a lock other scans skip. Returns the row's new status,
    or None when nothing is left to send. A row whose recipient is no longer one (`people`:
    recipients()) is recorded as no longer due, unsent."""
    people = people if people is not None else recipients()
    with transaction.atomic():
        row = (
            ReminderLog.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now, valid_until__gt=now)
            .order_by("next_attempt_at", "pk")
            .first()
        )
        if row is None:
            return None
        if not still_a_recipient(row, people):
            row.status = DeliveryStatus.SKIPPED
            row.save(update_fields=["status"])
            return row.status
        try:
            message = compose(row, now)
            message.send()
        except Exception as error:
            row.attempts += 1
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            if row.attempts >= get_setting("REMINDER_MAX_ATTEMPTS"):
                row.status = DeliveryStatus.FAILED
            else:
                row.next_attempt_at = now + _retry_wait(row.attempts)
            logger.warning("reminder %s not sent (attempt %s): %s", row.pk, row.attempts, error)
        else:
            row.attempts += 1
            row.status = DeliveryStatus.SENT
            row.sent_at = timezone.now()
            row.subject = message.subject[:300]
            row.last_error = ""
        row.save(
            update_fields=[
                "attempts",
                "last_error",
                "status",
                "next_attempt_at",
                "sent_at",
                "subject",
            ]
        )
        return row.status


def send_pending(now, result):
    """Send up to REMINDER_BATCH pending rows; stop at the first refusal of the mail server."""
    people = recipients()
    for _ in range(get_setting("REMINDER_BATCH")):
        status = send_one(now, people)
        if status is None:
            break
        if status == DeliveryStatus.SENT:
            result.sent += 1
            continue
        if status == DeliveryStatus.SKIPPED:
            result.retired += 1
            continue
        result.failed += status == DeliveryStatus.FAILED
        break  # the mail server refused: leave the rest to the next scan
    else:
        result.more = True
    result.deferred = ReminderLog.objects.filter(
        status=DeliveryStatus.PENDING, valid_until__gt=now
    ).count()


def scan(now=None):
    """Claim and send every reminder due now. Safe to run twice, or twice at once."""
    now = now or timezone.now()
    result = ScanResult()
    with remembering():
        due = rules.due_reminders(now)
        result.due = len(due)
        result.claimed = claim(rows_for(due, recipients(), now))
        result.retired = retire({reminder.key for reminder in due}, now)
        result.retired += retire_expired_digests(now)
        send_pending(now, result)
    logger.info("reminder scan at %s: %s", now.isoformat(), result)
    return result
