"""The one permission policy for the live broadcast.

The console, its endpoints, the transcript compilation, the dashboard panel and the buttons that
lead to the console ask this policy, and it asks `access.scope`: the office runs every session's
broadcast, a unit's editors and reviewers those of their own units' sessions, nobody else any.
Entries are never deleted (a rehearsal is reset through its own service, not by deleting).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.sessions.models import TalkSessionPage

from .models import LiveEntry

NEVER = ("delete",)


class LiveEntryPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in NEVER:
            return False
        return super().user_has_permission(user, action)

    def sessions_for_user(self, user, action="add"):
        """The sessions (every language's page) whose broadcast the user may run."""
        if not self.user_has_permission(user, action):
            return TalkSessionPage.objects.none()
        if is_office_user(user):
            return TalkSessionPage.objects.all()
        units = units_for_user(user).values("translation_key")
        own = TalkSessionPage.objects.filter(departments__translation_key__in=units)
        return TalkSessionPage.objects.filter(translation_key__in=own.values("translation_key"))

    def user_may_broadcast(self, user, session, action="add"):
        return (
            self.sessions_for_user(user, action)
            .filter(translation_key=session.translation_key)
            .exists()
        )

    def instances_user_has_permission_for(self, user, action):
        sessions = self.sessions_for_user(user, action)
        return LiveEntry.objects.filter(stream__session__in=sessions.values("pk"))

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return LiveEntry.objects.none()
        return self.instances_user_has_permission_for(user, allowed[0])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_may_broadcast(user, instance.stream.session, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )


live_policy = LiveEntryPermissionPolicy(LiveEntry)
