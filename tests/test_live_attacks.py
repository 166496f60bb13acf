"""The live broadcast probed as an attacker would: markup in every field staff or citizens
control (page, poll, console, transcript), other units' and other sessions' ids, posts without
a CSRF token, what the public cache may hold, absurd numbers and strings, and the stream's
changes in an order nobody intends."""

import json
import re
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from onlinetalk.live import stream as services
from onlinetalk.live.forms import search_open_questions
from onlinetalk.live.models import LiveEntry, StreamKind
from onlinetalk.live.text import editable_text, formatted_text, text_of
from onlinetalk.live.transcript import compile_transcript
from onlinetalk.questions.models import CitizenQuestion, QuestionStatus
from tests.factories import DepartmentFactory, english_version
from tests.live_support import (
    AFTER,
    DURING,
    accepted_question,
    console_url,
    correct,
    guest,
    latest_url,
    new_live_session,
    office_group,
    post,
    retract,
    staff,
)

pytestmark = pytest.mark.django_db

JSON = {"accept": "application/json"}
SCRIPT = "<script>alert(1)</script>"
# Markup that must never come out of the broadcast's HTML as markup (escaped, it is only words).
DANGEROUS = re.compile(
    r"<script>alert|<img\b|<svg\b|<math\b|<style\b|<[^>]*\son\w+\s*=|<[^>]*\sstyle\s*=|"
    r"href\s*=\s*[\"']?\s*(?:javascript|data|vbscript):",
    re.IGNORECASE,
)


def assert_no_markup_injected(html):
    found = DANGEROUS.search(html)
    assert found is None, html[max(found.start() - 200, 0) : found.end() + 200]


def send(client, url, data, capture, headers=JSON):
    with capture(execute=True):
        return client.post(url, data, headers=headers)


# --- markup in what staff type ------------------------------------------------------------------

HOSTILE_HTML = [
    SCRIPT,
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt&colon;alert(1)">link</a>',
    '<a href="jav&#x61;script:alert(1)">link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">link</a>',
    '<a href="https://example.org/" onclick="alert(1)">link</a>',
    '<svg onload="alert(1)"></svg>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<<script>script>alert(1)<</script>/script>",
    '<b title="x"><i><a href="https://example.org/"><script>alert(1)</script></a></i></b>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<b>x</b>&lt;i&gt;y&lt;/i&gt;",
    "<p>&lt;br&gt; 是换行</p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("typed", HOSTILE_HTML)
def test_formatted_text_keeps_no_script_nor_event_nor_dangerous_url(typed):
    cleaned = formatted_text(typed)

    assert_no_markup_injected(cleaned)
    # Every link that survives is told not to pass the page's window on.
    assert cleaned.count("<a ") == cleaned.count('rel="noopener noreferrer"')
    # The correction box gives back the same words (and no more markup) when saved unchanged:
    # `&lt;/script&gt;` came back as `</script>`, which was then removed as markup.
    again = formatted_text(editable_text(cleaned))
    assert text_of(again) == text_of(cleaned)
    assert_no_markup_injected(again)


@pytest.mark.parametrize("typed", HOSTILE_HTML)
@pytest.mark.parametrize("role", ["host", "notice", "guest"])
def test_staff_markup_reaches_no_reader_nor_console_nor_transcript(
    client, live_session, during, role, typed
):
    fields = {"leader": guest(live_session)} if role == "guest" else {}
    post(live_session, role=role, text=f"开场 {typed}", **fields)

    assert_no_markup_injected(client.get(live_session.url).content.decode())
    body = json.loads(client.get(latest_url(live_session)).content)
    assert_no_markup_injected("".join(entry["html"] for entry in body["entries"]))
    during.move_to(AFTER)
    page = compile_transcript(live_session, None, submit=False).as_object()
    for block in page.transcript:
        assert_no_markup_injected(block.render())


CITIZEN_FIELDS = {
    "asker": '"><script>alert(1)</script>',
    "text": '<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a> &amp; &lt;b&gt;',
}


def test_a_citizens_words_are_escaped_everywhere(console, live_session, during, office):
    question = accepted_question(
        live_session, CITIZEN_FIELDS["text"], nickname=CITIZEN_FIELDS["asker"]
    )
    picker = json.loads(
        console.get(console_url(live_session, "questions"), {"q": "img"}, headers=JSON).content
    )
    assert [item["id"] for item in picker["questions"]] == [question.pk]
    assert_no_markup_injected(picker["questions"][0]["html"])
    assert_no_markup_injected(console_region(console.get(console_url(live_session))))

    entry = post(live_session, office, role="citizen", question=question)
    typed = post(live_session, office, role="citizen", **CITIZEN_FIELDS)

    for entry_ in (entry, typed):
        assert entry_.asker and "alert" in entry_.asker  # kept as typed, escaped when shown
    assert_no_markup_injected(client_page(live_session))
    assert_no_markup_injected(console_region(console.get(console_url(live_session))))
    staff_poll = console.get(console_url(live_session, "entries"), headers=JSON).content.decode()
    assert_no_markup_injected("".join(e["html"] for e in json.loads(staff_poll)["entries"]))
    during.move_to(AFTER)
    page = compile_transcript(live_session, None, submit=False).as_object()
    assert len(page.transcript) == 2
    for block in page.transcript:
        assert_no_markup_injected(block.render())


def console_region(response):
    """The console's own part of the admin page (Wagtail's frame has its own icons)."""
    html = response.content.decode()
    return html[html.index("data-live-console") :]


def client_page(session):
    return Client().get(session.url).content.decode()


STAFF_LINE = '"><script>alert(1)</script><img src=x onerror=alert(1)>'


def test_alt_caption_reason_history_and_names_are_escaped_in_the_console(
    console, live_session, during, office, django_capture_on_commit_callbacks
):
    from tests.test_live_console import png

    office.first_name = STAFF_LINE
    office.save()
    response = send(
        console,
        console_url(live_session, "post"),
        {
            "stream": "public",
            "role": "host",
            "text": "照片",
            "image": png(name=f"{STAFF_LINE}.png"),
            "image_alt": STAFF_LINE,
            "image_caption": STAFF_LINE,
            "flag": "",
        },
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200, response.content
    entry = LiveEntry.objects.get()
    correct(entry, office, text=f"改正 {STAFF_LINE}", image_alt="照片", image_caption="")
    entry.refresh_from_db()
    retract(entry, office, reason=STAFF_LINE)

    html = console_region(console.get(console_url(live_session)))
    data = console.get(console_url(live_session, "entries"), headers=JSON).content.decode()

    assert_no_markup_injected(html)
    assert_no_markup_injected("".join(e["html"] for e in json.loads(data)["entries"]))
    assert_no_markup_injected(client_page(live_session))


# --- authorisation --------------------------------------------------------------------------------


@pytest.fixture
def world(live_session, year_page, during):
    call_command("setup_portal", stdout=StringIO())
    civil = DepartmentFactory(name="市民政局")
    other = new_live_session(
        year_page, civil, title="养老服务", slug="elderly", start=live_session.start
    )
    call_command("setup_portal", stdout=StringIO())
    return {
        "session": live_session,
        "other": other,
        "other editor": staff("civil-editor", "市民政局-编辑"),
        "office": staff("office-editor", office_group()),
    }


def test_the_english_page_of_another_units_session_gets_nobody_in(client, world):
    english = english_version(world["session"], {world["session"].title: "Rural"})
    client.force_login(world["other editor"])

    for name in ("console", "entries", "questions"):
        assert client.get(console_url(english, name), headers=JSON).status_code == 404
    response = client.post(
        console_url(english, "post"), {"stream": "rehearsal", "role": "host", "text": "x"}
    )
    assert response.status_code == 404
    assert not LiveEntry.objects.exists()


def test_the_english_page_of_ones_own_session_opens_the_chinese_stream(client, world):
    english = english_version(world["session"], {world["session"].title: "Rural"})
    client.force_login(world["office"])

    with TestCaseCapture():
        response = client.post(
            console_url(english, "post"),
            {"stream": "rehearsal", "role": "host", "text": "彩排"},
            headers=JSON,
        )

    assert response.status_code == 200
    assert LiveEntry.objects.get().stream.session_id == world["session"].pk


class TestCaseCapture:
    def __enter__(self):
        from django.test import TestCase

        self._context = TestCase.captureOnCommitCallbacks(execute=True)
        return self._context.__enter__()

    def __exit__(self, *args):
        return self._context.__exit__(*args)


@pytest.mark.parametrize("who", ["inactive office", "inactive superuser"])
def test_an_inactive_user_gets_nothing(client, world, who):
    if who == "inactive office":
        user = world["office"]
    else:
        user = get_user_model().objects.create_superuser("root", password="x")
    user.is_active = False
    user.save()
    client.force_login(user)

    response = client.get(console_url(world["session"]))

    assert response.status_code == 302


def test_a_superuser_may(client, world):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))

    assert client.get(console_url(world["session"])).status_code == 200


@pytest.mark.parametrize("status", ["other session", *QuestionStatus.values])
def test_only_an_accepted_question_of_this_session_can_be_put(client, world, status):
    session = world["other"] if status == "other session" else world["session"]
    question = accepted_question(
        session, "公交什么时候调整？", status="accepted" if status == "other session" else status
    )
    client.force_login(world["office"])

    with TestCaseCapture():
        response = client.post(
            console_url(world["session"], "post"),
            {"stream": "public", "role": "citizen", "question": question.pk},
            headers=JSON,
        )

    question.refresh_from_db()
    if status == QuestionStatus.ACCEPTED:
        assert response.status_code == 200
        assert question.status == QuestionStatus.ANSWERED_LIVE
    else:
        assert response.status_code == 400
        assert json.loads(response.content)["field"] == "question"
        assert question.status == ("accepted" if status == "other session" else status)
        assert not LiveEntry.objects.exists()


def test_the_same_question_cannot_be_put_twice(client, world):
    question = accepted_question(world["session"], "公交什么时候调整？")
    client.force_login(world["office"])
    data = {"stream": "public", "role": "citizen", "question": question.pk}

    with TestCaseCapture():
        first = client.post(console_url(world["session"], "post"), data, headers=JSON)
        second = client.post(console_url(world["session"], "post"), data, headers=JSON)

    assert (first.status_code, second.status_code) == (200, 400)
    assert LiveEntry.objects.count() == 1


def test_a_leader_of_another_session_cannot_answer(client, world):
    client.force_login(world["office"])
    stranger = guest(world["other"])

    with TestCaseCapture():
        response = client.post(
            console_url(world["session"], "post"),
            {"stream": "public", "role": "guest", "leader": stranger.pk, "text": "答复"},
            headers=JSON,
        )

    assert response.status_code == 400
    assert json.loads(response.content)["field"] == "leader"
    assert not LiveEntry.objects.exists()


def test_another_units_editor_cannot_compile(client, world):
    post(world["session"], text="开场")
    client.force_login(world["other editor"])

    with time_machine.travel(AFTER, tick=False):
        response = client.post(reverse("onlinetalk_live_compile", args=[world["session"].pk]))

    assert response.status_code == 404
    world["session"].refresh_from_db()
    assert world["session"].latest_revision is None or not world["session"].has_unpublished_changes


# --- CSRF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["console", "post", "correct", "retract", "reset_rehearsal", "compile"]
)
def test_every_post_without_the_csrf_token_is_refused(world, name):
    entry = post(world["session"], text="开场")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["office"])
    args = [world["session"].pk] + ([entry.pk] if name in ("correct", "retract") else [])
    data = {"stream": "public", "role": "host", "text": "伪造", "reason": "伪造"}

    with time_machine.travel(AFTER if name == "compile" else DURING, tick=False):
        response = client.post(reverse(f"onlinetalk_live_{name}", args=args), data)

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.revision == 1 and not entry.is_withdrawn
    assert LiveEntry.objects.count() == 1


# --- what the public cache may hold ----------------------------------------------------------------


def test_no_staff_detail_nor_rehearsal_reaches_the_public_poll_or_page(
    client, live_session, during, office
):
    office.username = "office-editor-secret"
    office.save()
    client.get(latest_url(live_session))  # the answer is cached
    post(live_session, office, text="彩排秘密", kind=StreamKind.REHEARSAL)
    entry = post(live_session, office, text="原来的说法")
    correct(entry, office, text="改正后的说法")
    entry.refresh_from_db()
    retract(entry, office, reason="内部原因")

    bodies = [
        client.get(latest_url(live_session)).content.decode(),
        client.get(reverse("onlinetalk_live:changes", args=[live_session.pk, 0])).content.decode(),
        client.get(live_session.url).content.decode(),
    ]
    for body in bodies:
        for secret in (
            "彩排秘密",
            "原来的说法",
            "改正后的说法",
            "内部原因",
            "office-editor-secret",
        ):
            assert secret not in body


@pytest.mark.parametrize(
    "query,headers",
    [
        ("?x=1", {}),
        ("?since=0&stream=rehearsal", {}),
        ("", {"accept": "text/html"}),
        ("", {"accept-language": "en"}),
        ("", {"cookie": "sessionid=" + "a" * 32}),
    ],
)
def test_query_strings_and_headers_change_nothing_of_the_answer(
    client, live_session, during, query, headers
):
    post(live_session, text="开场")
    post(live_session, text="彩排", kind=StreamKind.REHEARSAL)
    plain = client.get(latest_url(live_session))

    varied = client.get(latest_url(live_session) + query, headers=headers)

    assert varied.content == plain.content and varied["ETag"] == plain["ETag"]
    assert "彩排" not in varied.content.decode()
    assert "Set-Cookie" not in varied and "Cookie" not in varied.get("Vary", "")


def test_a_304_has_no_body_and_the_same_etag(client, live_session, during):
    post(live_session, text="开场")
    etag = client.get(latest_url(live_session))["ETag"]

    response = client.get(latest_url(live_session), headers={"if-none-match": etag})

    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag


@pytest.mark.parametrize("form", ["W/{etag}", '"other", {etag}', "*"])
def test_a_weak_or_listed_etag_is_not_modified_too(client, live_session, during, form):
    # A proxy that compresses (nginx gzip, Django's GZipMiddleware) weakens the ETag; the
    # browser then sends the weak form back. If-None-Match compares weakly (RFC 9110 13.1.2).
    post(live_session, text="开场")
    etag = client.get(latest_url(live_session))["ETag"]

    response = client.get(
        latest_url(live_session), headers={"if-none-match": form.format(etag=etag)}
    )

    assert response.status_code == 304


# --- absurd numbers and strings -------------------------------------------------------------------


@pytest.mark.parametrize("before", ["9" * 5000, "-5", "0", "1e9", "٣", "²"])
def test_the_page_takes_any_before(client, live_session, during, before):
    post(live_session, text="开场")

    assert client.get(live_session.url, {"before": before}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "live/{id}/before/{big}/",
        "live/{id}/since/{big}/",
        "live/{big}/",
        "live/{id}/before/9007199254740991/",
        "live/{id}/since/9007199254740991/",
        "live/{id}/before/2147483648/",
    ],
)
def test_the_poll_takes_any_number(client, live_session, during, path):
    post(live_session, text="开场")
    url = "/onlinetalk/" + path.format(id=live_session.pk, big="9" * 400)

    assert client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("q", ["a\x00b", "问" * 100_000, "%", "_", "\\"])
def test_the_question_picker_takes_any_query(console, live_session, q):
    accepted_question(live_session, "公交 100% 准点？")

    response = console.get(console_url(live_session, "questions"), {"q": q}, headers=JSON)

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("q", ["a\x00b", "\x00"])
def test_the_picker_search_drops_nul_bytes(live_session, q):
    # PostgreSQL refuses a NUL in a text comparison: the search ignores it.
    accepted_question(live_session, "ab 公交")

    assert [question.text for question in search_open_questions(live_session, q)] == ["ab 公交"]


@pytest.mark.parametrize(
    "field,length",
    [("text", services.MAX_TEXT_LENGTH + 1), ("text", 50_001), ("asker", 31)],
)
def test_too_long_a_post_is_refused_with_its_reason(
    console, live_session, field, length, django_capture_on_commit_callbacks
):
    # A citizen's text past the limit was cut silently; now it is refused, and stays in the box.
    data = {"stream": "public", "role": "citizen", "text": "问", "asker": "网友"}
    data[field] = "问" * length

    response = send(
        console, console_url(live_session, "post"), data, django_capture_on_commit_callbacks
    )

    assert response.status_code == 400
    assert json.loads(response.content)["field"] == field
    assert not LiveEntry.objects.exists()


# --- changes in an order nobody intends -----------------------------------------------------------


def test_withdrawing_twice_or_correcting_a_withdrawn_entry_is_refused(
    console, live_session, office, django_capture_on_commit_callbacks
):
    entry = post(live_session, office, text="开场")
    retract(entry, office, reason="第一次")
    version = LiveEntry.objects.get().changed_in_version

    again = send(
        console,
        console_url(live_session, "retract", entry.pk),
        {"reason": "第二次"},
        django_capture_on_commit_callbacks,
    )
    corrected = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": "复活"},
        django_capture_on_commit_callbacks,
    )

    assert (again.status_code, corrected.status_code) == (400, 400)
    entry.refresh_from_db()
    assert entry.withdrawal_reason == "第一次" and entry.changed_in_version == version
    assert entry.text == "<p>开场</p>"


@pytest.mark.parametrize("text", ["", "   ", "<p></p>", "<script>x</script>", "<br>&nbsp;"])
def test_correcting_to_nothing_is_refused(
    console, live_session, office, text, django_capture_on_commit_callbacks
):
    entry = post(live_session, office, text="开场")

    response = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": text},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.text == "<p>开场</p>" and entry.revision == 1


def test_a_correction_of_a_put_question_leaves_the_question_alone(
    console, live_session, office, django_capture_on_commit_callbacks
):
    question = accepted_question(live_session, "公交什么时候调整？")
    entry = post(live_session, office, role="citizen", question=question)

    response = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": "公交线路何时调整？"},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert entry.question == question and entry.text == "公交线路何时调整？"
    assert CitizenQuestion.objects.get().text == "公交什么时候调整？"


def test_compiling_after_corrections_and_withdrawals_holds_the_latest_words(
    live_session, during, office
):
    kept = post(live_session, office, text="原话")
    gone = post(live_session, office, text="撤回的话")
    correct(kept, office, text="改正的话")
    retract(gone, office)
    during.move_to(AFTER)

    page = compile_transcript(live_session, office, submit=False).as_object()
    again = compile_transcript(live_session, office, submit=False).as_object()

    texts = [block.value["remark"] for block in page.transcript]
    assert texts == ["改正的话"]
    assert [block.id for block in again.transcript] == [block.id for block in page.transcript]


# --- the database down during a post -------------------------------------------------------------


@pytest.mark.parametrize("name", ["console", "post"])
def test_a_console_post_while_the_database_is_down_shows_the_text_again(
    console, live_session, monkeypatch, name
):
    # The console's script keeps the text in the box; the plain form lost it to the bare 503.
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(services, "post_entry", down)
    typed = "主持人：各位网友，大家好！<b>欢迎</b>"
    url = console_url(live_session, name)

    response = console.post(url, {"stream": "public", "role": "notice", "text": typed, "flag": ""})

    assert response.status_code == 503 and response["Retry-After"]
    body = response.content.decode()
    assert "主持人：各位网友，大家好！&lt;b&gt;欢迎&lt;/b&gt;" in body
    assert "<b>欢迎" not in body
    assert f'action="{url}"' in body
    assert '<input type="hidden" name="role" value="notice">' in body
    assert '<input type="hidden" name="stream" value="public">' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert not LiveEntry.objects.exists()
