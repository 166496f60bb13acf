"""`load_demo` and `setup_portal` are idempotent, and `units_for_user` answers which units a user
may act for."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.management import call_command
from django.db.models import Count
from django_q.models import Schedule
from wagtail.models import GroupPagePermission, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from onlinetalk.access.models import AccessGroup, AccessRole
from onlinetalk.access.scope import can_act_for, is_office_user, units_for_user
from onlinetalk.departments.models import Department
from onlinetalk.localization import translate_in_code
from onlinetalk.questions.models import CitizenQuestion, QuestionCategory, QuestionEvent
from onlinetalk.responses.models import Commitment, CommitmentUpdate, ResponseAnswer
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot
from tests.clock import local
from tests.factories import DepartmentFactory, TalkIndexPageFactory

OFFICE_GROUPS = {"市政府办公室-编辑", "市政府办公室-审核"}
WAGTAIL_GROUPS = {"Editors", "Moderators"}  # Wagtail's own migrations create these


def portal_groups():
    return Group.objects.exclude(name__in=WAGTAIL_GROUPS)


def run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def per_locale(queryset):
    return dict(
        queryset.values_list("locale__language_code").annotate(n=Count("pk")).order_by("locale")
    )


def content_snapshot():
    """Everything load_demo and setup_portal make, counted and named."""
    return {
        "pages per locale": per_locale(Page.objects.filter(depth__gt=1)),
        "page titles": sorted(
            Page.objects.values_list("locale__language_code", "url_path", "title")
        ),
        "live pages": Page.objects.filter(live=True).count(),
        "revisions": Revision.objects.count(),
        "units per locale": per_locale(Department.objects.all()),
        "unit names": sorted(Department.objects.values_list("locale__language_code", "name")),
        "slots": ScheduleSlot.objects.count(),
        "slots per locale": per_locale(ScheduleSlot.objects.all()),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "group permissions": sorted(
            Group.permissions.through.objects.values_list("group__name", "permission__codename")
        ),
        "access groups": sorted(
            AccessGroup.objects.values_list("group__name", "role", "department__name")
        ),
        "group page permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page__url_path", "permission__codename"
            )
        ),
        "task schedules": sorted(Schedule.objects.values_list("name", "func", "schedule_type")),
        "questions": CitizenQuestion.objects.count(),
        "question events": QuestionEvent.objects.count(),
        "question categories": sorted(QuestionCategory.objects.values_list("locale_id", "name")),
        "commitments": sorted(Commitment.objects.values_list("text", "status", "progress")),
        "commitment updates": CommitmentUpdate.objects.count(),
        "answered in a hot response": ResponseAnswer.objects.count(),
        "translation sources": TranslationSource.objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
    }


# load_demo ------------------------------------------------------------------------------------


def test_load_demo_builds_the_2022_programme_in_both_languages(demo):
    snapshot = content_snapshot()

    # Home, column, the 2022 year with its 11 sessions; four showcase sessions around today
    # under the year page(s) of their own dates; the 热点回应 column with the 11 sessions'
    # hot responses.
    showcase_years = AnnualSchedulePage.objects.filter(locale__language_code="zh-hans").count() - 1
    expected_pages = 3 + 11 + 4 + showcase_years + 1 + 11
    assert snapshot["pages per locale"] == {"zh-hans": expected_pages, "en": expected_pages}
    assert snapshot["units per locale"] == {"zh-hans": 11, "en": 11}
    assert snapshot["slots per locale"] == {"zh-hans": 10 + 4, "en": 10 + 4}
    portal_groups = set(snapshot["groups"]) - WAGTAIL_GROUPS
    assert portal_groups >= OFFICE_GROUPS
    assert len(portal_groups) == 2 + 2 * 11
    assert {"市不动产登记中心-编辑", "市不动产登记中心-审核"} <= portal_groups
    assert [name for name, *_ in snapshot["task schedules"]] == [
        "onlinetalk: overdue digest for the Office",
        "onlinetalk: publish scheduled pages",
        "onlinetalk: rebuild the search items",
        "onlinetalk: reminder scan",
        "onlinetalk: remove expired question contacts",
    ]
    # Questions on the announced and the live showcase sessions and two 2022 sessions, each
    # with a history, and those the other 2022 hot responses answer (2 each, 1 more in
    # September and 1 more in December: the housing provident fund, for the search).
    assert snapshot["questions"] == 12 + 5 + 9 * 2 + 1 + 1
    assert snapshot["question events"] > snapshot["questions"]


def test_load_demo_twice_gives_the_same_content(demo):
    first = content_snapshot()

    output = run("load_demo")

    assert content_snapshot() == first
    assert not [line for line in output.splitlines() if line.startswith(("+", "~"))], output


# setup_portal ---------------------------------------------------------------------------------


@pytest.fixture
def units(db):
    return [
        DepartmentFactory(name="市教育局", short_name="教育局"),
        DepartmentFactory(name="市民政局", short_name="民政局"),
    ]


def test_setup_portal_creates_office_and_unit_groups_with_admin_access(units):
    output = run("setup_portal")

    expected = OFFICE_GROUPS | {"市教育局-编辑", "市教育局-审核", "市民政局-编辑", "市民政局-审核"}
    assert set(portal_groups().values_list("name", flat=True)) == expected
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in portal_groups():
        assert access_admin in group.permissions.all(), group.name
    for name in expected:
        assert f"+ {name}" in output
    assert "6 group(s) created, 0 renamed" in output


def test_setup_portal_records_each_groups_role_and_unit(units):
    run("setup_portal")

    roles = {
        (access.group.name, access.role, access.department_id)
        for access in AccessGroup.objects.select_related("group")
    }
    assert roles == {
        ("市政府办公室-编辑", AccessRole.OFFICE_EDITOR, None),
        ("市政府办公室-审核", AccessRole.OFFICE_APPROVER, None),
        ("市教育局-编辑", AccessRole.UNIT_EDITOR, units[0].pk),
        ("市教育局-审核", AccessRole.UNIT_REVIEWER, units[0].pk),
        ("市民政局-编辑", AccessRole.UNIT_EDITOR, units[1].pk),
        ("市民政局-审核", AccessRole.UNIT_REVIEWER, units[1].pk),
    }


def test_setup_portal_gives_unit_groups_no_page_publishing(units):
    run("setup_portal")

    unit_groups = portal_groups().exclude(name__in=OFFICE_GROUPS)
    assert unit_groups.count() == 4
    assert not GroupPagePermission.objects.filter(group__in=unit_groups).exists()
    assert not Permission.objects.filter(group__in=unit_groups, codename="publish_page").exists()


def test_setup_portal_twice_changes_nothing(units):
    run("setup_portal")
    first = content_snapshot()

    output = run("setup_portal")

    assert content_snapshot() == first
    assert "0 group(s) created, 0 renamed" in output
    assert "+ " not in output


def test_setup_portal_after_adding_a_unit_adds_only_its_groups(units):
    run("setup_portal")
    DepartmentFactory(name="市审计局")

    output = run("setup_portal")

    assert "2 group(s) created" in output
    assert Group.objects.filter(name__startswith="市审计局-").count() == 2
    assert portal_groups().count() == 8


def test_setup_portal_renames_the_groups_of_a_renamed_unit(units, django_user_model):
    run("setup_portal")
    editors = Group.objects.get(name="市教育局-编辑")
    member = django_user_model.objects.create_user("editor", password="x")
    member.groups.add(editors)

    units[0].name = "市教育和体育局"
    units[0].save()
    output = run("setup_portal")

    assert "~ 市教育局-编辑 → 市教育和体育局-编辑" in output
    assert "~ 市教育局-审核 → 市教育和体育局-审核" in output
    assert "0 group(s) created, 2 renamed" in output
    assert not Group.objects.filter(name__startswith="市教育局-").exists()
    renamed = Group.objects.get(name="市教育和体育局-编辑")
    assert renamed.pk == editors.pk
    assert list(renamed.user_set.all()) == [member]
    assert list(units_for_user(member)) == [units[0]]
    assert portal_groups().count() == 6


def test_setup_portal_makes_one_pair_of_groups_per_unit_whatever_its_translations(units, english):
    translate_in_code(units[0], english, {"市教育局": "Education Bureau", "教育局": "Education"})

    run("setup_portal")

    assert portal_groups().count() == 6
    assert not Group.objects.filter(name__startswith="Education").exists()


def test_office_groups_get_the_column_in_every_language(home, english, units):
    column = TalkIndexPageFactory(parent=home)
    column.save_revision().publish()
    translate_in_code(home, english, {})
    english_column = translate_in_code(column, english, {})

    run("setup_portal")

    def permissions(group_name, page):
        return set(
            GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
                "permission__codename", flat=True
            )
        )

    for page in (column, english_column):
        assert "publish_page" in permissions("市政府办公室-审核", page)
        assert {"add_page", "change_page"} <= permissions("市政府办公室-编辑", page)
        assert "publish_page" not in permissions("市政府办公室-编辑", page)


def test_setup_portal_schedules_the_periodic_tasks_once(units):
    with time_machine.travel(local(2026, 12, 3, 11, 0), tick=False):
        run("setup_portal")
        digest = Schedule.objects.get(name="onlinetalk: overdue digest for the Office")
        first_run = digest.next_run
        digest.next_run += datetime.timedelta(days=1)  # the cluster advanced it
        digest.save()
        run("setup_portal")

    digest, publish, search, scan, purge = Schedule.objects.order_by("name")
    assert search.func == "onlinetalk.tasks.rebuild_search"
    assert search.schedule_type == Schedule.DAILY
    assert search.next_run == local(2026, 12, 4, 3, 30)
    assert publish.func == "onlinetalk.tasks.publish_scheduled_pages"
    assert (publish.schedule_type, publish.minutes) == (Schedule.MINUTES, 1)
    assert scan.func == "onlinetalk.tasks.scan_reminders"
    assert (scan.schedule_type, scan.minutes) == (Schedule.MINUTES, 15)
    assert purge.func == "onlinetalk.tasks.purge_question_contacts"
    assert purge.schedule_type == Schedule.DAILY
    assert digest.func == "onlinetalk.tasks.send_overdue_digest"
    assert digest.schedule_type == Schedule.DAILY
    # The next 09:00 Beijing time after 11:00; a second run leaves the cluster's advance alone.
    assert first_run == local(2026, 12, 4, 9, 0)
    assert digest.next_run == local(2026, 12, 5, 9, 0)
    assert publish.repeats == scan.repeats == purge.repeats == digest.repeats == -1


# units_for_user -------------------------------------------------------------------------------


@pytest.fixture
def portal(units, english, django_user_model):
    """Two units with English translations, their groups, and one user per kind of role."""
    for unit, name in zip(units, ["Education Bureau", "Civil Affairs Bureau"], strict=True):
        translate_in_code(unit, english, {unit.name: name})
    run("setup_portal")

    def user(username, *group_names, **fields):
        account = django_user_model.objects.create_user(username, password="x", **fields)
        account.groups.add(*Group.objects.filter(name__in=group_names))
        return account

    return {
        "superuser": user("root", is_superuser=True, is_staff=True),
        "office editor": user("office-editor", "市政府办公室-编辑"),
        "office approver": user("office-approver", "市政府办公室-审核"),
        "education editor": user("education-editor", "市教育局-编辑"),
        "education reviewer": user("education-reviewer", "市教育局-审核"),
        "outsider": user("outsider"),
        "other group": user("other-group"),
        "inactive office editor": user("inactive", "市政府办公室-编辑", is_active=False),
    }


@pytest.mark.parametrize("who", ["superuser", "office editor", "office approver"])
def test_the_office_acts_for_every_unit(portal, who):
    user = portal[who]

    assert set(units_for_user(user)) == set(Department.objects.all())
    assert units_for_user(user).count() == 4  # two units, each in two languages
    assert is_office_user(user)


@pytest.mark.parametrize("who", ["education editor", "education reviewer"])
def test_a_units_group_acts_for_that_unit_in_both_languages(portal, units, english, who):
    user = portal[who]

    education = units[0]
    assert set(units_for_user(user)) == {education, education.get_translation(english)}
    assert can_act_for(user, education)
    assert can_act_for(user, education.get_translation(english))
    assert not can_act_for(user, units[1])
    assert not can_act_for(user, units[1].get_translation(english))
    assert not is_office_user(user)


def test_outsiders_act_for_no_unit(portal, units):
    Group.objects.create(name="网站运维").user_set.add(portal["other group"])

    for who in ("outsider", "other group", "inactive office editor"):
        assert list(units_for_user(portal[who])) == [], who
        assert not can_act_for(portal[who], units[0]), who
    assert list(units_for_user(AnonymousUser())) == []


def test_a_user_in_two_unit_groups_acts_for_both(portal, units):
    user = portal["education editor"]
    user.groups.add(Group.objects.get(name="市民政局-审核"))

    assert {unit.translation_key for unit in units_for_user(user)} == {
        unit.translation_key for unit in units
    }
    assert units_for_user(user).count() == 4
