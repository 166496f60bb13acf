"""The demo's people and its pages at the approval's steps, for a walk-through of the roles.

One person per role (the Office's editor and approver, and an editor and a reviewer of each
showcase unit), and three showcase sessions with a change in the workflow: one awaiting its
unit's review, one reviewed and awaiting the Office, one sent back with a comment. All of it
through Wagtail's own workflow calls, as the admin's buttons make them. Idempotent.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.departments.models import Department
from onlinetalk.sessions.models import TalkSessionPage

from .programme_2022 import UNITS

# (username, role, unit name or None, full name)
OFFICE_PEOPLE = [
    ("office-editor", AccessRole.OFFICE_EDITOR, None, "陈编辑"),
    ("office-approver", AccessRole.OFFICE_APPROVER, None, "李审批"),
]
# The showcase's units: (unit name, their people's full names: editor, reviewer)
UNIT_PEOPLE = [
    ("市交通运输局", "周编辑", "吴审核"),
    ("市教育局", "郑编辑", "王审核"),
    ("市民政局", "冯编辑", "陈审核"),
    ("市市场监管局", "褚编辑", "卫审核"),
]
MAILBOXES = {name: mailbox for name, _short, _en, _en_short, mailbox in UNITS}

# (showcase slug, how far it got, the comment of the step that acted). Not the planned
# showcase: its go-live is scheduled, and Wagtail locks a scheduled page until it goes live.
STEPS = [
    ("showcase-live", "submitted", ""),
    ("showcase-announced", "unit approved", "内容已核对，同意报送。"),
    ("showcase-ended", "sent back", "请补充嘉宾名单和现场图片说明后再提交。"),
]


def people():
    """[(username, role label, unit name)] in the order the README lists them."""
    rows = [(username, role, None) for username, role, _unit, _name in OFFICE_PEOPLE]
    for unit, _editor, _reviewer in UNIT_PEOPLE:
        mailbox = MAILBOXES[unit]
        rows.append((f"{mailbox}-editor", AccessRole.UNIT_EDITOR, unit))
        rows.append((f"{mailbox}-reviewer", AccessRole.UNIT_REVIEWER, unit))
    return rows


def _person(username, full_name, role, unit, password):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        family, given = full_name[0], full_name[1:]
        user = User.objects.create_user(
            username=username,
            email=f"{username}@example.gov.cn",
            first_name=given,
            last_name=family,
        )
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "zh-hans"
        profile.save()
    access = AccessGroup.objects.select_related("group").get(role=role, department=unit)
    user.groups.add(access.group)
    return user, created


def create_people(password=None):
    """The demo's people, in the groups setup_portal made. Returns {username: user} and the
    usernames created now."""
    chinese = Locale.get_default()
    users, created = {}, []
    names = {username: name for username, _role, _unit, name in OFFICE_PEOPLE}
    units = {}
    for unit_name, editor, reviewer in UNIT_PEOPLE:
        mailbox = MAILBOXES[unit_name]
        names[f"{mailbox}-editor"], names[f"{mailbox}-reviewer"] = editor, reviewer
        units[unit_name] = Department.objects.get(locale=chinese, name=unit_name)
    for username, role, unit_name in people():
        unit = units[unit_name] if unit_name else None
        user, new = _person(username, names[username], role, unit, password)
        users[username] = user
        if new:
            created.append(username)
    return users, created


def put_sessions_in_the_workflow(users, log=print):
    """Three showcase sessions with a change at a step of the workflow (skipped when a session
    has been through the workflow before, or is missing)."""
    chinese = Locale.get_default()
    for slug, step, comment in STEPS:
        session = TalkSessionPage.objects.filter(locale=chinese, slug=slug).first()
        if session is None or session.workflow_states.exists():
            continue
        unit = session.departments.first()
        mailbox = MAILBOXES.get(unit.name) if unit else None
        editor = users.get(f"{mailbox}-editor")
        reviewer = users.get(f"{mailbox}-reviewer")
        workflow = session.get_workflow()
        if editor is None or reviewer is None or workflow is None:
            continue
        session.plan_notes = (session.plan_notes + "\n" if session.plan_notes else "") + (
            "演练安排已与信息中心确认。"
        )
        session.save_revision(user=editor, log_action=True)
        workflow.start(session, editor)
        session.refresh_from_db()
        if step != "submitted":
            task_state = session.current_workflow_task_state
            action = "approve" if step == "unit approved" else "reject"
            task_state.task.specific.on_action(task_state, reviewer, action, comment=comment)
        log(f"+ workflow demo ({step}): {session.title}")
