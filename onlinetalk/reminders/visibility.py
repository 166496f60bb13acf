"""Who sees which reminders in the admin: the dashboard's agenda and the reminder log.

The Office and superusers see every unit's; a unit's editors and reviewers see their own units'
(matched by translation key, so a unit is the same in every language); anyone else sees none.
Only the Office sends a failed reminder again."""

from onlinetalk.access.page_permissions import unit_keys_of_user
from onlinetalk.access.scope import is_office_user

from .models import ReminderLog


class EveryUnit:
    """The agenda's scope for the Office: no unit filter."""


def agenda_scope(user):
    """EveryUnit for the Office, the set of the user's unit keys for a unit's people, or an
    empty set (nothing to show) for anyone else."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if is_office_user(user):
        return EveryUnit
    return unit_keys_of_user(user)


def may_see_reminder_log(user):
    return agenda_scope(user) is EveryUnit or bool(agenda_scope(user))


def may_send_again(user):
    return is_office_user(user)


def reminder_log_for(user):
    """The log rows the user may read: all for the Office; for a unit's people the rows whose
    unit is one of theirs (a joint session's rows carry the recipient's unit, the Office's rows
    the session's first unit); none for anyone else."""
    scope = agenda_scope(user)
    if scope is EveryUnit:
        return ReminderLog.objects.all()
    if not scope:
        return ReminderLog.objects.none()
    return ReminderLog.objects.filter(department__translation_key__in=scope)
