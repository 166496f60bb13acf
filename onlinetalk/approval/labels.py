"""What the edit view says about the approval: the last step's approve action publishes the
page, or schedules it when a go-live moment is set; a reviewer who wrote the latest changes is
told why they have no approve action."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OfficeApprovalTask, UnitReviewTask
from .rules import wrote_revision


def final_approval_labels(menu_items, request, context):
    page = context.get("page")
    if page is None:
        return
    state = page.current_workflow_state
    if state is None or not state.is_at_final_task:
        return
    go_live_at = page.go_live_at
    if page.latest_revision is not None:
        go_live_at = page.latest_revision.as_object().go_live_at
    scheduled = go_live_at is not None and go_live_at > timezone.now()
    for item in menu_items:
        if getattr(item, "name", None) != "approve":
            continue
        with_comment = getattr(item, "launch_modal", False)
        if scheduled:
            item.label = (
                _("Approve with comment and schedule")
                if with_comment
                else _("Approve and schedule")
            )
        else:
            item.label = (
                _("Approve with comment and publish") if with_comment else _("Approve and publish")
            )


def explain_a_missing_approval(request, page):
    """A reviewer who wrote the latest changes sees no approve action; the edit view says why
    rather than leaving them to look for it."""
    if request.method != "GET":
        return None
    task = page.current_workflow_task
    if task is None or not isinstance(task, (UnitReviewTask, OfficeApprovalTask)):
        return None
    if not task.takes_step(page, request.user) or not wrote_revision(page, request.user):
        return None
    messages.warning(
        request,
        _(
            "You wrote the latest changes of this page, so you cannot approve them: "
            "another person who takes the step “%(step)s” approves or sends them back."
        )
        % {"step": task.name},
    )
    return None
