"""The admin dashboard's reminder of the questions waiting for the user's units."""

from wagtail.admin.ui.components import Component

from .scope import sessions_with_questions


class PendingQuestionsPanel(Component):
    name = "onlinetalk_pending_questions"
    template_name = "onlinetalk/admin/pending_questions_panel.html"
    order = 90  # above Wagtail's own panels: questions are time-critical before a session

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        context["sessions"] = (
            list(sessions_with_questions(request.user).filter(pending__gt=0).order_by("start")[:20])
            if request.user.has_perm("onlinetalk.change_citizenquestion")
            else []
        )
        return context
