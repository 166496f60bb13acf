"""Open data (政务公开): a session's and a year's questions, fates, answers, commitments and
deadlines as JSON and CSV. Never a contact, an address hash, a receipt code or a question that
is not public; the JSON matches its schema; the CSV opens in Excel (UTF-8 with a BOM); headers
in the reader's language; a year's data is the union of its live sessions'; bounded queries."""

import csv
import io
import json
import uuid

import jsonschema
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from onlinetalk.live.models import StreamKind
from onlinetalk.questions.models import CitizenQuestion
from onlinetalk.responses import opendata_views
from onlinetalk.responses.commitments import Progress, make_commitment, record_progress
from onlinetalk.responses.models import HotResponsePage
from onlinetalk.responses.opendata_views import SCHEMA_PATH
from tests.clock import local
from tests.factories import TalkSessionPageFactory, english_version
from tests.live_support import DURING, START, accepted_question, guest, post
from tests.question_support import zh

READ_AT = local(2022, 10, 20, 9, 0)  # after the replies' deadline (2022-10-17)
PUBLISHED_AT = local(2022, 10, 12, 15, 0)  # the hot response, on time

CONTACT = "13912345678"
PRIVATE_TEXT = "这条留言没有同意公开内容甲乙丙"
PENDING_TEXT = "这条留言还在审核之中内容丁戊己"
DECLINED_TEXT = "这条留言已被拒绝内容庚辛壬"
MERGED_TEXT = "这条留言已被合并内容癸子丑"
LIVE_TEXT = "请问乡村道路什么时候硬化？"
LIVE_ANSWER = "今年年底前全部完成硬化。"
LATER_TEXT = "请问农村饮水工程进展如何？"
LATER_REPLY = "饮水工程已完成百分之八十。"
WAITING_TEXT = "请问农业补贴什么时候发放？"


def schema():
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def question(session, text, **fields):
    fields.setdefault("contact", CONTACT)
    made = accepted_question(session, text, nickname=fields.pop("nickname", "网友小李"))
    for name, value in fields.items():
        setattr(made, name, value)
    made.save()
    return made


def reply_body(question_ids, text):
    return json.dumps(
        [
            {
                "type": "reply",
                "id": str(uuid.uuid4()),
                "value": {
                    "questions": [
                        {"type": "item", "value": pk, "id": str(uuid.uuid4())}
                        for pk in question_ids
                    ],
                    "question_summary": "",
                    "reply": f"<p>{text}</p>",
                    "answered_by": "市农业农村局",
                },
            }
        ]
    )


def publish_response(response_column, session, question_ids, *, at=PUBLISHED_AT, text=None):
    page = HotResponsePage(
        title=f"{session.title}热点回应",
        slug=f"response-{session.pk}",
        session=session,
        summary="回应摘要。",
        body=reply_body(question_ids, text or LATER_REPLY),
    )
    with time_machine.travel(at, tick=False):
        response_column.add_child(instance=page)
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def world(live_session, response_column, django_capture_on_commit_callbacks):
    """A session after its live hour: a question answered live, one answered in the hot
    response, one awaiting, and questions that are not public (no consent, pending, declined,
    merged) — every one of them with a contact; a commitment with two updates."""
    session = live_session
    live_q = question(session, LIVE_TEXT, nickname="乡村网友")
    later_q = question(session, LATER_TEXT, nickname="饮水网友")
    waiting_q = question(session, WAITING_TEXT, nickname="补贴网友", upvotes=3)
    private = question(session, PRIVATE_TEXT, nickname="不公开网友", consent_to_publish=False)
    pending = question(session, PENDING_TEXT, nickname="待审网友", status="pending")
    declined = question(session, DECLINED_TEXT, nickname="拒绝网友", status="rejected")
    merged = question(
        session, MERGED_TEXT, nickname="合并网友", status="merged", merged_into=waiting_q
    )
    post(session, role="citizen", question=live_q, now=DURING)
    post(session, role="guest", leader=guest(session), text=f"<p>{LIVE_ANSWER}</p>", now=DURING)
    post(session, role="host", text="<p>下一个问题。</p>", now=DURING)
    post(session, role="guest", leader=guest(session), text="<p>主持人之后的发言</p>", now=DURING)
    commitment = make_commitment(
        session=session,
        department=session.departments.first(),
        text="年底前完成全部村道硬化",
        owner="公路科",
        made_at=DURING,
    )
    record_progress(
        commitment,
        Progress(status="in_progress", progress=40, note="已完成三个村。"),
        at=local(2022, 10, 10, 9, 0),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_response(response_column, session, [later_q.pk])
    session.refresh_from_db()
    return {
        "session": session,
        "live": live_q,
        "later": later_q,
        "waiting": waiting_q,
        "private": [private, pending, declined, merged],
        "commitment": commitment,
        "response": response,
    }


@pytest.fixture
def reading():
    with time_machine.travel(READ_AT, tick=False):
        yield


def json_url(page):
    return page.get_url() + page.reverse_subpage("open_data_json")


def csv_url(page, table=None):
    url = page.get_url() + page.reverse_subpage("open_data_csv")
    return f"{url}?table={table}" if table else url


def get_json(client, page):
    response = client.get(json_url(page))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return response, json.loads(response.content)


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM, for Excel
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- privacy ----------------------------------------------------------------------------------


FORBIDDEN = [CONTACT, PRIVATE_TEXT, PENDING_TEXT, DECLINED_TEXT, MERGED_TEXT]


@pytest.mark.parametrize("table", [None, "sessions", "commitments", "updates"])
def test_never_a_contact_a_hash_a_receipt_code_or_a_question_that_is_not_public(
    client, world, reading, table
):
    session = world["session"]
    as_json, as_csv = client.get(json_url(session)), client.get(csv_url(session, table))
    assert as_json.status_code == as_csv.status_code == 200
    bodies = [as_json.content.decode(), as_csv.content.decode("utf-8-sig")]
    assert LIVE_TEXT in bodies[0]
    everyone = CitizenQuestion.objects.filter(session=session)
    secrets = [*FORBIDDEN]
    for row in everyone:
        secrets += [row.receipt_code, row.formatted_receipt_code, row.address_hash]
    secrets += [question.nickname for question in world["private"]]
    for body in bodies:
        for secret in secrets:
            assert secret not in body
        assert "contact" not in body
        assert "address" not in body
        assert "receipt" not in body


def test_only_public_questions_are_listed_and_the_others_only_counted(client, world, reading):
    _response, data = get_json(client, world["session"])
    (record,) = data["sessions"]
    listed = {question["id"] for question in record["questions"]}
    assert listed == {world["live"].pk, world["later"].pk, world["waiting"].pk}
    counts = record["question_counts"]
    assert counts["received"] == 7
    assert counts["published"] == 3
    assert counts["merged"] == 1
    assert counts["declined"] == 1
    assert counts["answered_live"] == 1
    assert counts["answered_in_hot_response"] == 1
    assert counts["awaiting"] == 2  # the waiting question and the one without consent


# --- contents -----------------------------------------------------------------------------------


def test_each_question_has_its_fate_and_its_answer(client, world, reading):
    _response, data = get_json(client, world["session"])
    by_id = {question["id"]: question for question in data["sessions"][0]["questions"]}
    live = by_id[world["live"].pk]
    assert live["fate"] == "answered_live"
    assert live["nickname"] == "乡村网友"
    assert live["text"] == LIVE_TEXT
    assert live["answer"]["kind"] == "live"
    # The guest entries up to the next entry of another role: not what follows the host.
    assert live["answer"]["text"] == LIVE_ANSWER
    assert live["answer"]["answered_by"] == "孙丽"
    assert live["answer"]["url"].endswith("#entry-" + str(world["live"].live_entries.get().pk))
    later = by_id[world["later"].pk]
    assert later["fate"] == "answered_in_hot_response"
    assert later["answer"]["kind"] == "hot_response"
    assert later["answer"]["text"] == LATER_REPLY
    assert later["answer"]["answered_by"] == "市农业农村局"
    assert later["answer"]["url"].endswith(world["response"].url)
    assert later["answer"]["at"].startswith("2022-10-12T15:00")
    waiting = by_id[world["waiting"].pk]
    assert waiting["fate"] == "awaiting"
    assert waiting["answer"] is None


def test_the_deadline_and_whether_the_replies_came_on_time(client, world, reading):
    _response, data = get_json(client, world["session"])
    deadline = data["sessions"][0]["deadline"]
    assert deadline["replies_due"] == "2022-10-17"  # across the National Day holiday
    assert deadline["timing"] == "on_time"
    assert deadline["working_days_late"] == 0
    assert deadline["replies_published_at"].startswith("2022-10-12T15:00")
    assert deadline["estimated"] is False


def test_commitments_with_their_updates(client, world, reading):
    _response, data = get_json(client, world["session"])
    (commitment,) = data["sessions"][0]["commitments"]
    assert commitment["text"] == "年底前完成全部村道硬化"
    assert commitment["status"] == "in_progress"
    assert commitment["progress"] == 40
    assert [update["status_after"] for update in commitment["updates"]] == [
        "not_started",
        "in_progress",
    ]
    assert commitment["updates"][1]["note"] == "已完成三个村。"
    assert commitment["updates"][1]["status_before"] == "not_started"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_json_matches_its_schema(client, world, reading, language, year_page):
    pages = [world["session"], year_page]
    if language == "en":
        pages = [english_version(world["session"]), english_version(year_page)]
    jsonschema.Draft202012Validator.check_schema(schema())
    validator = jsonschema.Draft202012Validator(schema())
    for page in pages:
        _response, data = get_json(client, page)
        validator.validate(data)
        assert data["schema_version"] == "1"
        assert data["language"] == ("zh-Hans" if language == "zh-hans" else "en")


def test_the_schema_is_served_beside_the_data(client, world, reading):
    session = world["session"]
    response = client.get(session.get_url() + session.reverse_subpage("open_data_schema"))
    assert response.status_code == 200
    assert json.loads(response.content)["properties"]["schema_version"] == {"const": "1"}


# --- CSV ---------------------------------------------------------------------------------------


QUESTION_HEADERS = [
    "Session",
    "Session start",
    "Question no.",
    "Asked on",
    "Nickname",
    "Question",
    "Fate",
    "Answered at",
    "Answered by",
    "Answer",
    "Link to the answer",
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_csv_has_a_bom_and_headers_in_the_readers_language(client, world, reading, language):
    session = world["session"]
    page = session if language == "zh-hans" else english_version(session)
    rows = csv_rows(client.get(csv_url(page)))
    with translation.override(language):
        expected = [translation.gettext(header) for header in QUESTION_HEADERS]
    if language == "zh-hans":
        assert rows[0] == [zh(header) for header in QUESTION_HEADERS]
    else:
        assert rows[0] == QUESTION_HEADERS
    assert rows[0] == expected
    assert len(rows) == 1 + 3
    texts = {row[5] for row in rows[1:]}
    assert texts == {LIVE_TEXT, LATER_TEXT, WAITING_TEXT}
    with translation.override(language):
        fates = {translation.gettext("Answered live"), translation.gettext("Awaiting an answer")}
    assert fates <= {row[6] for row in rows[1:]}


@pytest.mark.parametrize(
    ("table", "width", "count"),
    [("sessions", 18, 1), ("commitments", 11, 1), ("updates", 10, 2)],
)
def test_every_table_parses(client, world, reading, table, width, count):
    rows = csv_rows(client.get(csv_url(world["session"], table)))
    assert all(len(row) == width for row in rows)
    assert len(rows) == 1 + count


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(client, world, reading):
    world["waiting"].text = '=HYPERLINK("http://example.com")请问补贴'
    world["waiting"].save()
    rows = csv_rows(client.get(csv_url(world["session"])))
    assert '\'=HYPERLINK("http://example.com")请问补贴' in {row[5] for row in rows}


def test_downloads_are_cacheable(client, world, reading):
    for url in (json_url(world["session"]), csv_url(world["session"])):
        response = client.get(url)
        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]


# --- a year ----------------------------------------------------------------------------------


def test_a_year_is_the_union_of_its_live_sessions(
    client, world, reading, year_page, unit, response_column
):
    other = TalkSessionPageFactory(
        parent=year_page,
        departments=[unit],
        start=local(2022, 6, 15, 10, 0),
        publish_at=local(2022, 6, 8, 10, 0),
        title="农业补贴",
        slug="subsidies",
    )
    accepted_question(other, "请问今年补贴标准是多少？", nickname="六月网友")
    draft = TalkSessionPageFactory(
        parent=year_page, departments=[unit], title="草稿访谈", slug="draft", live=False
    )
    accepted_question(draft, "草稿访谈的留言内容", nickname="草稿网友")
    _response, year = get_json(client, year_page)
    singles = [get_json(client, page)[1]["sessions"][0] for page in (other, world["session"])]
    assert year["scope"] == {"kind": "year", "year": 2022, "url": year["scope"]["url"]}
    assert year["sessions"] == singles  # in the order of their start
    assert "草稿" not in json.dumps(year, ensure_ascii=False)
    rows = csv_rows(client.get(csv_url(year_page)))
    assert len(rows) == 1 + 3 + 1


# --- pages that are not public ---------------------------------------------------------------


def test_a_session_that_is_not_live_has_no_open_data(client, world, reading):
    session = world["session"]
    urls = [json_url(session), csv_url(session)]
    session.unpublish()
    for url in urls:
        assert client.get(url).status_code == 404


def test_a_restricted_session_gives_nothing(client, world, reading, rf):
    session = world["session"]
    PageViewRestriction.objects.create(
        page=session, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = client.get(json_url(session))
    assert b"schema_version" not in response.content
    request = rf.get(json_url(session))
    from django.http import Http404

    for view in (opendata_views.session_json, opendata_views.session_csv):
        with pytest.raises(Http404):
            view(session, request)


def test_a_restricted_year_gives_nothing(client, world, reading, year_page, rf):
    PageViewRestriction.objects.create(
        page=year_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert b"schema_version" not in client.get(json_url(year_page)).content
    from django.http import Http404

    with pytest.raises(Http404):
        opendata_views.year_json(year_page, rf.get("/"))


# --- fuzzing ------------------------------------------------------------------------------------


NONSENSE = [
    "nonsense",
    "%00",
    "questions%00",
    "9" * 400,
    "١٢٣",
    "²",
    "QUESTIONS",
    "questions&table=updates",
    "<script>",
    "",
]


@pytest.mark.parametrize("value", NONSENSE)
def test_nonsense_parameters_never_give_a_server_error(client, world, reading, year_page, value):
    for page in (world["session"], year_page):
        base = page.get_url() + page.reverse_subpage("open_data_csv")
        response = client.get(f"{base}?table={value}")
        assert response.status_code in (200, 404)
        if value not in ("", "questions&table=updates"):
            assert response.status_code == 404
        response = client.get(json_url(page) + f"?table={value}&page={value}")
        assert response.status_code == 200
    assert client.get(json_url(world["session"]) + "x/").status_code == 404


# --- the links ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_session_and_year_pages_link_to_their_downloads(
    client, world, reading, year_page, language
):
    from bs4 import BeautifulSoup

    pages = [world["session"], year_page]
    if language == "en":
        pages = [english_version(page) for page in pages]
    for page in pages:
        response = client.get(page.get_url())
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        section = soup.find(id="open-data")
        assert section is not None
        links = {link["href"]: link for link in section.find_all("a")}
        assert json_url(page) in links
        assert csv_url(page) in links
        assert csv_url(page, "commitments") in links
        assert links[json_url(page)]["type"] == "application/json"
        assert links[csv_url(page)]["hreflang"] == ("zh-Hans" if language == "zh-hans" else "en")
        for href in links:
            assert client.get(href).status_code == 200


def test_the_hot_response_page_knows_its_sessions_downloads(world, reading, rf):
    from onlinetalk.responses.opendata_features import response_context

    request = rf.get("/")
    context = response_context(world["response"], request, READ_AT)
    assert context["open_data"]["json_url"] == json_url(world["session"])


# --- bounded queries ----------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm the site's caches (root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_a_session_costs_the_same_with_3_and_30_questions(
    client, world, reading, kind, django_assert_num_queries
):
    session = world["session"]
    url = json_url(session) if kind == "json" else csv_url(session)
    few = count_queries(client, url)
    for number in range(27):
        made = accepted_question(
            session, f"第{number}个关于乡村道路的问题？", nickname=f"网友{number}"
        )
        if number % 3 == 0:
            post(session, role="citizen", question=made, now=DURING)
            post(session, role="guest", leader=guest(session), text="<p>答复。</p>", now=DURING)
        if number % 5 == 0:
            make_commitment(
                session=session,
                department=session.departments.first(),
                text=f"承诺{number}",
                owner="公路科",
                made_at=DURING,
            )
    with django_assert_num_queries(few):
        client.get(url)


def test_a_year_costs_the_same_with_1_and_4_sessions(
    client,
    world,
    reading,
    year_page,
    unit,
    response_column,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    """Each added session has questions, a commitment and a published hot response answering
    one of its questions."""
    url = json_url(year_page)
    few = count_queries(client, url)
    for number in range(3):
        other = TalkSessionPageFactory(
            parent=year_page,
            departments=[unit],
            start=local(2022, 5 + number, 15, 10, 0),
            publish_at=local(2022, 5 + number, 8, 10, 0),
            slug=f"more-{number}",
        )
        answered = accepted_question(other, f"第{number}场的问题内容？", nickname=f"网友{number}")
        accepted_question(other, f"第{number}场的另一个问题？", nickname=f"另一网友{number}")
        make_commitment(
            session=other, department=unit, text=f"承诺{number}", owner="科室", made_at=other.start
        )
        with django_capture_on_commit_callbacks(execute=True):
            publish_response(
                response_column, other, [answered.pk], at=local(2022, 5 + number, 20, 10, 0)
            )
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200
    data = json.loads(response.content)
    fates = [q["fate"] for record in data["sessions"] for q in record["questions"]]
    assert fates.count("answered_in_hot_response") == 4


def test_the_rehearsal_never_answers_a_question(client, world, reading):
    session = world["session"]
    post(
        session,
        role="citizen",
        question=world["waiting"],
        kind=StreamKind.REHEARSAL,
        now=START,
    )
    _response, data = get_json(client, session)
    by_id = {question["id"]: question for question in data["sessions"][0]["questions"]}
    assert by_id[world["waiting"].pk]["answer"] is None
