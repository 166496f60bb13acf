"""Moderating citizens' questions in the admin: scoped to the user's units, bulk actions with a
history, the leader briefing (HTML and XLSX), contact permission and the retention purge."""

import datetime
import io
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, PageLogEntry

from onlinetalk.questions import moderation
from onlinetalk.questions.models import (
    CitizenQuestion,
    QuestionAction,
    QuestionCategory,
    QuestionStatus,
)
from onlinetalk.questions.receipts import new_receipt_code
from onlinetalk.questions.retention import purge_expired_contacts
from onlinetalk.questions.text import text_fingerprint
from tests.clock import SHANGHAI
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
)

LIST_URL = "/admin/snippets/onlinetalk/citizenquestion/"


def edit_url(question):
    return f"{LIST_URL}edit/{question.pk}/"


def bulk_url(action, *questions):
    ids = "&".join(f"id={question.pk}" for question in questions)
    return f"/admin/bulk/onlinetalk/citizenquestion/{action}/?next={LIST_URL}&{ids}"


def ask(session, text, **fields):
    defaults = {
        "nickname": "网友",
        "submitted_at": datetime.datetime(2022, 9, 22, 9, 0, tzinfo=SHANGHAI),
        "language": "zh-hans",
        "consent_to_publish": True,
        "receipt_code": new_receipt_code(),
        "address_hash": "hash",
        "text_hash": text_fingerprint(text),
    }
    return CitizenQuestion.objects.create(session=session, text=text, **{**defaults, **fields})


@pytest.fixture
def portal(home, django_user_model):
    """Two units, a session of each, their groups, and users of each role."""
    education = DepartmentFactory(name="市教育局", short_name="教育局")
    civil = DepartmentFactory(name="市民政局", short_name="民政局")
    column = TalkIndexPageFactory(parent=home, title="民生在线", slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, title="2022年", slug="2022", year=2022)
    sessions = {
        "education": TalkSessionPageFactory(parent=year, departments=[education]),
        "civil": TalkSessionPageFactory(
            parent=year,
            departments=[civil],
            start=datetime.datetime(2022, 11, 16, 10, 0, tzinfo=SHANGHAI),
        ),
    }
    call_command("setup_portal", stdout=StringIO())

    def user(username, *group_names, **fields):
        account = django_user_model.objects.create_user(username, password="x", **fields)
        account.groups.add(*Group.objects.filter(name__in=group_names))
        return account

    return {
        "sessions": sessions,
        "superuser": user("root", is_superuser=True, is_staff=True),
        "office editor": user("office-editor", "市政府办公室-编辑"),
        "education editor": user("education-editor", "市教育局-编辑"),
        "education reviewer": user("education-reviewer", "市教育局-审核"),
        "outsider": user("outsider"),
    }


@pytest.fixture
def questions(portal):
    education, civil = portal["sessions"]["education"], portal["sessions"]["civil"]
    return {
        "education": ask(education, "课后服务的收费标准是怎样规定的？", contact="13800138000"),
        "education 2": ask(education, "明年公办学位会增加多少？", upvotes=4),
        "civil": ask(civil, "养老服务补贴如何申请？", contact="someone@example.com"),
    }


# Who sees what -------------------------------------------------------------------------------


def test_a_units_editor_sees_only_their_own_units_questions(client, portal, questions):
    client.force_login(portal["education editor"])

    listing = client.get(LIST_URL)

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "课后服务的收费标准" in html and "明年公办学位" in html
    assert "养老服务补贴" not in html
    assert client.get(edit_url(questions["civil"])).status_code == 404
    assert client.get(edit_url(questions["education"])).status_code == 200


@pytest.mark.parametrize("who", ["superuser", "office editor"])
def test_the_office_sees_every_question(client, portal, questions, who):
    client.force_login(portal[who])

    html = client.get(LIST_URL).content.decode()

    assert "课后服务的收费标准" in html and "养老服务补贴" in html


LOGIN_URL = f"/admin/login/?next={LIST_URL}"


def test_a_visitor_is_sent_to_the_login_page(client, portal, questions):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL


def test_a_user_without_admin_access_is_sent_to_the_login_page_too(client, portal, questions):
    # Wagtail treats a signed-in user who may not use the admin like a visitor.
    client.force_login(portal["outsider"])

    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL


def test_a_question_cannot_be_added_or_deleted_in_the_admin(client, portal, questions):
    client.force_login(portal["superuser"])

    # Wagtail refuses with its permission-denied redirect to the dashboard, even a superuser.
    for response in (
        client.get(f"{LIST_URL}add/"),
        client.post(f"{LIST_URL}delete/{questions['civil'].pk}/"),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert CitizenQuestion.objects.filter(pk=questions["civil"].pk).exists()


def test_listing_filters_and_search(client, portal, questions):
    moderation.accept([questions["education 2"]], portal["superuser"])
    client.force_login(portal["superuser"])

    accepted = client.get(LIST_URL, {"status": "accepted"}).content.decode()
    found = client.get(LIST_URL, {"q": "养老"}).content.decode()

    assert "明年公办学位" in accepted and "课后服务" not in accepted
    assert "养老服务补贴" in found and "课后服务" not in found


def test_question_text_is_plain_text_in_the_admin(client, portal):
    question = ask(portal["sessions"]["education"], "<script>alert('x')</script>学位问题")
    client.force_login(portal["superuser"])

    for url in (LIST_URL, edit_url(question)):
        html = client.get(url).content.decode()
        assert "<script>alert('x')</script>" not in html
        assert "&lt;script&gt;" in html


def test_contact_shows_only_with_the_permission(client, portal, questions):
    url = edit_url(questions["education"])

    client.force_login(portal["education editor"])
    assert "13800138000" in client.get(url).content.decode()
    client.force_login(portal["education reviewer"])
    assert "13800138000" not in client.get(url).content.decode()


# Moderation and its history ------------------------------------------------------------------


def test_bulk_accept_records_who_and_when(client, portal, questions):
    client.force_login(portal["education editor"])
    targets = [questions["education"], questions["education 2"]]

    with time_machine.travel(datetime.datetime(2022, 9, 26, 15, 0, tzinfo=SHANGHAI), tick=False):
        response = client.post(bulk_url("accept_questions", *targets))

    assert response.status_code == 302
    for question in targets:
        question.refresh_from_db()
        assert question.status == QuestionStatus.ACCEPTED
        event = question.events.get(action=QuestionAction.ACCEPTED)
        assert event.user == portal["education editor"]
        assert event.at == datetime.datetime(2022, 9, 26, 15, 0, tzinfo=SHANGHAI)


def test_bulk_action_leaves_another_units_question_alone(client, portal, questions):
    client.force_login(portal["education editor"])

    client.post(bulk_url("accept_questions", questions["education"], questions["civil"]))

    questions["civil"].refresh_from_db()
    assert questions["civil"].status == QuestionStatus.PENDING
    assert not questions["civil"].events.exists()


def test_declining_needs_a_reason(client, portal, questions):
    client.force_login(portal["education editor"])
    question = questions["education"]

    without = client.post(bulk_url("reject_questions", question), {"reason": "  "})
    question.refresh_from_db()
    assert without.status_code == 200 and question.status == QuestionStatus.PENDING

    client.post(
        bulk_url("reject_questions", question), {"reason": "属于个人具体事项，请拨打12345。"}
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED
    assert question.rejection_reason == "属于个人具体事项，请拨打12345。"
    with pytest.raises(moderation.ModerationError):
        moderation.reject([questions["education 2"]], portal["superuser"], "")


def test_bulk_categorise(client, portal, questions, chinese):
    category = QuestionCategory.objects.create(name="教育", locale=chinese)
    client.force_login(portal["education editor"])

    client.post(
        bulk_url("categorise_questions", questions["education"], questions["education 2"]),
        {"category": category.pk},
    )

    assert set(CitizenQuestion.objects.filter(category=category).values_list("pk", flat=True)) == {
        questions["education"].pk,
        questions["education 2"].pk,
    }
    assert questions["education"].events.get(action=QuestionAction.CATEGORISED).note == "教育"


def test_merge_carries_votes_over_and_counts_each_question(client, portal, questions):
    session = portal["sessions"]["education"]
    target, duplicate = questions["education 2"], questions["education"]
    duplicate.upvotes = 3
    duplicate.save()
    client.force_login(portal["education editor"])

    client.post(bulk_url("merge_questions", target, duplicate), {"target": target.pk})

    target.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.status == QuestionStatus.MERGED and duplicate.merged_into == target
    assert target.upvotes == 4 + 3
    assert target.status == QuestionStatus.ACCEPTED
    assert target.events.filter(action=QuestionAction.RECEIVED_MERGE).exists()
    from onlinetalk.questions.public import question_counts

    counts = question_counts(session)
    assert (counts["received"], counts["accepted"], counts["merged"]) == (2, 1, 1)


def test_questions_of_different_sessions_cannot_be_merged(portal, questions):
    with pytest.raises(moderation.ModerationError):
        moderation.merge(questions["education"], [questions["civil"]], portal["superuser"])
    assert CitizenQuestion.objects.filter(status=QuestionStatus.MERGED).count() == 0


def test_edit_view_changes_status_through_the_history(client, portal, questions):
    client.force_login(portal["education editor"])
    question = questions["education"]

    refused = client.post(
        edit_url(question), {"status": "rejected", "rejection_reason": "", "category": ""}
    )
    question.refresh_from_db()
    assert refused.status_code == 200 and question.status == QuestionStatus.PENDING

    client.post(
        edit_url(question),
        {"status": "rejected", "rejection_reason": "与本期主题无关", "category": ""},
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED
    assert list(question.events.values_list("action", "note", "user__username")) == [
        ("rejected", "与本期主题无关", "education-editor")
    ]
    # The citizen's own words are not editable.
    assert question.text == "课后服务的收费标准是怎样规定的？"


# The leader briefing --------------------------------------------------------------------------


@pytest.fixture
def briefing_questions(portal, chinese):
    session = portal["sessions"]["education"]
    fees = QuestionCategory.objects.create(name="收费", locale=chinese, sort_order=1)
    places = QuestionCategory.objects.create(name="学位", locale=chinese, sort_order=2)
    made = [
        ask(session, "学位一：新增多少个？", category=places, upvotes=2, status="accepted"),
        ask(session, "学位二：怎么报名？", category=places, upvotes=9, status="accepted"),
        ask(session, '=HYPERLINK("http://example.com","收费")', category=fees, status="accepted"),
        ask(session, "没有分类的问题怎么排？", status="accepted", contact="13900139000"),
        ask(session, "还没审核的问题不进简报。", status="pending"),
    ]
    return session, made


def test_briefing_groups_by_category_and_orders_by_votes(client, portal, briefing_questions):
    session, _questions = briefing_questions
    client.force_login(portal["education reviewer"])

    html = client.get(f"/admin/onlinetalk/briefings/{session.pk}/").content.decode()

    order = [html.index(text) for text in ("收费 (1)", "学位 (2)", "学位二", "学位一", "未分类")]
    assert order == sorted(order)
    assert "还没审核的问题" not in html
    assert "13900139000" not in html


def test_briefing_xlsx_keeps_citizen_text_as_text(client, portal, briefing_questions):
    session, _questions = briefing_questions
    client.force_login(portal["education editor"])

    response = client.get(f"/admin/onlinetalk/briefings/{session.pk}/", {"format": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    texts = [row[2] for row in rows]
    assert texts == [
        '=HYPERLINK("http://example.com","收费")',
        "学位二：怎么报名？",
        "学位一：新增多少个？",
        "没有分类的问题怎么排？",
    ]
    formula_cell = sheet.cell(row=4, column=3)
    assert formula_cell.data_type == "s"  # a string, not a formula
    assert all(len(row) == 8 for row in rows)  # no contact column without asking


def test_a_session_title_with_control_characters_still_exports(client, portal, briefing_questions):
    """A title pasted from a word processor may carry control characters that a worksheet
    cannot hold: openpyxl would refuse the whole briefing (a 500)."""
    session, _questions = briefing_questions
    session.title = "教育\x0b访谈\x01"
    session.save()
    client.force_login(portal["education editor"])

    response = client.get(f"/admin/onlinetalk/briefings/{session.pk}/", {"format": "xlsx"})

    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active["A1"].value == "教育访谈"


def test_contacts_in_the_briefing_need_the_permission_and_are_logged(
    client, portal, briefing_questions
):
    session, _questions = briefing_questions
    url = f"/admin/onlinetalk/briefings/{session.pk}/"

    client.force_login(portal["education reviewer"])
    refused = client.get(url, {"contact": "1"})
    assert refused.status_code == 302  # Wagtail sends a refused admin request home
    assert "13900139000" not in refused.content.decode()
    assert not PageLogEntry.objects.filter(action="onlinetalk.briefing_with_contacts").exists()
    client.force_login(portal["education editor"])
    html = client.get(url, {"contact": "1"}).content.decode()
    xlsx = client.get(url, {"contact": "1", "format": "xlsx"})

    assert "13900139000" in html
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert "13900139000" in [cell.value for cell in sheet["I"]]
    logged = PageLogEntry.objects.filter(
        page=session, action="onlinetalk.briefing_with_contacts"
    ).order_by("timestamp")
    assert [entry.data["format"] for entry in logged] == ["html", "xlsx"]
    assert {entry.user for entry in logged} == {portal["education editor"]}


def test_another_units_briefing_is_not_found(client, portal, briefing_questions):
    client.force_login(portal["education editor"])
    civil = portal["sessions"]["civil"]
    ask(civil, "民政的问题，教育局看不到。", status="accepted")

    assert client.get(f"/admin/onlinetalk/briefings/{civil.pk}/").status_code == 404
    index = client.get("/admin/onlinetalk/briefings/").content.decode()
    assert civil.title not in index and portal["sessions"]["education"].title in index


# Retention -----------------------------------------------------------------------------------


def test_contacts_are_removed_after_the_retention_period_and_twice_is_harmless(
    portal, questions, settings
):
    settings.ONLINETALK_CONTACT_RETENTION_DAYS = 180
    # The education session of 2022-09-28 had its replies due on 2022-10-17 (10 working days).
    replies_due = datetime.datetime(2022, 10, 17, 23, 59, tzinfo=SHANGHAI)

    assert purge_expired_contacts(replies_due + datetime.timedelta(days=179)) == 0
    assert CitizenQuestion.objects.get(pk=questions["education"].pk).contact == "13800138000"

    later = replies_due + datetime.timedelta(days=181)
    assert purge_expired_contacts(later) == 1
    assert purge_expired_contacts(later) == 0

    education = CitizenQuestion.objects.get(pk=questions["education"].pk)
    assert education.contact == "" and education.contact_removed_at == later
    assert education.events.filter(action=QuestionAction.CONTACT_REMOVED).count() == 1
    # The civil session (16 November) is not yet past its period on that day.
    assert CitizenQuestion.objects.get(pk=questions["civil"].pk).contact == "someone@example.com"


def test_the_daily_task_runs_the_purge(portal, questions):
    from onlinetalk.tasks import purge_question_contacts

    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=SHANGHAI)):
        assert purge_question_contacts() == 2
    assert not CitizenQuestion.objects.exclude(contact="").exists()


def test_provisioning_gives_contact_permission_to_unit_editors_only(portal):
    assert portal["education editor"].has_perm("onlinetalk.view_question_contact")
    assert portal["education editor"].has_perm("onlinetalk.change_citizenquestion")
    assert portal["education reviewer"].has_perm("onlinetalk.change_citizenquestion")
    assert not portal["education reviewer"].has_perm("onlinetalk.view_question_contact")
    assert not portal["office editor"].has_perm("onlinetalk.view_question_contact")
    assert not portal["outsider"].has_perm("onlinetalk.view_citizenquestion")
    assert not ModelLogEntry.objects.filter(action__startswith="onlinetalk.").exists()


def test_the_briefing_index_counts_questions_still_without_a_fate(client, portal, questions):
    moderation.accept([questions["education"]], portal["superuser"])
    moderation.reject([questions["civil"]], portal["superuser"], "不属于本期主题")
    client.force_login(portal["office editor"])

    with time_machine.travel(datetime.datetime(2022, 12, 1, tzinfo=SHANGHAI), tick=False):
        html = client.get("/admin/onlinetalk/briefings/").content.decode()

    rows = {row.split("</td>")[0].split("<td>")[-1]: row for row in html.split("<tr>")[2:]}
    education = rows[portal["sessions"]["education"].title]
    civil = rows[portal["sessions"]["civil"].title]
    # Education: one accepted, one pending, both still need a fate after the session.
    assert "<strong>2</strong>" in education and "访谈已结束" in education
    assert "<strong>" not in civil  # its only question was declined


def test_the_dashboard_shows_the_questions_waiting_for_the_users_units(client, portal, questions):
    questions["education 2"].flagged = True
    questions["education 2"].save()
    moderation.accept([questions["civil"]], portal["superuser"])

    client.force_login(portal["education editor"])
    html = client.get("/admin/").content.decode()

    panel = html.split('id="onlinetalk-pending-questions-content"')[1].split("</table>")[0]
    education = portal["sessions"]["education"]
    assert education.title in panel
    assert f"?session={education.pk}&amp;status=pending" in panel
    assert "<td>2</td>" in panel and "<td>1</td>" in panel  # two pending, one flagged
    assert portal["sessions"]["civil"].title not in panel

    # The office sees every unit's waiting questions; the civil one is accepted, so not waiting.
    client.force_login(portal["office editor"])
    office_html = client.get("/admin/").content.decode()
    office_panel = office_html.split('id="onlinetalk-pending-questions-content"')[1]
    office_panel = office_panel.split("</table>")[0]
    assert education.title in office_panel
    assert portal["sessions"]["civil"].title not in office_panel
