from wagtail.admin.panels import Panel


class MilestonesPanel(Panel):
    """The session's milestones for editors: due dates, done, overdue, estimated."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "onlinetalk/admin/milestones_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            session = self.instance
            context["milestones"] = session.milestones() if session.start else []
            return context
