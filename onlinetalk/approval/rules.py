"""Who takes which step of the approval, as plain functions the tasks ask."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState

from onlinetalk.access.models import AccessGroup, AccessRole


def page_unit_keys(page):
    """Translation keys of the page's units; none for a page that belongs to no unit."""
    if isinstance(page, Page) and type(page) is Page:
        page = page.specific
    unit_keys = getattr(page, "unit_keys", None)
    return unit_keys() if unit_keys is not None else set()


def reviews_for_units(page, user):
    """Whether `user` takes the unit step of `page`: a reviewer of one of its units (in any
    language), or a superuser. Remembered on the user for the request."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    keys = page_unit_keys(page)
    if not keys:
        return False
    return bool(keys & reviewer_unit_keys(user))


def reviewer_unit_keys(user):
    cached = getattr(user, "_onlinetalk_reviewer_unit_keys", None)
    if cached is None:
        cached = set(
            AccessGroup.objects.filter(group__user=user, role=AccessRole.UNIT_REVIEWER).values_list(
                "department__translation_key", flat=True
            )
        )
        user._onlinetalk_reviewer_unit_keys = cached
    return cached


def wrote_revision(page, user):
    """Whether `user` wrote any of what the step would approve: the page's latest revision, the
    one the current step was started on, or any revision written since the workflow started (a
    later revision by someone else still carries their changes). Nobody approves their own
    work."""
    authors = set()
    latest = getattr(page, "latest_revision", None)
    if latest is not None:
        authors.add(latest.user_id)
    task_state = page.current_workflow_task_state
    if task_state is not None and task_state.revision is not None:
        authors.add(task_state.revision.user_id)
    if user.pk in authors:
        return True
    workflow_state = task_state.workflow_state if task_state is not None else None
    return (
        workflow_state is not None
        and page.revisions.filter(user=user, created_at__gte=workflow_state.created_at).exists()
    )


def approval_actions():
    return [
        ("reject", _("Request changes"), True),
        ("approve", _("Approve"), False),
        ("approve", _("Approve with comment"), True),
    ]


def check_may_act(task_state, user, may_take_step):
    """The action is on the task state's own page: refuse a user who may not take the step
    there, or who wrote what it would approve (an id copied from another page's URL lands
    here too)."""
    page = task_state.workflow_state.content_object
    if isinstance(page, Page):
        page = page.specific
    if not may_take_step(page, user) or wrote_revision(page, user):
        raise PermissionDenied


def reviewable_states(states, user):
    """The in-progress unit steps that `user` takes: on pages of the units they review."""
    if not (user.is_authenticated and user.is_active):
        return states.none()
    if user.is_superuser:
        return states
    keys = reviewer_unit_keys(user)
    if not keys:
        return states.none()
    in_progress = list(states.select_related("workflow_state"))
    page_ids = {int(state.workflow_state.object_id) for state in in_progress}
    pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
    mine = [
        state.pk
        for state in in_progress
        if (page := pages.get(int(state.workflow_state.object_id))) is not None
        and page_unit_keys(page) & keys
    ]
    return TaskState.objects.filter(pk__in=mine)


def unlock_unless(page, may_keep_lock):
    """A page locked by someone who does not take the step is unlocked when the step starts
    (as Wagtail's group approval does)."""
    locker = getattr(page, "locked_by", None)
    if locker is not None and not may_keep_lock(locker):
        page.locked = False
        page.locked_by = None
        page.locked_at = None
        page.save(update_fields=["locked", "locked_by", "locked_at"])


def earlier_step_to_retake(workflow_state, task):
    """The first earlier step of the workflow that has not approved the page as it now is (an
    approval given before the latest revision was written), or None.

    Wagtail resumes a workflow sent back for changes at the step that sent it back, keeping the
    earlier approvals: the editor's new text would reach the Office without its unit's review.
    """
    page = workflow_state.content_object
    latest = page.get_latest_revision()
    if latest is None:
        return None
    steps = workflow_state.workflow.workflow_tasks.filter(task__active=True)
    order = steps.filter(task=task).values_list("sort_order", flat=True).first()
    if order is None:
        return None
    for step in steps.filter(sort_order__lt=order).order_by("sort_order"):
        approved = workflow_state.task_states.filter(
            task_id=step.task_id,
            status__in=(TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED),
            finished_at__gte=latest.created_at,
        )
        if not approved.exists():
            return Task.objects.get(pk=step.task_id).specific
    return None
