"""The one permission policy for commitments (承诺事项).

The listing, the edit and creation forms, the history, usage and inspect views, the chooser (the
hot response's commitment block) and the menu item ask this policy, and it asks
`access.scope`: the office follows every commitment, a unit's editors and reviewers those their
own units carry out, nobody else any. A commitment is a public record: nobody deletes one (a
commitment that will not be kept is "dropped", with its public reason).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.sessions.models import TalkSessionPage

from .models import Commitment

NEVER = ("delete",)


class CommitmentPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in NEVER:
            return False
        return super().user_has_permission(user, action)

    def _in_scope(self, user):
        if is_office_user(user):
            return Commitment.objects.all()
        # A subquery on the unit itself (every language's row of the user's units, matched by
        # translation key in units_for_user): no duplicate rows, and the search backends (the
        # chooser's search) can apply it to their `department` filter field.
        return Commitment.objects.filter(department__in=units_for_user(user).values("pk"))

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return Commitment.objects.none()
        return self._in_scope(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return Commitment.objects.none()
        return self._in_scope(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def units_for_user(self, user, action="add"):
        """The units (default language) the user may make commitments for."""
        if not self.user_has_permission(user, action):
            return units_for_user(user).none()
        return units_for_user(user)

    def sessions_for_user(self, user, action="add"):
        """The sessions (default language) of the units the user may make commitments for."""
        units = self.units_for_user(user, action).values("translation_key")
        return TalkSessionPage.objects.filter(departments__translation_key__in=units).distinct()


commitment_policy = CommitmentPermissionPolicy(Commitment)
