"""The two steps of the column's workflow (单位审核 → 市政府办公室审批) as Wagtail tasks.

- `UnitReviewTask`: the reviewers of the page's own unit(s) approve. Its approvers are resolved
  from the page (`page.unit_keys()`), not a fixed group, so that one workflow serves every unit.
  A page without a unit (a year page, a column) has nothing for a unit to review: the step
  approves itself and the page goes to the Office.
- `OfficeApprovalTask`: the Office's approvers (a group approval task), whose approval publishes.

Both refuse an approval by the author of the revision under review (`rules.wrote_revision`),
and both check the page of the task state acted on, not only the page named in the URL.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from . import rules


class UnitReviewTask(Task):
    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("unit review")
        verbose_name_plural = _("unit reviews")

    @classmethod
    def get_description(cls):
        return _("The reviewers of the page's own unit(s) approve it.")

    def start(self, workflow_state, user=None):
        page = workflow_state.content_object
        if not rules.page_unit_keys(page):
            task_state = self.get_task_state_class()(
                workflow_state=workflow_state,
                task=self,
                revision=page.get_latest_revision(),
                status=TaskState.STATUS_APPROVED,
                finished_at=timezone.now(),
                comment=str(_("No unit: the Office's page goes straight to the Office.")),
            )
            task_state.save()
            return task_state
        rules.unlock_unless(page, lambda locker: rules.reviews_for_units(page, locker))
        return super().start(workflow_state, user=user)

    def _may_review(self, obj, user):
        return rules.reviews_for_units(obj, user)

    def takes_step(self, obj, user):
        return self._may_review(obj, user)

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._may_review(obj, user)

    def get_actions(self, obj, user):
        if not self._may_review(obj, user) or rules.wrote_revision(obj, user):
            return []
        return rules.approval_actions()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        rules.check_may_act(task_state, user, self._may_review)
        super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return rules.reviewable_states(states, user)


class OfficeApprovalTask(AbstractGroupApprovalTask):
    class Meta:
        verbose_name = _("Office approval")
        verbose_name_plural = _("Office approvals")

    @classmethod
    def get_description(cls):
        return _("The Office's approvers approve; their approval publishes the page.")

    def takes_step(self, obj, user):
        return user.is_active and (user.is_superuser or self._user_in_groups(user))

    def start(self, workflow_state, user=None):
        # Resubmitted after changes were requested here, the new text goes back to the unit
        # first (Wagtail would resume at this step).
        earlier = rules.earlier_step_to_retake(workflow_state, self)
        if earlier is not None:
            return earlier.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def get_actions(self, obj, user):
        if not self.takes_step(obj, user) or rules.wrote_revision(obj, user):
            return []
        return rules.approval_actions()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        rules.check_may_act(task_state, user, self.takes_step)
        super().on_action(task_state, user, action_name, **kwargs)


__all__ = ["OfficeApprovalTask", "UnitReviewTask"]
