"""Admin panel that shows an editor the coverage warnings of a year's schedule."""

from wagtail.admin.panels import Panel

from .months import month_label


class ScheduleCoveragePanel(Panel):
    """Lists the programme months that have no session yet (the notice asks for one a month)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "onlinetalk/admin/schedule_coverage_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["uncovered_months"] = [
                month_label(month) for month in self.instance.uncovered_months()
            ]
            return context
