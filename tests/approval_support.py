"""The people of the approval tests: one user per role of the two-unit programme
(tests.factories.two_unit_programme), each in the group setup_portal made for the role."""

from django.contrib.auth import get_user_model
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from onlinetalk.access.models import AccessGroup, AccessRole

ROLES = (
    "office editor",
    "office approver",
    "unit a editor",
    "unit a reviewer",
    "unit b editor",
    "unit b reviewer",
)


def member(username, role, unit=None, language="zh-hans"):
    """A user in the group of `role` (an AccessRole) for `unit` (None for the Office)."""
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.gov.cn"
    )
    department = None if unit is None else unit
    access = AccessGroup.objects.get(role=role, department=department)
    user.groups.add(access.group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def role_users(world):
    """{role name: user} for the world of two_unit_programme."""
    return {
        "office editor": member("office-editor", AccessRole.OFFICE_EDITOR),
        "office approver": member("office-approver", AccessRole.OFFICE_APPROVER),
        "office approver 2": member("office-approver-2", AccessRole.OFFICE_APPROVER),
        "unit a editor": member("a-editor", AccessRole.UNIT_EDITOR, world["unit a"]),
        "unit a reviewer": member("a-reviewer", AccessRole.UNIT_REVIEWER, world["unit a"]),
        "unit b editor": member("b-editor", AccessRole.UNIT_EDITOR, world["unit b"]),
        "unit b reviewer": member("b-reviewer", AccessRole.UNIT_REVIEWER, world["unit b"]),
    }


def column_workflow():
    """The workflow setup_portal puts on the column pages."""
    return Workflow.objects.get(
        workflow_tasks__sort_order=0, workflow_tasks__task__unitreviewtask__isnull=False
    )
