"""Template tags of the extension's admin screens."""

from django import template
from django.apps import apps
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets.button import ListingButton
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction

register = template.Library()


def _usable(action, model, user):
    """Wagtail offers every bulk action registered for a snippet model, its delete included,
    whether the model's permission policy lets anyone delete or not."""
    if issubclass(action, DeleteBulkAction):
        return policy_registry.get_by_type(model).user_has_permission(user, "delete")
    return True


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def usable_bulk_action_choices(context, app_label, model_name):
    """Wagtail's `bulk_action_choices` without the actions the user may not use, all in a row
    (Wagtail moves a fifth and further ones into a “More” menu)."""
    model = apps.get_model(app_label, model_name)
    actions = bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
    usable = [action for action in actions if _usable(action, model, context["request"].user)]
    return {
        "buttons": [
            ListingButton(
                action.display_name,
                reverse(
                    "wagtail_bulk_action",
                    args=[app_label, model_name, action.action_type],
                ),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname=" ".join(action.classes | {"bulk-action-btn"}),
            )
            for action in sorted(usable, key=lambda action: action.action_priority)
        ]
    }
