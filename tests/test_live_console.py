"""The live console in the admin: posting every role through the script's endpoints and the plain
form, refusals that say why, questions from the board, corrections with history, withdrawals
with their marker, the rehearsal and its reset, and the staff's poll of either stream."""

import io
import json
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from onlinetalk.live.models import LiveEntry, LiveEntryRevision, StreamKind
from onlinetalk.questions.models import QuestionStatus
from tests.live_support import (
    BEFORE,
    accepted_question,
    console_url,
    guest,
    post,
)

pytestmark = pytest.mark.django_db

JSON = {"accept": "application/json"}
JS = Path(__file__).resolve().parent.parent / "onlinetalk/static/onlinetalk/js/live_console.js"


def send(client, url, data, *, headers=JSON, capture):
    """A POST as the console's script sends it, with the stream's after-commit work run."""
    with capture(execute=True):
        return client.post(url, data, headers=headers)


def png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#2a6").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def form(**fields):
    return {"stream": "public", "role": "host", "flag": "", **fields}


# --- the page ------------------------------------------------------------------------------------


def test_the_console_is_an_admin_page_with_the_post_form(console, live_session):
    response = console.get(console_url(live_session))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.content.decode()
    assert 'id="wagtail-sidebar"' in body  # Wagtail's admin base
    assert "data-console-form" in body and "Ctrl+Enter" in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "孙丽" in body  # the session's leader in the guest select
    assert "live_console.js" in body


def test_ctrl_enter_posts_in_the_script():
    script = JS.read_text()
    assert "event.ctrlKey" in script and 'event.key === "Enter"' in script


def test_the_compile_button_is_there_when_the_compile_view_is(console, live_session):
    body = console.get(console_url(live_session)).content.decode()
    assert reverse("onlinetalk_live_compile", args=[live_session.pk]) in body


# --- posting -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "extra", "shown"),
    [
        ("host", {"text": "各位网友，大家好！"}, "各位网友，大家好！"),
        ("guest", {"text": "谢谢主持人。"}, "孙丽"),
        ("citizen", {"text": "农村公路什么时候修？", "asker": "老张"}, "老张"),
        ("notice", {"text": "本期访谈将于11时结束。"}, "本期访谈将于11时结束。"),
    ],
)
def test_each_role_posts_through_the_endpoint(
    console, live_session, office, role, extra, shown, django_capture_on_commit_callbacks
):
    if role == "guest":
        extra["leader"] = guest(live_session).pk

    response = send(
        console,
        console_url(live_session, "post"),
        form(role=role, **extra),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["ok"] is True
    entry = LiveEntry.objects.get(pk=data["entry"]["id"])
    assert (entry.role, entry.stream.kind, entry.posted_by) == (role, "public", office)
    assert shown in data["entry"]["html"]
    assert data["entry"]["posted_by"] == "office-editor"
    assert "no-store" in response["Cache-Control"]


def test_the_plain_form_posts_and_comes_back_with_a_message(
    console, live_session, django_capture_on_commit_callbacks
):
    response = send(
        console,
        console_url(live_session),
        form(text="没有脚本也能发布。"),
        headers={},
        capture=django_capture_on_commit_callbacks,
    )

    entry = LiveEntry.objects.get()
    assert response.status_code == 302
    assert (
        response["Location"]
        == console_url(live_session) + f"?stream=public#console-entry-{entry.pk}"
    )
    page = console.get(response["Location"]).content.decode()
    assert "Posted." in page and "没有脚本也能发布。" in page


def test_a_refused_plain_post_shows_the_form_again_with_the_text_and_the_reason(
    console, live_session, django_capture_on_commit_callbacks
):
    response = send(
        console,
        console_url(live_session),
        form(role="guest", text="这段回答还没选领导。"),
        headers={},
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "这段回答还没选领导。</textarea>" in body
    assert "Choose which of the session&#x27;s leaders is answering." in body
    assert not LiveEntry.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"role": "guest", "text": "没有选领导"}, "leader", "leaders is answering"),
        ({"text": "长" * 5001}, "text", "too long"),
        ({"role": "citizen", "text": "没有昵称的问题"}, "asker", "nickname"),
        ({"text": ""}, "text", "Write the entry"),
        ({"role": "nobody", "text": "谁在说话"}, "role", "valid choice"),
    ],
)
def test_a_refused_post_says_why_and_names_the_field(
    console, live_session, fields, field, reason, django_capture_on_commit_callbacks
):
    response = send(
        console,
        console_url(live_session, "post"),
        form(**fields),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False
    assert data["field"] == field
    assert reason in data["error"]
    assert not LiveEntry.objects.exists()


def test_a_leader_of_another_session_is_refused(
    console, live_session, django_capture_on_commit_callbacks
):
    from tests.factories import LeaderFactory

    stranger = LeaderFactory(name="王强", position="别的局长")

    response = send(
        console,
        console_url(live_session, "post"),
        form(role="guest", leader=stranger.pk, text="我不是本期嘉宾"),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    assert response.json()["field"] == "leader"


# --- images --------------------------------------------------------------------------------------


def test_an_image_with_alt_text_becomes_a_wagtail_image(
    console, live_session, office, django_capture_on_commit_callbacks
):
    response = send(
        console,
        console_url(live_session, "post"),
        form(image=png(), image_alt="访谈现场", image_caption="嘉宾在演播室"),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200, response.content
    entry = LiveEntry.objects.get()
    assert entry.image.uploaded_by_user == office
    assert (entry.image.width, entry.image.height) == (40, 30)
    assert 'alt="访谈现场"' in response.json()["entry"]["html"]
    assert "嘉宾在演播室" in response.json()["entry"]["html"]


def test_an_image_without_alt_text_is_refused_and_not_kept(
    console, live_session, django_capture_on_commit_callbacks
):
    response = send(
        console,
        console_url(live_session, "post"),
        form(text="配图说明还没写", image=png()),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    assert response.json()["field"] == "image_alt"
    assert not get_image_model().objects.exists()
    assert not LiveEntry.objects.exists()


def test_a_file_that_is_no_image_is_refused_with_the_reason(
    console, live_session, django_capture_on_commit_callbacks
):
    upload = io.BytesIO(b"MZ not an image")
    upload.name = "photo.png"

    response = send(
        console,
        console_url(live_session, "post"),
        form(text="文字保留", image=upload, image_alt="照片"),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    data = response.json()
    assert data["field"] == "image"
    assert "image" in data["error"].lower()
    assert not get_image_model().objects.exists()


def test_a_too_large_image_is_refused(
    console, live_session, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50

    response = send(
        console,
        console_url(live_session, "post"),
        form(image=png(), image_alt="照片"),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    assert "too big" in response.json()["error"]


# --- questions from the board -------------------------------------------------------------------


def test_choosing_a_question_marks_it_answered_live_and_links_both_ways(
    console, live_session, django_capture_on_commit_callbacks
):
    question = accepted_question(live_session, "村里的自来水什么时候通？", nickname="小王")

    response = send(
        console,
        console_url(live_session, "post"),
        form(role="citizen", question=question.pk),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200, response.content
    entry = LiveEntry.objects.get()
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED_LIVE
    assert entry.question == question
    assert list(question.live_entries.all()) == [entry]
    assert (entry.text, entry.asker) == ("村里的自来水什么时候通？", "小王")
    # It has its fate: neither the picker nor the list beside the stream shows it any more.
    listed = console.get(console_url(live_session, "questions"), headers=JSON).json()
    assert listed["questions"] == []
    page = console.get(console_url(live_session)).content.decode()
    assert f'data-question-id="{question.pk}"' not in page


def test_the_picker_lists_open_questions_most_wanted_first_and_filters(
    console, live_session, year_page, unit
):
    from tests.live_support import new_live_session

    little = accepted_question(live_session, "路灯坏了谁来修？", upvotes=2)
    most = accepted_question(live_session, "养老金何时上调？", nickname="老李", upvotes=40)
    accepted_question(live_session, "待审核的问题", status="pending")
    accepted_question(live_session, "已答复的问题", status="answered_live")
    other = new_live_session(year_page, unit, title="别的访谈", slug="other")
    accepted_question(other, "别的访谈的问题")

    everything = console.get(console_url(live_session, "questions")).json()
    by_text = console.get(console_url(live_session, "questions") + "?q=路灯").json()
    by_nickname = console.get(console_url(live_session, "questions") + "?q=老李").json()

    assert [row["id"] for row in everything["questions"]] == [most.pk, little.pk]
    assert everything["total"] == 2
    assert [row["id"] for row in by_text["questions"]] == [little.pk]
    assert [row["id"] for row in by_nickname["questions"]] == [most.pk]
    page = console.get(console_url(live_session)).content.decode()
    assert page.index("养老金何时上调？") < page.index("路灯坏了谁来修？")
    assert "待审核的问题" not in page and "别的访谈的问题" not in page


def test_the_picker_escapes_citizens_text(console, live_session):
    accepted_question(live_session, "<script>alert(1)</script>请问", nickname="<b>x</b>")

    html = console.get(console_url(live_session, "questions")).json()["questions"][0]["html"]
    page = console.get(console_url(live_session)).content.decode()

    assert "<script>alert(1)" not in html and "<script>alert(1)" not in page
    assert "&lt;script&gt;" in html and "<b>x</b>" not in page


def test_at_most_twenty_questions_come_back(console, live_session):
    for number in range(25):
        accepted_question(live_session, f"问题{number}", upvotes=number)

    listed = console.get(console_url(live_session, "questions")).json()["questions"]

    assert len(listed) == 20
    assert listed[0]["upvotes"] == 24


# --- corrections and withdrawals -----------------------------------------------------------------


def test_a_correction_keeps_the_earlier_text_in_the_history(
    console, live_session, office, django_capture_on_commit_callbacks
):
    entry = post(live_session, office, text="明年将新建5所学校。")

    response = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": "明年将新建6所学校。", "flag": "commitment"},
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert (entry.revision, entry.flag) == (2, "commitment")
    assert "6所" in entry.text
    earlier = LiveEntryRevision.objects.get(entry=entry)
    assert "5所" in earlier.text
    data = response.json()["entry"]
    assert [row["revision"] for row in data["revisions"]] == [1]
    assert "明年将新建5所学校。" in data["html"]  # the history, for the staff
    polled = console.get(console_url(live_session, "entries")).json()["entries"][0]
    assert "5所" in polled["revisions"][0]["text"]


def test_the_correction_box_holds_the_text_as_typed(console, live_session, office):
    post(live_session, office, text="第一段\n\n第二段")

    page = console.get(console_url(live_session)).content.decode()

    assert "第一段\n\n第二段</textarea>" in page


def test_a_refused_correction_says_why(
    console, live_session, office, django_capture_on_commit_callbacks
):
    entry = post(live_session, office, text="原文")

    response = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": ""},
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    assert response.json()["field"] == "text"
    entry.refresh_from_db()
    assert entry.text == "<p>原文</p>"


def test_a_withdrawal_keeps_the_entry_with_its_marker_and_the_reason_for_staff(
    console, live_session, office, django_capture_on_commit_callbacks
):
    entry = post(live_session, office, text="说错了的一句话")

    response = send(
        console,
        console_url(live_session, "retract", entry.pk),
        {"reason": "嘉宾口误"},
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200, response.content
    entry.refresh_from_db()
    assert entry.is_withdrawn and entry.withdrawal_reason == "嘉宾口误"
    data = response.json()["entry"]
    assert data["withdrawn"] and data["withdrawal_reason"] == "嘉宾口误"
    page = console.get(console_url(live_session)).content.decode()
    assert "This entry was withdrawn." in page and "嘉宾口误" in page
    # Withdrawn is final.
    again = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": "再改"},
        capture=django_capture_on_commit_callbacks,
    )
    assert again.status_code == 400
    assert "withdrawn" in again.json()["error"]


def test_the_plain_correction_form_comes_back_to_the_console(
    console, live_session, office, django_capture_on_commit_callbacks
):
    entry = post(live_session, office, text="旧")

    response = send(
        console,
        console_url(live_session, "correct", entry.pk),
        {"text": "新"},
        headers={},
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    assert response["Location"] == console_url(live_session) + "?stream=public"


# --- the rehearsal -------------------------------------------------------------------------------


def test_before_posting_opens_the_live_stream_refuses_and_the_rehearsal_takes_posts(
    client, office, live_session, django_capture_on_commit_callbacks
):
    client.force_login(office)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(console_url(live_session)).content.decode()
        live = send(
            client,
            console_url(live_session, "post"),
            form(text="提前发布"),
            capture=django_capture_on_commit_callbacks,
        )
        rehearsal = send(
            client,
            console_url(live_session, "post"),
            form(stream="rehearsal", text="彩排一条"),
            capture=django_capture_on_commit_callbacks,
        )

    assert 'value="public" disabled' in page
    assert 'value="rehearsal" checked' in page
    assert live.status_code == 400
    assert "Use the rehearsal" in live.json()["error"]
    assert rehearsal.status_code == 200
    assert LiveEntry.objects.get().stream.kind == StreamKind.REHEARSAL


def test_reset_rehearsal_clears_only_the_rehearsal(
    console, live_session, office, django_capture_on_commit_callbacks
):
    public = post(live_session, office, text="正式直播")
    post(live_session, office, kind=StreamKind.REHEARSAL, text="彩排一")
    post(live_session, office, kind=StreamKind.REHEARSAL, text="彩排二")

    response = send(
        console,
        console_url(live_session, "reset_rehearsal"),
        {},
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert response.json()["removed"] == 2
    assert list(LiveEntry.objects.all()) == [public]


def test_reset_rehearsal_is_a_post(console, live_session):
    assert console.get(console_url(live_session, "reset_rehearsal")).status_code == 405


def test_the_staff_poll_shows_the_stream_asked_for(console, live_session, office):
    public = post(live_session, office, text="正式直播")
    rehearsal = post(live_session, office, kind=StreamKind.REHEARSAL, text="彩排")
    later = post(live_session, office, text="第二条")
    url = console_url(live_session, "entries")

    live = console.get(url + "?stream=public").json()
    practice = console.get(url + "?stream=rehearsal").json()
    since = console.get(url + f"?stream=public&since={public.changed_in_version}").json()
    response = console.get(url)

    assert [row["id"] for row in live["entries"]] == [public.pk, later.pk]
    assert live["ids"] == [public.pk, later.pk]
    assert [row["id"] for row in practice["entries"]] == [rehearsal.pk]
    assert practice["stream"] == "rehearsal"
    assert [row["id"] for row in since["entries"]] == [later.pk]
    assert since["version"] == later.changed_in_version
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["stream"] == "public"


def test_the_console_page_shows_the_rehearsal_when_asked(console, live_session, office):
    post(live_session, office, text="正式直播")
    post(live_session, office, kind=StreamKind.REHEARSAL, text="彩排内容")

    rehearsal = console.get(console_url(live_session) + "?stream=rehearsal").content.decode()
    public = console.get(console_url(live_session)).content.decode()

    assert "彩排内容" in rehearsal and "正式直播" not in rehearsal
    assert "正式直播" in public and "彩排内容" not in public
