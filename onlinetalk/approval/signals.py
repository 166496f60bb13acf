"""The approval's receivers (connected once, by the app's ready())."""

from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .notifications import (
    GroupApprovalSubmissionNotifier,
    UnitReviewSubmissionNotifier,
    WorkflowApprovalNotifier,
    WorkflowRejectionNotifier,
    WorkflowSubmissionNotifier,
)

unit_review_submitted = UnitReviewSubmissionNotifier()

# Wagtail's notifiers (wagtail.admin.signal_handlers), replaced under their own dispatch ids by
# the same notifiers in the recipient's language: whichever app is ready first, only ours stays
# (Django ignores a second receiver with the same id and sender).
REPLACED = (
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        GroupApprovalSubmissionNotifier(),
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmissionNotifier(),
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        WorkflowRejectionNotifier(),
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        WorkflowApprovalNotifier(),
    ),
)


def connect():
    task_submitted.connect(
        unit_review_submitted,
        sender=TaskState,
        dispatch_uid="onlinetalk_unit_review_submitted_email_notification",
    )
    for signal, sender, dispatch_uid, notifier in REPLACED:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
