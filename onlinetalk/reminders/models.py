"""The reminder log: one row per reminder that is due to one person, claimed before it is sent.

The unique constraints are what makes a reminder go out once: a scan claims the rows of the
reminders due now in one statement that skips the ones already claimed, whoever claimed them (a
second scan, a second cluster, the same scan run again after its worker was killed); a row is
then sent under a row lock and marked sent in the same transaction. A row left pending by a worker
that died is sent by the next scan; a failing mail server leaves the row pending with a later
attempt, until the attempts are spent and the row is recorded as failed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReminderRule(models.TextChoices):
    PLAN_BEFORE = "plan_before", _("Plan due soon")
    PLAN_DUE = "plan_due", _("Plan due today")
    PLAN_OVERDUE = "plan_overdue", _("Plan overdue")
    ANNOUNCEMENT = "announcement", _("Announcement not approved")
    BRIEFING = "briefing", _("Question briefing")
    REHEARSAL = "rehearsal", _("Rehearsal tomorrow")
    LIVE = "live", _("Live exchange in an hour")
    REPLIES_BEFORE = "replies_before", _("Replies due soon")
    REPLIES_OVERDUE = "replies_overdue", _("Replies overdue")
    COMMITMENT_BEFORE = "commitment_before", _("Commitment due soon")
    COMMITMENT_OVERDUE = "commitment_overdue", _("Commitment overdue")
    OFFICE_DIGEST = "office_digest", _("Overdue digest")


class Audience(models.TextChoices):
    UNIT = "unit", _("The unit")
    OFFICE = "office", _("The Office")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", pgettext_lazy("reminder", "Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("No longer due")


class ReminderLog(models.Model):
    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    commitment = models.ForeignKey(
        "onlinetalk.Commitment",
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    department = models.ForeignKey(
        "onlinetalk.Department",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The unit the reminder is about (empty: the Office's digest)."),
    )
    rule = models.CharField(_("reminder"), max_length=24, choices=ReminderRule.choices)
    # When this firing of the rule fell due, in local time ("2022-09-12T09:00"): a rescheduled
    # session's firings fall on other moments, so they are new occurrences.
    occurrence = models.CharField(_("occurrence"), max_length=32)
    audience = models.CharField(_("to"), max_length=8, choices=Audience.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="onlinetalk_reminders",
    )
    due_at = models.DateTimeField(_("milestone due"))
    valid_until = models.DateTimeField(
        _("valid until"), help_text=_("After this moment the reminder is no longer sent.")
    )
    claimed_at = models.DateTimeField(_("claimed"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    resent_at = models.DateTimeField(
        _("sent again at the Office's request"), null=True, blank=True, editable=False
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-claimed_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="onlinetalk_reminder_to_send"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "rule", "recipient", "occurrence"],
                condition=models.Q(session__isnull=False),
                name="onlinetalk_reminder_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["commitment", "rule", "recipient", "occurrence"],
                condition=models.Q(commitment__isnull=False),
                name="onlinetalk_reminder_once_per_commitment",
            ),
            models.UniqueConstraint(
                fields=["rule", "recipient", "occurrence"],
                condition=models.Q(session__isnull=True, commitment__isnull=True),
                name="onlinetalk_reminder_once_per_digest",
            ),
            models.CheckConstraint(
                condition=~models.Q(session__isnull=False, commitment__isnull=False),
                name="onlinetalk_reminder_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_rule_display()} → {self.recipient} ({self.occurrence})"
