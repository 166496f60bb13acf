"""The hot responses, probed as an attacker would: every public address with nonsense parameters
(never a 5xx), data that must never leak (a contact, a question that is not public, a draft or
view-restricted response), markup in every citizen or editor text (always escaped, the feeds
well-formed), CSV formulas, the admin's addresses (anonymous, CSRF, tampered ids) and the
publishing rules (a late response without its explanation is never published, whichever path;
changing a published response's session leaves the first session awaiting its replies)."""

import csv
import datetime
import io
import json
import uuid
from io import StringIO

import feedparser
import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from onlinetalk.questions.models import QuestionStatus
from onlinetalk.responses.commitments import Progress, make_commitment, record_progress
from onlinetalk.responses.lateness import LateWithoutExplanation
from onlinetalk.responses.models import HotResponsePage, ResponseAnswer
from onlinetalk.sessions.status import SessionStatus
from tests.clock import local
from tests.factories import DepartmentFactory, publish_response
from tests.live_support import DURING, accepted_question, office_group, staff
from tests.question_support import new_session

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
EVIL = f"{SCRIPT}{IMG}"
NICK = '"><img src=x onerror=a>'  # a nickname has 30 characters at most
CONTACT = "13900001111"
ADDRESS_HASH = "addr-hash-3f9c2e"
PRIVATE_TEXT = "未同意公开的留言内容甲乙"
PENDING_TEXT = "还在审核的留言内容丙丁"
DECLINED_TEXT = "已被拒绝的留言内容戊己"
RESTRICTED_REPLY = "这是受限回应里的答复内容庚辛"
DRAFT_SUMMARY = "这是草稿回应的摘要壬癸"
ON_TIME = local(2022, 10, 10, 10, 0)  # the deadline is 2022-10-17
LATE = local(2022, 10, 20, 10, 0)  # three working days late
READ_AT = local(2022, 11, 1, 9, 0)

NONSENSE = [
    "nonsense",
    str(2**63),
    str(10**30),
    "-1",
    "²",
    "٣",
    "%00",
    "1%00",
    "9" * 5000,
    "１２",
    "1e99",
]


def _raw(name, value):
    return f"{name}={value}"


def question(session, text, **fields):
    made = accepted_question(session, text, nickname=fields.pop("nickname", "网友"))
    made.contact = CONTACT
    made.address_hash = ADDRESS_HASH
    for name, value in fields.items():
        setattr(made, name, value)
    made.save()
    return made


def reply(questions, text, summary=""):
    return {
        "type": "reply",
        "id": str(uuid.uuid4()),
        "value": {
            "questions": [
                {"type": "item", "value": q.pk, "id": str(uuid.uuid4())} for q in questions
            ],
            "question_summary": summary,
            "reply": f"<p>{text}</p>",
            "answered_by": EVIL,
        },
    }


def suggestion(text):
    return {
        "type": "suggestion",
        "id": str(uuid.uuid4()),
        "value": {
            "suggestion": text,
            "adoption": "partly",
            "explanation": "<p>部分采纳。</p>",
            "live_entry": None,
        },
    }


def new_response(column, session, body, **fields):
    page = HotResponsePage(
        title=fields.pop("title", f"{session.title}热点回应"),
        slug=fields.pop("slug", f"response-{session.pk}"),
        session=session,
        summary=fields.pop("summary", "回应摘要。"),
        body=json.dumps(body),
        live=fields.pop("live", False),
        **fields,
    )
    column.add_child(instance=page)
    return page


@pytest.fixture
def world(response_column, session, year_page, django_capture_on_commit_callbacks):
    """`session` (2022-09-28) with public and non-public questions (all with a contact), a
    commitment full of markup with an update, and its hot response published on time, full of
    markup too; another unit's session; a view-restricted session of the same unit."""
    unit = session.departments.first()
    public = question(session, f"公开的问题{EVIL}", nickname=NICK)
    private = question(session, PRIVATE_TEXT, consent_to_publish=False)
    pending = question(session, PENDING_TEXT, status=QuestionStatus.PENDING)
    declined = question(session, DECLINED_TEXT, status=QuestionStatus.REJECTED)
    commitment = make_commitment(
        session=session,
        department=unit,
        text=f"=HYPERLINK(1){EVIL}",
        owner=f"+科室{EVIL}",
        made_at=DURING,
    )
    record_progress(
        commitment,
        Progress(
            status="dropped",
            progress=10,
            note=f"-进展{EVIL}",
            author=f"@作者{EVIL}",
            dropped_reason=f"理由{EVIL}",
            photo_alt=EVIL,
        ),
        at=local(2022, 10, 8, 9, 0),
    )
    body = [
        reply([public, private, pending, declined], "答复内容。", summary=f"简述{EVIL}"),
        suggestion(f"建议{EVIL}"),
    ]
    page = new_response(response_column, session, body, summary=f"摘要{EVIL}")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_response(page, ON_TIME)
    other_unit = DepartmentFactory(name="市民政局", short_name="民政局")
    other = new_session(year_page, other_unit, title="养老服务", slug="elderly")
    restricted = new_session(
        year_page, unit, title="受限场次", slug="restricted", start=local(2022, 9, 29, 10, 0)
    )
    session.refresh_from_db()
    return {
        "session": session,
        "unit": unit,
        "response": page,
        "public": public,
        "private": private,
        "pending": pending,
        "declined": declined,
        "commitment": commitment,
        "other": other,
        "other unit": other_unit,
        "restricted": restricted,
        "column": response_column,
        "year": year_page,
    }


def public_urls(world):
    session, column, response = world["session"], world["column"], world["response"]
    return [
        column.url,
        column.url + "feed/",
        column.url + "commitments/",
        response.url,
        session.url,
        session.url + "commitments/",
        session.url + "commitments/feed/",
        session.url + "open-data/json/",
        session.url + "open-data/csv/",
        session.url + "open-data/schema-v1/",
        world["year"].url + "open-data/json/",
        world["year"].url + "open-data/csv/",
        session.url + f"questions/{world['public'].receipt_code}/",
    ]


# --- every public address, with nonsense -------------------------------------------------------


@pytest.mark.parametrize("value", NONSENSE)
def test_the_columns_filters_never_fail(client, world, value):
    column = world["column"]
    for name in ("unit", "year", "kind", "page", "table"):
        for url in (column.url, column.url + "feed/", column.url + "commitments/"):
            response = client.get(f"{url}?{_raw(name, value)}")
            assert response.status_code == 200, (url, name, value)


def test_repeated_and_combined_filters_never_fail(client, world):
    column, unit = world["column"], world["unit"]
    queries = [
        f"unit={unit.pk}&unit=2&year=2022&year=2023&kind=reply&kind=x&page=1&page=2",
        f"unit={unit.pk}&year=2022&kind=suggestion&page=99999999",
        "unit=&year=&kind=&page=",
        "unit=%E2%80%8B1&year=%202022",
        "kind=" + "reply" * 2000,
    ]
    for query in queries:
        assert client.get(f"{column.url}?{query}").status_code == 200, query


@pytest.mark.parametrize("value", NONSENSE)
def test_every_public_address_never_fails(client, world, value):
    for url in public_urls(world):
        response = client.get(f"{url}?{_raw('table', value)}&{_raw('page', value)}")
        assert response.status_code in (200, 404), (url, value)
        response = client.get(f"{url}?table=questions&table={value}&unit={value}")
        assert response.status_code in (200, 404), (url, value)


@pytest.mark.parametrize(
    "tail",
    [
        "open-data/csv/%00/",
        "open-data/json/x/",
        "commitments/%00/",
        "commitments/feed/%00/",
        f"commitments/{2**63}/",
        "open-data/schema-v2/",
        "questions/%00/",
        "questions/٣/",
    ],
)
def test_sub_addresses_with_nonsense_are_not_found(client, world, tail):
    assert client.get(world["session"].url + tail).status_code == 404
    assert client.get(world["column"].url + tail).status_code == 404


def test_an_unknown_csv_table_is_not_found(client, world):
    session = world["session"]
    for table in ("nope", "%00", "QUESTIONS", "questions%00", "²"):
        assert client.get(f"{session.url}open-data/csv/?table={table}").status_code == 404


# --- leaks -------------------------------------------------------------------------------------


def _every_public_text(client, world):
    texts = []
    for url in public_urls(world):
        for query in ("", "?table=sessions", "?table=commitments", "?table=updates"):
            response = client.get(url + query)
            if response.status_code == 200:
                texts.append(response.content.decode("utf-8-sig"))
    return "\n".join(texts)


def test_no_contact_nor_non_public_question_anywhere(client, world):
    with time_machine.travel(READ_AT, tick=False):
        everything = _every_public_text(client, world)
    assert "公开的问题" in everything  # the public one is there
    for secret in (CONTACT, PRIVATE_TEXT, PENDING_TEXT, DECLINED_TEXT, ADDRESS_HASH):
        assert secret not in everything, secret
    for question in ("private", "pending", "declined"):
        assert world[question].receipt_code not in everything


def test_a_draft_response_is_nowhere_public(client, world, django_capture_on_commit_callbacks):
    other = world["other"]
    with django_capture_on_commit_callbacks(execute=True):
        draft = new_response(
            world["column"], other, [suggestion("草稿建议")], summary=DRAFT_SUMMARY
        )
        draft.save_revision()
    draft.refresh_from_db()
    assert not draft.live
    everything = _every_public_text(client, world)
    everything += client.get(other.url).content.decode()
    assert DRAFT_SUMMARY not in everything
    assert client.get(draft.url or "/hot-responses/" + draft.slug + "/").status_code == 404
    preview = reverse("wagtailadmin_pages:view_draft", args=[draft.pk])
    assert client.get(preview).status_code == 302
    other.refresh_from_db()
    assert other.replies_published_at is None


@pytest.fixture
def restricted_response(world, django_capture_on_commit_callbacks):
    """The restricted session's response: published on time, then put under a password."""
    session = world["restricted"]
    asked = question(session, "受限场次里的公开问题", nickname="受限网友")
    page = new_response(world["column"], session, [reply([asked], RESTRICTED_REPLY)])
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_response(page, ON_TIME)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return page, asked


def test_a_view_restricted_responses_reply_is_not_in_open_data(client, world, restricted_response):
    page, _asked = restricted_response
    session = world["restricted"]
    for url in (
        session.url + "open-data/json/",
        session.url + "open-data/csv/",
        world["year"].url + "open-data/json/",
        world["year"].url + "open-data/csv/",
    ):
        body = client.get(url).content.decode("utf-8-sig")
        assert RESTRICTED_REPLY not in body, url
        assert page.url not in body, url


def test_a_view_restricted_response_is_no_fate_link(client, world, restricted_response):
    page, asked = restricted_response
    session = world["restricted"]
    receipt = client.get(session.url + f"questions/{asked.receipt_code}/")
    assert receipt.status_code == 200
    assert page.url not in receipt.content.decode()
    listing = client.get(session.url).content.decode()
    assert page.url not in listing
    for url in (world["column"].url, world["column"].url + "feed/"):
        assert page.url not in client.get(url).content.decode()
    assert RESTRICTED_REPLY not in client.get(page.url).content.decode()  # the password form


def test_a_view_restricted_sessions_pages_and_data_are_not_served(client, world):
    session = world["session"]
    PageViewRestriction.objects.create(
        page=session, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for tail in ("commitments/", "commitments/feed/", "open-data/json/", "open-data/csv/"):
        response = client.get(session.url + tail)
        assert response.status_code != 200 or "HYPERLINK" not in response.content.decode(), tail
    for url in (world["column"].url + "commitments/", world["year"].url + "open-data/json/"):
        assert "HYPERLINK" not in client.get(url).content.decode(), url


def test_a_rehearsal_entry_is_never_an_answer(client, world):
    from onlinetalk.live.models import StreamKind
    from tests.live_support import guest, post

    session = world["session"]
    post(session, role="citizen", question=world["public"], kind=StreamKind.REHEARSAL)
    post(
        session,
        role="guest",
        leader=guest(session),
        text="<p>彩排里的回答内容</p>",
        kind=StreamKind.REHEARSAL,
    )
    assert "彩排里的回答内容" not in _every_public_text(client, world)


def test_a_commitment_of_a_session_that_is_not_live_is_not_public(client, world):
    session = world["session"]
    session.unpublish()
    column = world["column"]
    assert "HYPERLINK" not in client.get(column.url + "commitments/").content.decode()
    assert "HYPERLINK" not in client.get(world["year"].url + "open-data/json/").content.decode()


# --- markup ------------------------------------------------------------------------------------


def _no_markup(html):
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_markup_is_escaped_on_every_page(client, world):
    for url in public_urls(world):
        response = client.get(url)
        if response["Content-Type"].startswith("text/html"):
            assert "<script>alert" not in response.content.decode(), url
            assert "<img src=x" not in response.content.decode(), url


def test_the_response_page_shows_the_escaped_texts(client, world):
    html = client.get(world["response"].url).content.decode()
    _no_markup(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html


@pytest.mark.parametrize("tail", ["feed/", "commitments/feed/"])
def test_the_feeds_stay_well_formed_with_markup(client, world, tail):
    page = world["column"] if tail == "feed/" else world["session"]
    response = client.get(page.url + tail)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries
    raw = response.content.decode()
    assert "<script>" not in raw
    assert "<img " not in raw


def test_csv_cells_that_look_like_formulas_are_neutralised(client, world):
    session = world["session"]
    for table in ("questions", "commitments", "updates", "sessions"):
        body = client.get(f"{session.url}open-data/csv/?table={table}").content.decode("utf-8-sig")
        for row in csv.reader(io.StringIO(body)):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (table, cell)
    commitments = client.get(f"{session.url}open-data/csv/?table=commitments")
    assert "'=HYPERLINK" in commitments.content.decode("utf-8-sig")


# --- the admin ---------------------------------------------------------------------------------


@pytest.fixture
def users(world, django_user_model):
    call_command("setup_portal", stdout=StringIO())
    other = world["other unit"]
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name__startswith=other.name).first()
    nobody = django_user_model.objects.create_user("no-group", password="x")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return {
        "other editor": staff("other-editor", group.name),
        "no group": nobody,
        "office": staff("the-office", office_group()),
    }


def admin_urls(world):
    commitment, session = world["commitment"], world["session"]
    name = "wagtailsnippets_onlinetalk_commitment"
    return [
        reverse(f"{name}:edit", args=[commitment.pk]),
        reverse(f"{name}:history", args=[commitment.pk]),
        reverse(f"{name}:usage", args=[commitment.pk]),
        reverse(f"{name}:inspect", args=[commitment.pk]),
        reverse("wagtailsnippetchoosers_onlinetalk_commitment:chosen", args=[commitment.pk]),
        reverse("onlinetalk_replies_due") + f"?unit={world['unit'].pk}",
        reverse("onlinetalk_replies_due") + "?export=csv",
        reverse("onlinetalk_replies_due") + "?export=xlsx",
        reverse("wagtailadmin_pages:edit", args=[world["response"].pk]),
        reverse("wagtailadmin_pages:view_draft", args=[world["response"].pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[world["response"].pk]),
        reverse("wagtailadmin_pages:edit", args=[session.pk]),
    ]


def test_anonymous_is_sent_to_log_in_everywhere(client, world):
    name = "wagtailsnippets_onlinetalk_commitment"
    for url in [
        *admin_urls(world),
        reverse(f"{name}:list"),
        reverse(f"{name}:add"),
        reverse("wagtailsnippetchoosers_onlinetalk_commitment:choose"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url
    create = reverse("onlinetalk_response_create", args=[world["session"].pk])
    response = client.post(create)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("who", ["other editor", "no group"])
def test_another_unit_reaches_none_of_the_sessions_admin(client, world, users, who):
    client.force_login(users[who])
    secret = "HYPERLINK"
    for url in admin_urls(world):
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", "replace")
        if response.status_code == 200:
            assert secret not in body and world["session"].title not in body, url
        else:
            assert response.status_code in (302, 403, 404), (url, response.status_code)
    name = "wagtailsnippets_onlinetalk_commitment"
    for url in (
        reverse(f"{name}:list"),
        reverse("wagtailsnippetchoosers_onlinetalk_commitment:choose"),
        reverse("wagtailsnippetchoosers_onlinetalk_commitment:choose_results") + "?q=HYPER",
    ):
        response = client.get(url)
        if response.status_code == 200:
            assert secret not in response.content.decode(), url
    response = client.post(reverse("onlinetalk_response_create", args=[world["session"].pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query", ["q=%00", "q=" + "长" * 5000, "q=%00%00abc", "q=٣", "p=" + str(2**63)]
)
def test_the_chooser_search_never_fails(client, world, users, query):
    client.force_login(users["office"])
    for url in (
        reverse("wagtailsnippetchoosers_onlinetalk_commitment:choose"),
        reverse("wagtailsnippetchoosers_onlinetalk_commitment:choose_results"),
        reverse("wagtailsnippets_onlinetalk_commitment:list"),
    ):
        # 400: Django refuses a NUL in a form field (a client error, never a 5xx)
        assert client.get(f"{url}?{query}").status_code in (200, 400, 404), (url, query)


@pytest.mark.parametrize("value", [*NONSENSE, "1&unit=2"])
def test_the_report_filters_never_fail(client, world, users, value):
    client.force_login(users["office"])
    url = reverse("onlinetalk_replies_due")
    for name in ("unit", "year", "replies", "export", "p", "ordering"):
        response = client.get(f"{url}?{_raw(name, value)}")
        assert response.status_code in (200, 302, 400), (name, value, response.status_code)


@pytest.mark.parametrize(
    "target", ["english", "not a session", str(2**53), str(2**63), "0", "other unit"]
)
def test_tampered_ids_in_the_create_view(client, world, users, target, english):
    from tests.factories import english_version

    client.force_login(users["other editor"])
    ids = {
        "english": english_version(world["session"]).pk,
        "not a session": world["column"].pk,
        "other unit": world["session"].pk,
    }
    session_id = ids.get(target, target)
    response = client.post(f"/admin/onlinetalk/responses/create/{session_id}/")
    assert response.status_code == 404
    assert HotResponsePage.objects.count() == 1


def test_the_create_view_wants_a_csrf_token(world, users):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(users["office"])
    response = csrf_client.post(reverse("onlinetalk_response_create", args=[world["other"].pk]))
    assert response.status_code == 403
    assert HotResponsePage.objects.count() == 1


def test_the_commitments_forms_want_a_csrf_token(world, users):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(users["office"])
    commitment = world["commitment"]
    edit = reverse("wagtailsnippets_onlinetalk_commitment:edit", args=[commitment.pk])
    add = reverse("wagtailsnippets_onlinetalk_commitment:add")
    before = commitment.updates.count()
    assert csrf_client.post(edit, {"status": "done", "progress": 100}).status_code == 403
    assert csrf_client.post(add, {"text": "伪造"}).status_code == 403
    assert commitment.updates.count() == before


# --- publishing rules --------------------------------------------------------------------------


@pytest.fixture
def late_draft(world):
    """A draft response of the other unit's session, read after its deadline."""
    page = new_response(world["column"], world["other"], [suggestion("迟到的建议")])
    return page


def test_a_late_response_is_not_published_in_code(world, late_draft):
    with time_machine.travel(LATE, tick=False), pytest.raises(LateWithoutExplanation):
        late_draft.save_revision().publish()
    late_draft.refresh_from_db()
    assert not late_draft.live


def test_a_late_response_is_not_scheduled_for_after_its_deadline(
    world, late_draft, django_capture_on_commit_callbacks
):
    """Scheduled before the deadline to go live after it: refused when scheduled (not left to
    crash Wagtail's publish_scheduled later)."""
    late_draft.go_live_at = LATE
    with time_machine.travel(ON_TIME, tick=False), pytest.raises(LateWithoutExplanation):
        late_draft.save_revision().publish()
    late_draft.refresh_from_db()
    assert not late_draft.live


def test_the_edit_view_refuses_to_schedule_a_late_response(admin_client, world, late_draft):
    client = admin_client
    url = reverse("wagtailadmin_pages:edit", args=[late_draft.pk])
    data = {
        "title": late_draft.title,
        "slug": late_draft.slug,
        "session": world["other"].pk,
        "summary": "",
        "late_explanation": "",
        "go_live_at": "2022-10-20 10:00",
        "expire_at": "",
        "body-count": "0",
        "action-publish": "action-publish",
    }
    with time_machine.travel(ON_TIME, tick=False):
        refused = client.post(url, data)
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["late_explanation"]
    assert late_draft.revisions.filter(approved_go_live_at__isnull=False).count() == 0
    with time_machine.travel(ON_TIME, tick=False):
        accepted = client.post(url, {**data, "late_explanation": "因国庆假期延误。"})
    assert accepted.status_code == 302
    assert late_draft.revisions.filter(approved_go_live_at__isnull=False).count() == 1


def test_publish_scheduled_never_publishes_a_late_response_nor_fails(
    world, late_draft, django_capture_on_commit_callbacks
):
    """A revision scheduled in time whose run comes after the deadline (cron, clock): not
    published, and the command keeps going."""
    revision = late_draft.save_revision()
    revision.approved_go_live_at = local(2022, 10, 17, 23, 0)
    revision.save(update_fields=["approved_go_live_at"])
    with time_machine.travel(LATE, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=StringIO())
        call_command("publish_scheduled", stdout=StringIO())
    late_draft.refresh_from_db()
    assert not late_draft.live
    world["other"].refresh_from_db()
    assert world["other"].replies_published_at is None


def test_unpublishing_reverses_the_session_and_the_questions(
    world, django_capture_on_commit_callbacks
):
    page, session, public = world["response"], world["session"], world["public"]
    public.refresh_from_db()
    assert public.status == QuestionStatus.ANSWERED_LATER
    assert session.get_status() == SessionStatus.REPLIED
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    session.refresh_from_db()
    public.refresh_from_db()
    assert session.replies_published_at is None
    assert public.status == QuestionStatus.ACCEPTED
    assert not ResponseAnswer.objects.exists()


def test_moving_a_published_response_to_another_session_withdraws_the_first(
    world, django_capture_on_commit_callbacks
):
    page, first, second = world["response"], world["session"], world["other"]
    page.session = second
    page.body = json.dumps([suggestion("改到另一场")])
    with django_capture_on_commit_callbacks(execute=True):
        publish_response(page, ON_TIME + datetime.timedelta(days=1))
    first.refresh_from_db()
    second.refresh_from_db()
    world["public"].refresh_from_db()
    assert second.replies_published_at is not None
    assert first.replies_published_at is None
    assert world["public"].status == QuestionStatus.ACCEPTED
