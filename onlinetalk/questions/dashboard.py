"""The admin dashboard's reminder of the questions waiting for the user's units."""

from django.db.models import Count, Max, Q
from wagtail.admin.ui.components import Component

from onlinetalk.sessions.models import TalkSessionPage

from .models import QuestionStatus
from .scope import questions_for_user


class PendingQuestionsPanel(Component):
    name = "onlinetalk_pending_questions"
    template_name = "onlinetalk/admin/pending_questions_panel.html"
    order = 90  # above Wagtail's own panels: questions are time-critical before a session

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        sessions = []
        if request.user.has_perm("onlinetalk.change_citizenquestion"):
            pending = questions_for_user(request.user).filter(status=QuestionStatus.PENDING)
            sessions = list(
                TalkSessionPage.objects.filter(questions__in=pending)
                .annotate(
                    pending=Count("questions", distinct=True),
                    flagged=Count("questions", filter=Q(questions__flagged=True), distinct=True),
                    latest=Max("questions__submitted_at"),
                )
                .order_by("start")[:20]
            )
        context["sessions"] = sessions
        return context
