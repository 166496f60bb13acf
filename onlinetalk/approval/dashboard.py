"""The admin dashboard's "Sent back to you": the editor's pages that a step of the workflow
returned with a request for changes, with the comment, the step, who and when."""

from wagtail.admin.ui.components import Component

from .names import readable_name
from .sent_back import sent_back_to


class SentBackPanel(Component):
    name = "onlinetalk_sent_back"
    template_name = "onlinetalk/admin/sent_back_panel.html"
    order = 200  # above Wagtail's workflow panels: what waits for the editor comes first

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        rows = sent_back_to(request.user)
        for row in rows:
            row.step = readable_name(row.task.name)
        context["rows"] = rows
        context["request"] = request
        return context
