"""`load_demo`'s live broadcasts (issue 8, "Demo"): the live showcase's stream so far, posted
through the console's services, and the ended showcase's compiled, published transcript."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.images import get_image_model
from wagtail.models import Revision

from onlinetalk.live.models import LiveEntry, LiveEntryRevision
from onlinetalk.live.transcript import as_stream, compiled_blocks
from onlinetalk.questions.models import CitizenQuestion, QuestionStatus
from onlinetalk.sessions.models import TalkSessionPage
from tests.session_support import DEMO_NOW, load_demo

pytestmark = pytest.mark.django_db


def _session(slug, language="zh-hans"):
    return TalkSessionPage.objects.get(slug=slug, locale__language_code=language)


def _entries(slug):
    return list(
        LiveEntry.objects.filter(stream__session=_session(slug), stream__kind="public").order_by(
            "pk"
        )
    )


def test_the_live_showcase_has_a_stream_of_every_kind_of_entry(frozen):
    session = _session("showcase-live")
    entries = _entries("showcase-live")
    assert len(entries) >= 12
    assert {entry.role for entry in entries} == {"host", "guest", "citizen", "notice"}
    assert entries[0].role == "host" and entries[-1].role == "notice"
    # Posted over the first 20 minutes, in order, before "now".
    times = [entry.posted_at for entry in entries]
    assert times == sorted(times)
    assert session.start <= times[0] and times[-1] < session.start + datetime.timedelta(minutes=20)
    assert times[-1] < DEMO_NOW
    assert all(
        entry.leader == session.session_leaders.first().leader
        for entry in entries
        if entry.role == "guest"
    )
    assert {"commitment", "suggestion"} <= {entry.flag for entry in entries}


def test_the_live_showcase_has_a_correction_a_withdrawal_and_a_photo(frozen):
    entries = _entries("showcase-live")
    corrected = [entry for entry in entries if entry.revision > 1]
    assert len(corrected) == 1
    history = LiveEntryRevision.objects.get(entry=corrected[0])
    assert "3条" in history.text and "5条" in corrected[0].text
    withdrawn = [entry for entry in entries if entry.is_withdrawn]
    assert len(withdrawn) == 1 and withdrawn[0].withdrawal_reason
    pictured = [entry for entry in entries if entry.image_id]
    assert len(pictured) == 1
    assert pictured[0].image_alt and pictured[0].image_caption
    image = pictured[0].image
    assert isinstance(image, get_image_model())
    assert (image.width, image.height) == (960, 540)
    with image.open_file() as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_questions_put_live_come_from_the_board_and_are_answered_live(frozen):
    session = _session("showcase-live")
    asked = [entry for entry in _entries("showcase-live") if entry.question_id]
    assert len(asked) == 3
    for entry in asked:
        assert entry.question.session == session
        assert entry.question.status == QuestionStatus.ANSWERED_LIVE
        assert entry.text == entry.question.text and entry.asker == entry.question.nickname
        assert list(entry.question.events.values_list("action", flat=True)) == [
            "submitted",
            "accepted",
            "answered_live",
        ]
    waiting = CitizenQuestion.objects.filter(session=session, status=QuestionStatus.ACCEPTED)
    assert waiting.count() == 1


def test_the_live_showcase_page_shows_the_stream(client, frozen):
    page = client.get(_session("showcase-live").url).content.decode()
    assert "data-live-url" in page
    assert "轨道交通1号线什么时候能开通？" in page
    assert "下面请大家看一下轨道交通线网规划图。" not in page  # withdrawn: a marker instead
    assert page.count("ot-entry__withdrawn") == 1
    english = client.get(_session("showcase-live", "en").url).content.decode()
    assert "The broadcast is in Chinese." in english


def test_the_ended_showcase_publishes_its_compiled_transcript(frozen):
    session = _session("showcase-ended")
    blocks, count = compiled_blocks(session)
    assert count == len([entry for entry in _entries("showcase-ended") if not entry.is_withdrawn])
    expected = as_stream(session.transcript.stream_block, blocks)
    assert _json(session.transcript.get_prep_value()) == _json(expected.get_prep_value())
    assert [block.block_type for block in session.transcript] == [
        "host_remark",
        "guest_remark",
        "host_remark",
        "image",
        "qa_exchange",
        "qa_exchange",
        "notice",
    ]
    assert session.live and not session.has_unpublished_changes
    assert session.live_revision.user is None


def test_the_ended_showcase_transcript_is_in_english_too(client, frozen):
    english = _session("showcase-ended", "en")
    body = client.get(english.url).content.decode()
    assert "How do we apply for temporary assistance this winter?" in body
    assert "Director Yang Fan answering questions in the studio" in body
    assert "Thank you for taking part." in body
    assert "冬季临时救助" not in body
    chinese = client.get(_session("showcase-ended").url).content.decode()
    assert "今年冬季临时救助怎么申请？" in chinese
    assert "这条消息发重了。" not in chinese


def _json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _counts():
    return {
        "entries": LiveEntry.objects.count(),
        "entry revisions": LiveEntryRevision.objects.count(),
        "images": get_image_model().objects.count(),
        "page revisions": Revision.page_revisions.count(),
        "questions": CitizenQuestion.objects.count(),
        "ended transcript": _json(_session("showcase-ended").transcript.get_prep_value()),
    }


def test_load_demo_again_adds_no_entry(frozen):
    before = _counts()
    load_demo()
    assert _counts() == before
