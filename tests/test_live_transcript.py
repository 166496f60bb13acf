"""After the session: "Compile transcript" turns the public stream into the session page's
transcript blocks, as a new draft revision submitted for approval (onlinetalk/live/transcript.py),
through one admin URL that the live permission policy guards."""

import datetime
from io import StringIO

import pytest
import time_machine
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.rich_text import RichText

from onlinetalk.live.models import StreamKind
from onlinetalk.live.transcript import block_id, compile_transcript, image_block_id
from onlinetalk.questions.models import QuestionStatus
from tests.factories import CitizenQuestionFactory, DepartmentFactory, TalkSessionPageFactory
from tests.live_support import AFTER, BEFORE, START, guest, post, retract
from tests.question_support import zh

pytestmark = pytest.mark.django_db

REHEARSAL_TEXT = "彩排测试：请勿外传"


def at(minutes):
    return START + datetime.timedelta(minutes=minutes)


def hhmm(moment):
    return timezone.localtime(moment).time().replace(second=0, microsecond=0)


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(
        title="现场照片", collection=Collection.get_first_root_node()
    )


@pytest.fixture
def stream(live_session, image):
    """A public stream of every kind of entry, with a withdrawn one, and a rehearsal."""
    session = live_session
    leader = guest(session)
    board = CitizenQuestionFactory(
        session=session,
        status=QuestionStatus.ACCEPTED,
        nickname="斗门果农",
        text="冷链物流有什么扶持政策？",
        consent_to_publish=True,
    )
    post(session, kind=StreamKind.REHEARSAL, now=BEFORE, text=REHEARSAL_TEXT)
    entries = {
        "opening": post(session, now=at(0), text="各位网友，大家好！\n\n欢迎来到民生在线。"),
        "intro": post(
            session,
            now=at(2),
            role="guest",
            leader=leader,
            text="大家好，我是孙丽。",
            image=image,
            image_alt="孙丽局长在访谈现场",
            image_caption="访谈现场",
        ),
        "question": post(session, now=at(5), role="citizen", question=board),
        "answer": post(
            session,
            now=at(7),
            role="guest",
            leader=leader,
            text="<p>我们<strong>将</strong>出台补贴。</p>",
        ),
        "more": post(session, now=at(9), role="guest", leader=leader, text="补充一点：年内落实。"),
        "wrong": post(session, now=at(10), text="这条发错了"),
        "typed": post(session, now=at(12), role="citizen", asker="小王", text="路灯何时装好？"),
        "notice": post(session, now=at(58), role="notice", text="本期访谈到此结束。"),
    }
    retract(entries["wrong"], reason="发错")
    board.refresh_from_db()
    return {"session": session, "leader": leader, "board": board, "image": image, **entries}


def _transcript(page):
    return [(block.block_type, block.id) for block in page.transcript]


def _compiled(session, user=None):
    with time_machine.travel(AFTER, tick=False):
        revision = compile_transcript(session, user)
    return revision.as_object()


def test_the_compiled_transcript_equals_the_entries(stream):
    page = _compiled(stream["session"])
    e = stream
    assert _transcript(page) == [
        ("host_remark", block_id(e["opening"].pk)),
        ("guest_remark", block_id(e["intro"].pk)),
        ("image", image_block_id(e["intro"].pk)),
        ("qa_exchange", block_id(e["answer"].pk)),
        ("qa_exchange", block_id(e["more"].pk)),
        ("qa_exchange", block_id(e["typed"].pk)),
        ("notice", block_id(e["notice"].pk)),
    ]
    blocks = list(page.transcript)
    assert blocks[0].value["remark"] == "各位网友，大家好！\n欢迎来到民生在线。"
    assert blocks[0].value["time"] == hhmm(at(0))
    assert blocks[1].value["leader"] == e["leader"]
    assert blocks[1].value["remark"].source == "<p>大家好，我是孙丽。</p>"
    image = blocks[2].value
    assert (image["image"], image["alt_text"], image["caption"]) == (
        e["image"],
        "孙丽局长在访谈现场",
        "访谈现场",
    )
    answer, more, typed = (block.value for block in blocks[3:6])
    assert (answer["asker"], answer["question"]) == ("斗门果农", "冷链物流有什么扶持政策？")
    assert answer["leader"] == e["leader"]
    assert answer["answer"].source == "<p>我们<strong>将</strong>出台补贴。</p>"
    # An exchange carries the time of its question; each answer is its own exchange.
    assert answer["time"] == more["time"] == hhmm(at(5))
    assert more["answer"].source == "<p>补充一点：年内落实。</p>"
    # A question no leader answered keeps its place, without an answer.
    assert (typed["asker"], typed["question"], typed["leader"]) == ("小王", "路灯何时装好？", None)
    assert not typed["answer"]
    assert blocks[6].value["text"].source == "<p>本期访谈到此结束。</p>"
    assert blocks[6].value["time"] == hhmm(at(58))


def test_withdrawn_and_rehearsal_entries_are_left_out(stream):
    page = _compiled(stream["session"])
    ids = {block.id for block in page.transcript}
    assert block_id(stream["wrong"].pk) not in ids
    html = page.transcript.render_as_block()
    assert "这条发错了" not in html
    assert REHEARSAL_TEXT not in html
    assert "冷链物流有什么扶持政策？" in html


def test_compiling_twice_gives_the_same_blocks_and_keeps_hand_added_ones(stream):
    session = stream["session"]
    first = _compiled(session)
    # An editor adds a paragraph by hand and saves a draft.
    first.transcript.append(("rich_text", RichText("<p>编者按：以上为文字实录。</p>")))
    first = first.save_revision().as_object()
    hand_added = first.transcript[-1].id

    second = _compiled(session)

    assert _transcript(second) == _transcript(first)
    assert [block.get_prep_value() for block in second.transcript] == [
        block.get_prep_value() for block in first.transcript
    ]
    assert second.transcript[-1].id == hand_added
    assert len({block.id for block in second.transcript}) == len(second.transcript)


def test_an_entry_withdrawn_after_compiling_leaves_the_next_compilation(stream):
    session = stream["session"]
    _compiled(session)
    retract(stream["more"], reason="重复")
    page = _compiled(session)
    assert block_id(stream["more"].pk) not in {block.id for block in page.transcript}
    assert [block.block_type for block in page.transcript].count("qa_exchange") == 2


def test_compiling_makes_a_draft_revision_and_leaves_the_live_page_alone(stream):
    session = stream["session"]
    revisions = Revision.page_revisions.filter(object_id=str(session.pk)).count()

    _compiled(session)

    session.refresh_from_db()
    assert Revision.page_revisions.filter(object_id=str(session.pk)).count() == revisions + 1
    assert session.live and session.has_unpublished_changes
    assert not session.transcript  # the live version has no transcript yet
    assert session.get_latest_revision().as_object().transcript
    # The entries stay for the record, the withdrawn one too.
    assert session.live_streams.get(kind="public").entries.count() == 8


def test_the_draft_is_submitted_when_the_page_has_a_workflow(stream, year_page, admin_user):
    workflow = Workflow.objects.create(name="单位审核")
    task = GroupApprovalTask.objects.create(name="单位审核")
    task.groups.set([Group.objects.get_or_create(name="审核人")[0]])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=year_page)
    session = stream["session"]

    _compiled(session, admin_user)

    session.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(session.pk))
    assert state.workflow == workflow
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == admin_user
    assert state.current_task_state.revision == session.get_latest_revision()
    assert not session.transcript

    # Compiling again while the review is in progress starts no second workflow.
    _compiled(session, admin_user)
    assert WorkflowState.objects.filter(object_id=str(session.pk)).count() == 1


def test_without_a_workflow_the_draft_waits_unsubmitted(stream, admin_user):
    Workflow.objects.update(active=False)
    session = stream["session"]
    _compiled(session, admin_user)
    assert not WorkflowState.objects.filter(object_id=str(session.pk)).exists()
    session.refresh_from_db()
    assert session.has_unpublished_changes and not session.transcript


def test_the_published_transcript_replaces_the_stream_on_the_page(client, stream):
    session = stream["session"]
    with time_machine.travel(AFTER, tick=False):
        before = client.get(session.url).content.decode()
        assert 'class="ot-live"' in before
        assert "ot-transcript" not in before

        compile_transcript(session, None).publish()
        after = client.get(session.url).content.decode()

    assert 'class="ot-live"' not in after
    assert 'id="ot-transcript-heading"' in after
    assert "冷链物流有什么扶持政策？" in after
    assert "孙丽局长在访谈现场" in after
    assert "这条发错了" not in after


# --- the admin URL --------------------------------------------------------------------------------


@pytest.fixture
def people(stream, django_user_model):
    DepartmentFactory(name="市教育局")
    call_command("setup_portal", stdout=StringIO())

    def member(username, group):
        user = django_user_model.objects.create_user(username, password="x")
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "nobody": member("nobody", None),
        "other unit": member("education-editor", "市教育局-编辑"),
        "own unit": member("agriculture-editor", "市农业农村局-编辑"),
        "office": member("office-editor", "市政府办公室-编辑"),
    }


def compile_url(session):
    return reverse("onlinetalk_live_compile", args=[session.pk])


def _revision_count(session):
    return Revision.page_revisions.filter(object_id=str(session.pk)).count()


def test_an_anonymous_visitor_is_sent_to_log_in(client, stream):
    session = stream["session"]
    with time_machine.travel(AFTER, tick=False):
        response = client.post(compile_url(session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert _revision_count(session) == 1


def test_a_user_without_admin_access_is_sent_to_log_in(client, people, stream):
    session = stream["session"]
    client.force_login(people["nobody"])
    with time_machine.travel(AFTER, tick=False):
        response = client.post(compile_url(session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert _revision_count(session) == 1


def test_another_units_editor_gets_404_with_nothing_of_the_session(client, people, stream):
    session = stream["session"]
    client.force_login(people["other unit"])
    with time_machine.travel(AFTER, tick=False):
        response = client.post(compile_url(session))
    assert response.status_code == 404
    body = response.content.decode()
    assert session.title not in body and "冷链物流" not in body
    assert _revision_count(session) == 1


@pytest.mark.parametrize("who", ["own unit", "office"])
def test_the_units_editor_and_the_office_compile(client, people, stream, who):
    session = stream["session"]
    client.force_login(people[who])
    with time_machine.travel(AFTER, tick=False):
        response = client.post(compile_url(session), follow=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[session.pk])
    messages = [str(message) for message in response.wsgi_request._messages]
    # Seven entries are compiled: the withdrawn one is left out.
    assert messages == [compiled_message("The draft awaits approval.", 7)]
    session.refresh_from_db()
    latest = session.get_latest_revision()
    assert latest.user == people[who]
    assert block_id(stream["answer"].pk) in {block.id for block in latest.as_object().transcript}


def test_compiling_is_refused_before_the_end(client, people, stream):
    session = stream["session"]
    client.force_login(people["office"])
    with time_machine.travel(at(30), tick=False):
        response = client.post(compile_url(session))
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [zh("The transcript can be compiled once the session has ended.")]
    assert _revision_count(session) == 1


def test_a_session_without_entries_has_nothing_to_compile(client, people, year_page, unit):
    session = TalkSessionPageFactory(parent=year_page, departments=[unit], slug="empty")
    client.force_login(people["office"])
    with time_machine.travel(AFTER, tick=False):
        response = client.post(compile_url(session))
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [zh("The live stream has no entries: there is nothing to compile.")]
    assert not session.revisions.exists()


def test_get_is_not_allowed(client, people, stream):
    client.force_login(people["office"])
    with time_machine.travel(AFTER, tick=False):
        assert client.get(compile_url(stream["session"])).status_code == 405


def test_without_a_workflow_the_message_says_the_draft_awaits_publication(client, people, stream):
    Workflow.objects.update(active=False)
    client.force_login(people["office"])
    with time_machine.travel(AFTER, tick=False):
        response = client.post(compile_url(stream["session"]))
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [compiled_message("The draft awaits review and publication.", 7)]


def compiled_message(ending, count):
    """The compile view's message as the (Chinese) admin shows it."""
    singular = f"%(count)d entry compiled into the transcript. {ending}"
    plural = f"%(count)d entries compiled into the transcript. {ending}"
    with translation.override("zh-hans"):
        return ngettext(singular, plural, count) % {"count": count}
