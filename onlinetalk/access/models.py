"""Which Django group acts for the portal office or for which unit.

Groups are found through this table, not by their names, so renaming a unit (and its groups)
keeps every permission attached.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRole(models.TextChoices):
    OFFICE_EDITOR = "office_editor", _("Office editors")
    OFFICE_APPROVER = "office_approver", _("Office approvers")
    UNIT_EDITOR = "unit_editor", _("Unit editors")
    UNIT_REVIEWER = "unit_reviewer", _("Unit reviewers")


OFFICE_ROLES = (AccessRole.OFFICE_EDITOR, AccessRole.OFFICE_APPROVER)
UNIT_ROLES = (AccessRole.UNIT_EDITOR, AccessRole.UNIT_REVIEWER)


class AccessGroup(models.Model):
    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="onlinetalk_access", verbose_name=_("group")
    )
    role = models.CharField(_("role"), max_length=20, choices=AccessRole.choices)
    department = models.ForeignKey(
        "onlinetalk.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_groups",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("access group")
        verbose_name_plural = _("access groups")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "department"],
                condition=models.Q(department__isnull=False),
                name="onlinetalk_accessgroup_one_group_per_unit_role",
            ),
            models.UniqueConstraint(
                fields=["role"],
                condition=models.Q(department__isnull=True),
                name="onlinetalk_accessgroup_one_group_per_office_role",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=["office_editor", "office_approver"], department__isnull=True)
                    | models.Q(role__in=["unit_editor", "unit_reviewer"], department__isnull=False)
                ),
                name="onlinetalk_accessgroup_unit_roles_name_a_unit",
            ),
        ]

    def __str__(self):
        return f"{self.group.name} ({self.get_role_display()})"
