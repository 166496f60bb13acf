"""The approval's admin wiring. Registration only."""

from django.urls import path
from wagtail import hooks

from . import views
from .dashboard import SentBackPanel
from .entry_points import submit_buttons
from .labels import explain_a_missing_approval, final_approval_labels
from .translations import submit_translation

hooks.register("construct_page_action_menu", final_approval_labels)
hooks.register("before_edit_page", explain_a_missing_approval)
# Before wagtail-localize's own hook, which would take the request to its translation editor.
hooks.register("before_edit_page", submit_translation, order=-1)
hooks.register("register_page_listing_buttons", submit_buttons)


@hooks.register("construct_homepage_panels")
def sent_back_panel(request, panels):
    panels.append(SentBackPanel())


@hooks.register("register_admin_urls")
def approval_urls():
    return [
        path(
            "onlinetalk/approval/<int:page_id>/submit/",
            views.submit_for_approval,
            name="onlinetalk_submit_for_approval",
        ),
    ]
