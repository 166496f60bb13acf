"""The one permission policy for citizens' questions.

Every admin view, chooser, bulk action, export, dashboard panel and menu item that touches a
question asks this policy, and the policy asks `access.scope.units_for_user`: a unit's editors
and reviewers see and moderate the questions of their own units' sessions only, the office all of
them. Questions come from citizens only and are never deleted: nobody may add or delete one.
"""

from django.db.models import Exists, OuterRef
from wagtail.permission_policies import ModelPermissionPolicy

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.sessions.models import TalkSessionPage

from .models import CitizenQuestion

NEVER = ("add", "delete")
CONTACT_PERMISSION = "onlinetalk.view_question_contact"


class CitizenQuestionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in NEVER:
            return False
        return super().user_has_permission(user, action)

    def _questions_in_scope(self, user):
        if is_office_user(user):
            return CitizenQuestion.objects.all()
        units = units_for_user(user).values("translation_key")
        # A subquery, not a join: no duplicate rows, and the search backends can apply it.
        own_sessions = TalkSessionPage.objects.filter(departments__translation_key__in=units)
        return CitizenQuestion.objects.filter(session__in=own_sessions.values("pk"))

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return CitizenQuestion.objects.none()
        return self._questions_in_scope(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return CitizenQuestion.objects.none()
        return self._questions_in_scope(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def user_may_see_contacts(self, user):
        """Contacts are for the unit's editors (and the office), within the same scope."""
        return self.user_has_permission(user, "view") and user.has_perm(CONTACT_PERMISSION)

    def sessions_for_user(self, user, action="view"):
        """The sessions that have questions this user may act on."""
        questions = self.instances_user_has_permission_for(user, action)
        return TalkSessionPage.objects.filter(Exists(questions.filter(session_id=OuterRef("pk"))))


question_policy = CitizenQuestionPermissionPolicy(CitizenQuestion)
