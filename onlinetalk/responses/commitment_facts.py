"""What a reader is told about a commitment beyond its fields: how long it has been open, whether
it is overdue, what each status means. Pure functions of the commitment and the moment."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CommitmentStatus

# The legend: what each status means, in the order a commitment goes through them.
STATUS_MEANINGS = {
    CommitmentStatus.NOT_STARTED: gettext_lazy(
        "Committed to during the session; the unit has not reported any work on it yet."
    ),
    CommitmentStatus.IN_PROGRESS: gettext_lazy(
        "The unit is working on it; the progress shows how far it has come."
    ),
    CommitmentStatus.DONE: gettext_lazy("Carried out in full (100%)."),
    CommitmentStatus.DROPPED: gettext_lazy(
        "It will not be carried out; the unit gives its public reason."
    ),
}


def legend():
    return [
        {"status": status.value, "label": status.label, "meaning": STATUS_MEANINGS[status]}
        for status in CommitmentStatus
    ]


def days_open(commitment, now=None):
    """Whole days from the day it was made to today (or to the day it was closed)."""
    end = commitment.closed_at if commitment.closed_at and not commitment.is_open else now
    end = end or timezone.now()
    return max((timezone.localdate(end) - timezone.localdate(commitment.made_at)).days, 0)


def is_overdue(commitment, now=None):
    """Still open after its expected completion date."""
    if not commitment.is_open or commitment.expected_on is None:
        return False
    return timezone.localdate(now or timezone.now()) > commitment.expected_on


def what_changed(update):
    """“Not started → In progress, progress 0% → 30%”, in the reader's language."""
    if not update.status_before:
        return _("Made: %(status)s, %(progress)s%%") % {
            "status": update.get_status_after_display(),
            "progress": update.progress_after,
        }
    parts = []
    if update.status_before != update.status_after:
        parts.append(
            _("%(before)s → %(after)s")
            % {
                "before": update.get_status_before_display(),
                "after": update.get_status_after_display(),
            }
        )
    if update.progress_before is not None and update.progress_before != update.progress_after:
        parts.append(
            _("progress %(before)s%% → %(after)s%%")
            % {"before": update.progress_before, "after": update.progress_after}
        )
    if not parts:
        return _("No change of status or progress (%(status)s, %(progress)s%%)") % {
            "status": update.get_status_after_display(),
            "progress": update.progress_after,
        }
    return _(", ").join(str(part) for part in parts)
