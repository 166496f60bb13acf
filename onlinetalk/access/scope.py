"""The one answer to "which units may this user act for": every later feature (questions, live
console, session pages) scopes itself with these functions."""

from onlinetalk.departments.models import Department
from onlinetalk.request_memo import remembered_for_this_request

from .models import OFFICE_ROLES, UNIT_ROLES, AccessGroup


def is_office_user(user):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    # Asked by every listing row and menu item: once per request.
    return remembered_for_this_request(
        ("office user", user.pk),
        lambda: AccessGroup.objects.filter(group__user=user, role__in=OFFICE_ROLES).exists(),
    )


def units_for_user(user):
    """Units the user acts for, in every language: all of them for the office and superusers,
    their own units for a unit's editors and reviewers, none for anyone else."""
    if not (user.is_authenticated and user.is_active):
        return Department.objects.none()
    if is_office_user(user):
        return Department.objects.all()
    own_units = Department.objects.filter(
        access_groups__group__user=user, access_groups__role__in=UNIT_ROLES
    ).values("translation_key")
    return Department.objects.filter(translation_key__in=own_units)


def can_act_for(user, department):
    return units_for_user(user).filter(translation_key=department.translation_key).exists()
