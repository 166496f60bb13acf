"""The approval's admin wiring. Registration only."""

from wagtail import hooks

from .dashboard import SentBackPanel
from .labels import final_approval_labels

hooks.register("construct_page_action_menu", final_approval_labels)


@hooks.register("construct_homepage_panels")
def sent_back_panel(request, panels):
    panels.append(SentBackPanel())
