"""Who receives a reminder: the unit's editors and reviewers, and the Office's editors and
approvers — active people with an e-mail address, found through the access groups (one query)."""

from dataclasses import dataclass, field

from onlinetalk.access.models import OFFICE_ROLES, UNIT_ROLES, AccessGroup


@dataclass
class Recipients:
    office: set = field(default_factory=set)
    units: dict = field(default_factory=dict)  # unit translation key → user ids

    def of_unit(self, unit_key):
        return self.units.get(unit_key, set())


def recipients():
    found = Recipients()
    rows = (
        AccessGroup.objects.filter(group__user__is_active=True)
        .exclude(group__user__email="")
        .values_list("role", "department__translation_key", "group__user")
    )
    for role, unit_key, user_id in rows:
        if role in OFFICE_ROLES:
            found.office.add(user_id)
        elif role in UNIT_ROLES and unit_key is not None:
            found.units.setdefault(unit_key, set()).add(user_id)
    return found
