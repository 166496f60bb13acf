"""What the last step's approve action says: the Office's approval publishes the page, or
schedules it when a go-live moment is set."""

from django.utils import timezone
from django.utils.translation import gettext as _


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
