"""Who may read the statistics and the inspection workbook: the one answer the view, the
download and the menu item ask."""

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.request_memo import default_locale, remembered_for_this_request


def may_see_statistics(user):
    """The Office, and the groups of a unit (asked by the view and its menu item: once)."""
    if is_office_user(user):
        return True
    return remembered_for_this_request(
        ("may see statistics", user.pk), lambda: units_for_user(user).exists()
    )


def may_export_inspection(user):
    """The inspection workbook covers every unit of the city: the Office only."""
    return is_office_user(user)


def units_in_scope(user):
    """The units whose rows the user reads (default-language rows, by name)."""
    return units_for_user(user).filter(locale=default_locale()).order_by("name")
