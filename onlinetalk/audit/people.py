"""The Office adds a person to a unit (or to the Office) in one step: the person's account, if
new, and their membership of the group that holds the role. The groups are the ones
`manage.py setup_portal` makes, found through `AccessGroup` (never by their names)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from onlinetalk.access.models import OFFICE_ROLES, AccessGroup

ADD_PERSON_ACTION = "onlinetalk.people.add"


class PeopleError(Exception):
    pass


def access_group_for(role, unit=None):
    """The group of a role (of a unit, matched in any language), or PeopleError saying how to
    make it."""
    if role in OFFICE_ROLES:
        access = AccessGroup.objects.filter(role=role, department__isnull=True)
    else:
        if unit is None:
            raise PeopleError(_("Choose the unit of a unit role."))
        access = AccessGroup.objects.filter(
            role=role, department__translation_key=unit.translation_key
        )
    access = access.select_related("group").first()
    if access is None:
        raise PeopleError(
            _("The group for this role does not exist yet: run “manage.py setup_portal” first.")
        )
    return access.group


def new_user(*, username, name="", email="", language="", password=""):
    """A new account: its password, or an unusable one (the person sets theirs through "Forgot
    password"); the admin in the language chosen for them."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password or None, first_name=name
    )
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def add_person(person, role, unit, *, by, new_account=None):
    """Put `person` (or a new account made of `new_account`'s fields) in the group of `role`
    (for `unit`); record who did it. Returns (person, group); nothing is made if the group is
    missing."""
    group = access_group_for(role, unit)
    if person is None:
        person = new_user(**new_account)
    person.groups.add(group)
    log(
        instance=person,
        action=ADD_PERSON_ACTION,
        user=by,
        data={"group": group.name, "role": str(role), "unit": unit.pk if unit else None},
    )
    return person, group
