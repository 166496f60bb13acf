"""The approval's admin wiring. Registration only."""

from wagtail import hooks

from .labels import final_approval_labels
from .translations import submit_translation

hooks.register("construct_page_action_menu", final_approval_labels)
# Before wagtail-localize's own hook, which would take the request to its translation editor.
hooks.register("before_edit_page", submit_translation, order=-1)
