"""Wagtail's page listings offer, on a page the user may not touch, no action at all.

Wagtail shows its "View draft" button on every page with unpublished changes, whoever looks,
and refuses the preview afterwards; on another unit's session the listing would offer an action
the edit view then refuses. The listing agrees with the tester instead."""

from django.urls import reverse


def _without(buttons, url):
    kept = []
    for button in buttons:
        if getattr(button, "url", None) == url:
            continue
        nested = getattr(button, "dropdown_buttons", None)
        if nested:
            button.dropdown_buttons = _without(nested, url)
            if not button.dropdown_buttons:
                continue  # an empty "more" menu offers nothing either
        kept.append(button)
    return kept


def drop_refused_listing_buttons(buttons, page, user, context=None):
    if user.is_superuser or not page.has_unpublished_changes:
        return
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() or permissions.can_publish():
        return
    buttons[:] = _without(buttons, reverse("wagtailadmin_pages:view_draft", args=(page.pk,)))
