"""What editors do with commitments: make one (from a flagged live entry or by hand) and record
its progress. Every change of status or progress is a dated public update (who, when, what
changed, why, an optional photo or document); nothing is ever deleted."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Commitment, CommitmentStatus, CommitmentUpdate


class CommitmentError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class Progress:
    """One step a unit reports: the new status and progress, and what happened."""

    status: str
    progress: int
    note: str = ""
    author: str = ""  # who, shown publicly; empty: the commitment's unit
    dropped_reason: str = ""
    photo: object = None
    photo_alt: str = ""
    document: object = None


def check_progress(step):
    """Refuse what cannot be true: a progress outside 0–100, a done commitment short of 100, a
    dropped one without its public reason, a photo without alternative text."""
    if step.status not in CommitmentStatus.values:
        raise CommitmentError(_("Choose a status."), "status")
    if not 0 <= step.progress <= 100:
        raise CommitmentError(_("Progress is a percentage from 0 to 100."), "progress")
    if step.status == CommitmentStatus.DONE and step.progress != 100:
        raise CommitmentError(_("A commitment that is done is 100% done."), "progress")
    if step.status == CommitmentStatus.DROPPED and not step.dropped_reason.strip():
        raise CommitmentError(
            _("Give the public reason why the commitment is dropped."), "dropped_reason"
        )
    if step.photo is not None and not step.photo_alt.strip():
        raise CommitmentError(_("Describe the photo for readers who cannot see it."), "photo_alt")


def _author(commitment, step):
    return (step.author or "").strip() or str(commitment.department.name)


@transaction.atomic
def make_commitment(
    *,
    session,
    department,
    text,
    owner,
    made_at=None,
    expected_on=None,
    captured_from=None,
    user=None,
):
    """A new commitment, with its first public update ("made during the session")."""
    text = (text or "").strip()
    if not text:
        raise CommitmentError(_("Write what was committed to."), "text")
    commitment = Commitment.objects.create(
        session=session,
        department=department,
        text=text,
        owner=(owner or "").strip() or department.name,
        made_at=made_at or session.start,
        expected_on=expected_on,
        captured_from=captured_from,
    )
    CommitmentUpdate.objects.create(
        commitment=commitment,
        at=commitment.made_at,
        user=user,
        author=department.name,
        note="",  # the record says "Made: …" in the reader's language (commitment_facts)
        status_before="",
        status_after=commitment.status,
        progress_before=None,
        progress_after=commitment.progress,
    )
    return commitment


@transaction.atomic
def record_progress(commitment, step, *, user=None, at=None):
    """Move the commitment to `step` and keep the step as a dated public update. A step that
    changes nothing and says nothing is not recorded (returns None)."""
    check_progress(step)
    at = at or timezone.now()
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    unchanged = step.status == commitment.status and step.progress == commitment.progress
    if unchanged and not step.note.strip() and step.photo is None and step.document is None:
        return None
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        at=at,
        user=user,
        author=_author(commitment, step),
        note=step.note.strip(),
        status_before=commitment.status,
        status_after=step.status,
        progress_before=commitment.progress,
        progress_after=step.progress,
        photo=step.photo,
        photo_alt=step.photo_alt.strip(),
        document=step.document,
    )
    commitment.status = step.status
    commitment.progress = step.progress
    commitment.dropped_reason = (
        step.dropped_reason.strip() if step.status == CommitmentStatus.DROPPED else ""
    )
    commitment.closed_at = at if not commitment.is_open else None
    commitment.save(update_fields=["status", "progress", "dropped_reason", "closed_at"])
    return update
