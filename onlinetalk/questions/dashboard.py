"""The admin dashboard's reminder of the questions waiting for the user's units."""

from wagtail.admin.ui.components import Component

from .permissions import question_policy
from .scope import sessions_with_question_counts


class PendingQuestionsPanel(Component):
    name = "onlinetalk_pending_questions"
    template_name = "onlinetalk/admin/pending_questions_panel.html"
    order = 90  # above Wagtail's own panels: questions are time-critical before a session

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        user = request.user
        context["sessions"] = (
            list(
                sessions_with_question_counts(user, "change")
                .filter(pending__gt=0)
                .order_by("start")[:20]
            )
            if question_policy.user_has_permission(user, "change")
            else []
        )
        return context
