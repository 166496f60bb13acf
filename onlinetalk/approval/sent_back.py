"""What the workflow sent back to an editor: the pages whose workflow waits for their changes.

A page's workflow that a step rejected stays "needs changes" until its editor resubmits (it then
resumes) or cancels it; Wagtail allows one such state per page, so it is the page's latest. The
editor is whoever submitted it (`requested_by`) or wrote its latest revision. Each row is kept
only if the user may edit the page (the page's own permission tester), and the queries do not
grow with the number of rows.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import Page, TaskState, WorkflowState, get_default_page_content_type

from onlinetalk.departments.models import Department
from onlinetalk.responses.models import HotResponsePage
from onlinetalk.sessions.models import TalkSessionPage

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
    remember_unit_keys(pages.values())
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


def remember_unit_keys(pages):
    """Fill the per-instance cache of `unit_keys()` for many sessions and hot responses in one
    query each, so that the permission tester asks the database nothing per row."""
    sessions = [page for page in pages if isinstance(page, TalkSessionPage)]
    responses = [page for page in pages if isinstance(page, HotResponsePage) and page.session_id]
    if sessions:
        keys = _unit_keys_by_session_key({page.translation_key for page in sessions})
        for page in sessions:
            page._unit_keys = keys.get(page.translation_key, set())
    if responses:
        session_keys = dict(
            TalkSessionPage.objects.filter(
                pk__in={page.session_id for page in responses}
            ).values_list("pk", "translation_key")
        )
        keys = _unit_keys_by_session_key(set(session_keys.values()))
        for page in responses:
            page._unit_keys = keys.get(session_keys.get(page.session_id), set())


def _unit_keys_by_session_key(session_keys):
    keys = {}
    for session_key, unit_key in (
        Department.objects.filter(sessions__translation_key__in=session_keys)
        .values_list("sessions__translation_key", "translation_key")
        .distinct()
    ):
        keys.setdefault(session_key, set()).add(unit_key)
    return keys
