"""What the workflow sent back to an editor: the pages whose workflow waits for their changes.

A page's workflow that a step rejected stays "needs changes" until its editor resubmits (it then
resumes) or cancels it; Wagtail allows one such state per page, so it is the page's latest. The
editor is whoever submitted it (`requested_by`) or wrote its latest revision. Each row is kept
only if the user may edit the page (the page's own permission tester, which asks one query per
page type for the user's own pages), and the queries do not grow with the number of rows.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState, get_default_page_content_type

# Rows looked at (newest first) before the permission check, and rows shown.
CANDIDATES = 100
SHOWN = 20


@dataclass
class SentBack:
    page: Page
    task: object
    task_state: TaskState
    comment: str
    sent_back_at: datetime | None
    sent_back_by: object


def sent_back_to(user, limit=SHOWN):
    """[SentBack, …], newest first, for the pages sent back to `user` that they may edit."""
    if not (user.is_authenticated and user.is_active):
        return []
    last_edited_by_user = Exists(
        Page.objects.filter(
            id=Cast(OuterRef("object_id"), output_field=IntegerField()),
            latest_revision__user=user,
        )
    )
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type_id=get_default_page_content_type().id,
        )
        .filter(Q(requested_by=user) | last_edited_by_user)
        .select_related(
            "current_task_state",
            "current_task_state__task",
            "current_task_state__finished_by",
        )
        .order_by("-current_task_state__finished_at", "-pk")[:CANDIDATES]
    )
    pages = (
        Page.objects.filter(pk__in=[int(state.object_id) for state in states]).specific().in_bulk()
    )
    rows = []
    for state in states:
        page = pages.get(int(state.object_id))
        task_state = state.current_task_state
        if page is None or task_state is None or task_state.status != TaskState.STATUS_REJECTED:
            continue
        if not page.permissions_for_user(user).can_edit():
            continue
        rows.append(
            SentBack(
                page=page,
                task=task_state.task,
                task_state=task_state,
                comment=task_state.get_comment(),
                sent_back_at=task_state.finished_at,
                sent_back_by=task_state.finished_by,
            )
        )
        if len(rows) == limit:
            break
    return rows
