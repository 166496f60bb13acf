"""Creates the groups, permissions and task schedules the extension needs, idempotently.

Run through `manage.py setup_portal`; safe to run again after adding a unit or a column page.
Nothing here is ever set up by hand in the admin.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from wagtail.models import GroupPagePermission, Locale, Page, Workflow, WorkflowPage, WorkflowTask

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.approval.models import OfficeApprovalTask, UnitReviewTask
from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department
from onlinetalk.responses.models import HotResponseIndexPage
from onlinetalk.schedule.models import TalkIndexPage

PUBLISH_SCHEDULED_TASK = "onlinetalk.tasks.publish_scheduled_pages"
PUBLISH_SCHEDULED_NAME = "onlinetalk: publish scheduled pages"

# Page permissions on the columns (民生在线 and 热点回应), by role. The page types narrow them for
# the units (onlinetalk.access.page_permissions): a unit's editors add and change their own units'
# sessions and responses only, and add nothing else. Nobody but the Office's approvers publishes;
# a unit's page goes live through the workflow's last step. A unit's reviewers hold no page
# permission: they open their unit's pages while those await their step.
COLUMN_PAGE_PERMISSIONS = {
    AccessRole.OFFICE_EDITOR: ["add_page", "change_page", "lock_page", "unlock_page"],
    AccessRole.OFFICE_APPROVER: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
    AccessRole.UNIT_EDITOR: ["add_page", "change_page"],
    AccessRole.UNIT_REVIEWER: [],
}
UNIT_SNIPPET_PERMISSIONS = ["add_department", "change_department", "delete_department"]
# Questions: everyone who moderates sees and changes their own units' questions (the scope is
# applied by onlinetalk.questions.scope); only a unit's editors see the citizens' contacts.
QUESTION_PERMISSIONS = ["view_citizenquestion", "change_citizenquestion"]
OFFICE_QUESTION_SETUP_PERMISSIONS = [
    "add_questioncategory",
    "change_questioncategory",
    "delete_questioncategory",
    "add_reviewword",
    "change_reviewword",
    "delete_reviewword",
]
UNIT_EDITOR_EXTRA_PERMISSIONS = ["view_question_contact"]
# The live console: the office and every unit role run the broadcast (scoped by
# onlinetalk.live.permissions); nobody deletes an entry.
LIVE_PERMISSIONS = ["view_liveentry", "add_liveentry", "change_liveentry"]
# Commitments: the office and every unit role make them and record their progress (scoped by
# onlinetalk.responses.permissions); nobody deletes one.
COMMITMENT_PERMISSIONS = ["view_commitment", "add_commitment", "change_commitment"]
REMINDER_SCAN_TASK = "onlinetalk.tasks.scan_reminders"
REMINDER_SCAN_NAME = "onlinetalk: reminder scan"
OVERDUE_DIGEST_TASK = "onlinetalk.tasks.send_overdue_digest"
OVERDUE_DIGEST_NAME = "onlinetalk: overdue digest for the Office"
PURGE_CONTACTS_TASK = "onlinetalk.tasks.purge_question_contacts"
PURGE_CONTACTS_NAME = "onlinetalk: remove expired question contacts"
SEARCH_REBUILD_TASK = "onlinetalk.tasks.rebuild_search"
SEARCH_REBUILD_NAME = "onlinetalk: rebuild the search items"
SEARCH_REBUILD_TIME = "03:30"  # at night: the signals keep items current; this catches up


# Promoted search results (wagtail.contrib.search_promotions, when the host site installs it):
# the Office chooses them for the whole site; the units do not.
SEARCH_PROMOTIONS_APP = "wagtail.contrib.search_promotions"
SEARCH_PROMOTION_PERMISSIONS = [
    "add_searchpromotion",
    "change_searchpromotion",
    "delete_searchpromotion",
]


def _search_promotion_permissions():
    if not apps.is_installed(SEARCH_PROMOTIONS_APP):
        return []
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtailsearchpromotions",
            codename__in=SEARCH_PROMOTION_PERMISSIONS,
        )
    )


def _permissions(codenames):
    return list(
        Permission.objects.filter(content_type__app_label="onlinetalk", codename__in=codenames)
    )


# Wagtail's migrations give its default "Editors" and "Moderators" groups add, change and publish
# on the root page, which would let their members publish a session past the approval this
# product sets up: only this product's groups grant page permissions.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


@dataclass
class ProvisioningReport:
    created: list = field(default_factory=list)
    renamed: list = field(default_factory=list)
    revoked: list = field(default_factory=list)
    workflow: list = field(default_factory=list)

    def lines(self):
        return (
            [f"+ {name}" for name in self.created]
            + [f"+ workflow: {name}" for name in self.workflow]
            + [f"~ {old} → {new}" for old, new in self.renamed]
            + [f"- {name}: page permissions" for name in self.revoked]
        )


def _revoke_wagtail_default_page_permissions(report):
    """Idempotent: the groups stay (an administrator may still use them for other things), but
    they grant nothing on pages. Groups that this product manages are never touched."""
    permissions = GroupPagePermission.objects.filter(
        group__name__in=WAGTAIL_DEFAULT_GROUPS, group__onlinetalk_access__isnull=True
    )
    for name in sorted(set(permissions.values_list("group__name", flat=True))):
        report.revoked.append(name)
    permissions.delete()


def _admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def _ensure_group(role, name, department, report):
    access = (
        AccessGroup.objects.select_related("group").filter(role=role, department=department).first()
    )
    if access is None:
        group, created = Group.objects.get_or_create(name=name)
        AccessGroup.objects.create(group=group, role=role, department=department)
        if created:
            report.created.append(name)
        return group
    group = access.group
    if group.name != name and not Group.objects.filter(name=name).exists():
        report.renamed.append((group.name, name))
        group.name = name
        group.save(update_fields=["name"])
    return group


def _source_departments():
    """One row per unit: the default-language row where it exists, else any translation."""
    default_locale = Locale.get_default()
    units = {}
    for unit in Department.objects.order_by("pk"):
        if unit.translation_key not in units or unit.locale_id == default_locale.pk:
            units[unit.translation_key] = unit
    return sorted(units.values(), key=lambda unit: unit.pk)


@transaction.atomic
def provision():
    report = ProvisioningReport()
    admin_access = _admin_access()
    page_type = ContentType.objects.get_for_model(Page)
    department_type = ContentType.objects.get_for_model(Department)
    snippet_permissions = list(
        Permission.objects.filter(
            content_type=department_type, codename__in=UNIT_SNIPPET_PERMISSIONS
        )
    )
    column_pages = [*TalkIndexPage.objects.all(), *HotResponseIndexPage.objects.all()]

    office_names = {
        AccessRole.OFFICE_EDITOR: get_setting("OFFICE_EDITORS_GROUP"),
        AccessRole.OFFICE_APPROVER: get_setting("OFFICE_APPROVERS_GROUP"),
    }
    for role, name in office_names.items():
        group = _ensure_group(role, name, None, report)
        group.permissions.add(
            admin_access,
            *snippet_permissions,
            *_permissions(
                QUESTION_PERMISSIONS
                + OFFICE_QUESTION_SETUP_PERMISSIONS
                + LIVE_PERMISSIONS
                + COMMITMENT_PERMISSIONS
            ),
        )
        if role == AccessRole.OFFICE_EDITOR:
            group.permissions.add(*_search_promotion_permissions())
        _grant_on_columns(group, role, column_pages, page_type)

    for unit in _source_departments():
        for role, suffix in (
            (AccessRole.UNIT_EDITOR, get_setting("UNIT_EDITORS_SUFFIX")),
            (AccessRole.UNIT_REVIEWER, get_setting("UNIT_REVIEWERS_SUFFIX")),
        ):
            group = _ensure_group(role, f"{unit.name}{suffix}", unit, report)
            extra = UNIT_EDITOR_EXTRA_PERMISSIONS if role == AccessRole.UNIT_EDITOR else []
            group.permissions.add(
                admin_access,
                *_permissions(
                    QUESTION_PERMISSIONS + LIVE_PERMISSIONS + COMMITMENT_PERMISSIONS + extra
                ),
            )
            _grant_on_columns(group, role, column_pages, page_type)

    _revoke_wagtail_default_page_permissions(report)
    _ensure_workflow(column_pages, report)
    _ensure_schedule()
    return report


def _grant_on_columns(group, role, column_pages, page_type):
    """Every locale's column page: permissions on the Chinese tree do not reach the English one."""
    for page in column_pages:
        for codename in COLUMN_PAGE_PERMISSIONS[role]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(content_type=page_type, codename=codename),
            )


def _ensure_workflow(column_pages, report):
    """The one workflow, 单位审核 → 市政府办公室审批, on every locale's column pages (so English
    translations go through it too): found by its tasks' types, so renaming it in a setting or
    in the admin never makes a second one. Wagtail's default "Moderators approval" stays on the
    root for other pages; the column's own assignment is nearer and wins."""
    unit_task = UnitReviewTask.objects.order_by("pk").first()
    if unit_task is None:
        unit_task = UnitReviewTask.objects.create(name=get_setting("UNIT_REVIEW_TASK_NAME"))
        report.workflow.append(unit_task.name)
    office_task = OfficeApprovalTask.objects.order_by("pk").first()
    if office_task is None:
        office_task = OfficeApprovalTask.objects.create(
            name=get_setting("OFFICE_APPROVAL_TASK_NAME")
        )
        report.workflow.append(office_task.name)
    approvers = AccessGroup.objects.get(role=AccessRole.OFFICE_APPROVER, department=None).group
    office_task.groups.set([approvers])
    for task in (unit_task, office_task):
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])

    workflow = (
        Workflow.objects.filter(workflow_tasks__task=unit_task)
        .filter(workflow_tasks__task=office_task)
        .order_by("pk")
        .first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=get_setting("WORKFLOW_NAME"))
        report.workflow.append(workflow.name)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    steps = [unit_task.pk, office_task.pk]
    if list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True)) != (
        steps
    ):
        workflow.workflow_tasks.all().delete()
        for order, task_id in enumerate(steps):
            WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=order)
    for page in column_pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def _next_local(time_text, now=None):
    """The next moment (after now) at this local time of day."""
    now = timezone.localtime(now or timezone.now())
    hours, minutes = (int(part) for part in time_text.split(":"))
    moment = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    return moment if moment > now else moment + datetime.timedelta(days=1)


def _ensure_schedule():
    """The cluster's schedules, by name (`update_or_create`: running setup_portal again changes
    nothing and never adds a second row). A schedule's next run is set when it is created or its
    timing changed, and left alone otherwise (the cluster advances it)."""
    Schedule.objects.update_or_create(
        name=PUBLISH_SCHEDULED_NAME,
        defaults={
            "func": PUBLISH_SCHEDULED_TASK,
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name=REMINDER_SCAN_NAME,
        defaults={
            "func": REMINDER_SCAN_TASK,
            "schedule_type": Schedule.MINUTES,
            "minutes": 15,
            "repeats": -1,
        },
    )
    digest_time = get_setting("REMINDER_DIGEST_TIME")
    digest, _created = Schedule.objects.get_or_create(
        name=OVERDUE_DIGEST_NAME,
        defaults={
            "func": OVERDUE_DIGEST_TASK,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": _next_local(digest_time),
        },
    )
    digest.func, digest.schedule_type, digest.repeats = OVERDUE_DIGEST_TASK, Schedule.DAILY, -1
    if timezone.localtime(digest.next_run).strftime("%H:%M") != digest_time:
        digest.next_run = _next_local(digest_time)
    digest.save()
    Schedule.objects.update_or_create(
        name=PURGE_CONTACTS_NAME,
        defaults={"func": PURGE_CONTACTS_TASK, "schedule_type": Schedule.DAILY, "repeats": -1},
    )
    Schedule.objects.get_or_create(
        name=SEARCH_REBUILD_NAME,
        defaults={
            "func": SEARCH_REBUILD_TASK,
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": _next_local(SEARCH_REBUILD_TIME),
        },
    )


def provision_new_column(sender, instance, created, raw=False, **kwargs):
    """A column page made after setup_portal (an English translation of the column, a second
    city column) gets the groups' permissions and the workflow at once: otherwise its pages
    would fall under Wagtail's default workflow until someone ran setup_portal again."""
    if created and not raw:
        transaction.on_commit(provision)


def connect():
    from django.db.models.signals import post_save

    for model in (TalkIndexPage, HotResponseIndexPage):
        post_save.connect(
            provision_new_column,
            sender=model,
            dispatch_uid=f"onlinetalk_provision_{model.__name__}",
        )
