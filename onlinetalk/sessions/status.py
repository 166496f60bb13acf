"""A session's status is derived from dates and facts, never typed by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ANNOUNCED = "announced", _("Announced")
    LIVE = "live", _("Live now")
    AWAITING_REPLIES = "awaiting_replies", _("Awaiting replies")
    REPLIED = "replied", _("Replied")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class ScheduleChange(models.TextChoices):
    NONE = "", _("As planned")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


def derive_status(*, now, start, end, announced, schedule_change="", replied=False):
    """planned → announced → live → awaiting replies → replied; or postponed / cancelled.

    `announced`: the announcement page is live. The live hour is start ≤ now < end.
    """
    if schedule_change == ScheduleChange.CANCELLED:
        return SessionStatus.CANCELLED
    if schedule_change == ScheduleChange.POSTPONED:
        return SessionStatus.POSTPONED
    if now >= end:
        return SessionStatus.REPLIED if replied else SessionStatus.AWAITING_REPLIES
    if now >= start:
        return SessionStatus.LIVE
    return SessionStatus.ANNOUNCED if announced else SessionStatus.PLANNED
