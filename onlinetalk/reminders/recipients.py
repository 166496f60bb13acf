"""Who receives a reminder: the unit's editors and reviewers, and the Office's editors and
approvers — active people with an e-mail address, found through the access groups (one query)."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from onlinetalk.access.models import OFFICE_ROLES, UNIT_ROLES


@dataclass
class Recipients:
    office: set = field(default_factory=set)
    units: dict = field(default_factory=dict)  # unit translation key → user ids

    def of_unit(self, unit_key):
        return self.units.get(unit_key, set())


def recipients():
    found = Recipients()
    # From the membership rows (one per person and group), so that one person's missing address
    # leaves the rest of the group alone.
    memberships = get_user_model().groups.through.objects
    rows = (
        memberships.filter(user__is_active=True, group__onlinetalk_access__isnull=False)
        .exclude(user__email="")
        .values_list(
            "group__onlinetalk_access__role",
            "group__onlinetalk_access__department__translation_key",
            "user_id",
        )
    )
    for role, unit_key, user_id in rows:
        if role in OFFICE_ROLES:
            found.office.add(user_id)
        elif role in UNIT_ROLES and unit_key is not None:
            found.units.setdefault(unit_key, set()).add(user_id)
    return found
