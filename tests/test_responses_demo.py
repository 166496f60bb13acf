"""`load_demo`'s hot responses (issue 9, "Demo"): every 2022 session that took place has its
published response (most on time, one late with its explanation, one with a partly adopted
suggestion), commitments in every status with dated updates, and answered questions linking to
their replies, in Chinese and English; loading again adds nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from home.demo import responses_2022
from home.models import HomePage
from onlinetalk.questions.models import CitizenQuestion, QuestionEvent, QuestionStatus
from onlinetalk.responses.blocks import Adoption
from onlinetalk.responses.deadlines import punctuality
from onlinetalk.responses.models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    HotResponseIndexPage,
    HotResponsePage,
    ResponseAnswer,
)
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import ScheduleChange

pytestmark = pytest.mark.django_db

LATE_SLUG = "2022-09-agriculture-and-rural-affairs"
RAW_FIELDS = {
    "reply": {"questions", "question_summary", "reply", "answered_by"},
    "commitment": {"commitment", "note"},
    "suggestion": {"suggestion", "adoption", "explanation", "live_entry"},
}


def _locale(language):
    return Locale.objects.get(language_code=language)


def _held_2022(language="zh-hans"):
    year = AnnualSchedulePage.objects.get(year=2022, locale__language_code=language)
    return list(
        TalkSessionPage.objects.child_of(year)
        .filter(schedule_change=ScheduleChange.NONE)
        .order_by("start")
    )


def _responses(language="zh-hans"):
    return {
        page.session.slug: page
        for page in HotResponsePage.objects.filter(locale__language_code=language).select_related(
            "session"
        )
    }


def _timing(page):
    return punctuality(page.session, published_at=page.session.replies_published_at)


# --- the column ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "title"), [("zh-hans", "热点回应"), ("en", "Hot Responses")])
def test_the_hot_responses_column_is_under_the_home_page(shared_demo, language, title):
    column = HotResponseIndexPage.objects.get(locale__language_code=language)
    home = HomePage.objects.get(locale__language_code=language)
    assert column.get_parent().specific == home
    assert (column.slug, column.title, column.live) == ("hot-responses", title, True)
    assert column.intro.startswith("<p>") and "10" in column.intro
    assert not column.has_unpublished_changes


# --- every 2022 session has its response ---------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_2022_session_held_is_replied(shared_demo, language):
    sessions = _held_2022(language)
    assert len(sessions) == 11
    assert all(session.get_status() == "replied" for session in sessions)


def test_every_2022_session_held_has_one_published_response_under_the_column(shared_demo):
    column = HotResponseIndexPage.objects.get(locale__language_code="zh-hans")
    responses = _responses()
    sessions = _held_2022()
    assert set(responses) == {session.slug for session in sessions}
    assert HotResponsePage.objects.filter(locale__language_code="zh-hans").count() == 11
    for session in sessions:
        page = responses[session.slug]
        assert page.live and not page.has_unpublished_changes
        assert page.get_parent().specific == column
        assert page.summary and page.title
        assert (page.has_replies, page.has_commitments, page.has_suggestions) == (True,) * 3
        # The raw blocks have the fields the editor's form saves, and nothing else.
        for item in page.body.raw_data:
            assert set(item) == {"type", "value", "id"} and item["id"]
            assert set(item["value"]) == RAW_FIELDS[item["type"]]


def test_the_showcase_sessions_have_no_response(shared_demo):
    showcase = TalkSessionPage.objects.filter(slug__startswith="showcase-")
    assert showcase.count() == 8  # four in each language
    assert not HotResponsePage.objects.filter(session__in=showcase).exists()
    ended = showcase.get(slug="showcase-ended", locale__language_code="zh-hans")
    assert ended.replies_published_at is None
    assert ended.get_status() == "awaiting_replies"


def test_each_response_carries_its_2022_date_within_the_reply_period_but_one(shared_demo):
    late = []
    for slug, page in _responses().items():
        session = page.session
        published = session.replies_published_at
        assert published.year == 2022 and published.date() <= datetime.date(2022, 12, 31)
        assert published > session.end
        # Wagtail's own bookkeeping says the same day.
        assert page.first_published_at == published == page.last_published_at
        timing = _timing(page)
        assert not timing.estimated
        if timing.late:
            late.append((slug, timing))
        else:
            assert timing.on_time
            assert not page.late_explanation
    assert [
        (slug, timing.due, timing.published, timing.working_days_late) for slug, timing in late
    ] == [(LATE_SLUG, datetime.date(2022, 10, 17), datetime.date(2022, 10, 19), 2)]


def test_the_late_response_explains_the_delay_in_both_languages(shared_demo):
    chinese = _responses()[LATE_SLUG]
    english = _responses("en")[LATE_SLUG]
    assert "国庆" in chinese.late_explanation and "2个工作日" in chinese.late_explanation
    assert english.late_explanation.startswith("Some questions concern")
    assert "National Day" in english.late_explanation


def test_suggestions_are_adopted_partly_adopted_or_not_with_their_reasons(shared_demo):
    by_adoption = {}
    for slug, page in _responses().items():
        for block in page.body:
            if block.block_type == "suggestion":
                by_adoption.setdefault(block.value["adoption"], []).append(slug)
                assert block.value["suggestion"] and block.value["explanation"].source
                assert block.value["live_entry"] is None  # the 2022 sessions had no stream
    assert set(by_adoption) == set(Adoption.values)
    assert by_adoption[Adoption.PARTLY] == ["2022-05-transport"]
    assert len(by_adoption[Adoption.NOT_ADOPTED]) >= 1


# --- commitments ---------------------------------------------------------------------------------


def test_commitments_in_every_status_with_dated_updates(shared_demo):
    commitments = list(Commitment.objects.filter(session__slug__startswith="2022-"))
    assert {commitment.status for commitment in commitments} == set(CommitmentStatus.values)
    for commitment in commitments:
        session = commitment.session
        assert commitment.department in session.departments.all()
        assert session.start <= commitment.made_at <= session.end
        assert commitment.owner and commitment.expected_on
        assert commitment.captured_from is None  # made by hand: no flagged live entry in 2022
        updates = list(commitment.updates.all())
        assert updates[0].at == commitment.made_at and updates[0].status_before == ""
        assert len(updates) >= 2  # made during the session, then at least one step
        for update in updates[1:]:
            assert update.note and update.author == commitment.owner
            assert update.at > commitment.made_at
            assert update.at.year in (2022, 2023)
        assert [update.at for update in updates] == sorted(update.at for update in updates)
        last = updates[-1]
        assert (last.status_after, last.progress_after) == (
            commitment.status,
            commitment.progress,
        )
        if commitment.status == CommitmentStatus.DONE:
            assert commitment.progress == 100 and commitment.closed_at == last.at
        if commitment.status == CommitmentStatus.DROPPED:
            assert commitment.dropped_reason and commitment.closed_at == last.at
        else:
            assert commitment.dropped_reason == ""
        if commitment.is_open:
            assert commitment.closed_at is None


def test_every_commitment_of_a_session_is_in_its_response(shared_demo):
    for page in _responses().values():
        shown = [
            block.value["commitment"].pk for block in page.body if block.block_type == "commitment"
        ]
        made = list(
            Commitment.objects.filter(session=page.session)
            .order_by("made_at", "pk")
            .values_list("pk", flat=True)
        )
        assert shown == made and made


def test_one_update_has_a_photo_with_its_alternative_text(shared_demo):
    pictured = list(CommitmentUpdate.objects.exclude(photo=None))
    assert len(pictured) == 2
    for update in pictured:
        assert update.photo_alt
        image = update.photo
        assert isinstance(image, get_image_model())
        with image.open_file() as file:
            assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert not CommitmentUpdate.objects.filter(photo=None).exclude(photo_alt="").exists()


# --- the questions' fate -------------------------------------------------------------------------


def test_no_accepted_2022_question_is_left_without_its_fate(shared_demo):
    questions = CitizenQuestion.objects.filter(session__in=_held_2022())
    statuses = set(questions.values_list("status", flat=True))
    assert QuestionStatus.ACCEPTED not in statuses and QuestionStatus.PENDING not in statuses
    # 21, and the question on the housing provident fund (the search's demo, issue 12).
    assert questions.filter(status=QuestionStatus.ANSWERED_LATER).count() == 22


def test_answered_questions_link_to_reply_blocks_that_answer_them(shared_demo):
    responses = _responses()
    answered = CitizenQuestion.objects.filter(
        session__in=_held_2022(), status=QuestionStatus.ANSWERED_LATER
    )
    for question in answered:
        assert question.is_public and question.nickname and question.consent_to_publish
        [answer] = ResponseAnswer.objects.filter(question=question)
        page = responses[question.session.slug]
        assert answer.response_id == page.pk
        assert answer.published_at == page.session.replies_published_at
        [block] = [block for block in page.body if block.id == answer.block_id]
        assert block.block_type == "reply"
        assert question in list(block.value["questions"])
        assert block.value["reply"].source.startswith("<p>")
        # Its history says it was answered on the response's day, after it was accepted.
        events = list(question.events.order_by("at", "pk").values_list("action", "at"))
        assert [action for action, _at in events] == ["submitted", "accepted", "answered_later"]
        assert events[-1][1] == answer.published_at
        assert events[1][1] < question.session.start
    assert ResponseAnswer.objects.count() == answered.count()


def test_the_questions_answered_live_keep_their_fate(shared_demo):
    live = CitizenQuestion.objects.filter(
        session__in=_held_2022(), status=QuestionStatus.ANSWERED_LIVE
    )
    assert live.count() == 2
    assert not ResponseAnswer.objects.filter(question__in=live).exists()


def test_questions_are_on_topic_for_their_unit(shared_demo):
    """A question to the transport bureau is about buses, one to the education bureau about
    school: the data puts each question under its session."""
    transport = CitizenQuestion.objects.filter(session__slug="2022-05-transport")
    assert all("公交" in question.text for question in transport)
    education = CitizenQuestion.objects.filter(session__slug="2022-11-education")
    assert all("学位" in question.text or "课后服务" in question.text for question in education)


# --- English -------------------------------------------------------------------------------------


def test_every_response_has_its_live_english_translation(shared_demo):
    chinese = _responses()
    english = _responses("en")
    assert set(english) == set(chinese)
    entries = {entry["session"]: entry for entry in responses_2022.RESPONSES}
    for slug, page in english.items():
        source = chinese[slug]
        entry = entries[slug]
        assert page.translation_key == source.translation_key
        assert page.live and not page.has_unpublished_changes
        assert page.get_parent().specific.locale == _locale("en")
        assert (page.title, page.summary) == (entry["title"][1], entry["summary"][1])
        assert page.first_published_at == source.first_published_at
        replies = [block for block in page.body if block.block_type == "reply"]
        assert [block.value["question_summary"] for block in replies] == [
            reply["question_summary"][1] for reply in entry["replies"]
        ]
        assert [block.value["answered_by"] for block in replies] == [
            reply["answered_by"][1] for reply in entry["replies"]
        ]
        assert [block.value["reply"].source for block in replies] == [
            "".join(f"<p>{english}</p>" for _chinese, english in reply["reply"])
            for reply in entry["replies"]
        ]
        suggestions = [block for block in page.body if block.block_type == "suggestion"]
        assert [block.value["suggestion"] for block in suggestions] == [
            suggestion["suggestion"][1] for suggestion in entry["suggestions"]
        ]
        assert [block.value["adoption"] for block in suggestions] == [
            suggestion["adoption"] for suggestion in entry["suggestions"]
        ]
        # The same questions and commitments (records, not translated).
        assert [[question.pk for question in block.value["questions"]] for block in replies] == [
            [question.pk for question in block.value["questions"]]
            for block in source.body
            if block.block_type == "reply"
        ]


def test_the_english_response_changes_no_fact(shared_demo):
    """Only the response in the default language counts: its English version made no answer of
    its own."""
    english = HotResponsePage.objects.filter(locale__language_code="en")
    assert not ResponseAnswer.objects.filter(response__in=english).exists()


def test_the_data_has_an_english_text_for_every_chinese_one():
    for entry in responses_2022.RESPONSES:
        pairs = [entry["title"], entry["summary"]]
        pairs += [entry["late_explanation"]] if "late_explanation" in entry else []
        for reply in entry["replies"]:
            pairs += [reply["question_summary"], reply["answered_by"], *reply["reply"]]
        for suggestion in entry["suggestions"]:
            pairs += [suggestion["suggestion"], *suggestion["explanation"]]
        for chinese, english in pairs:
            assert chinese.strip() and english.strip()
            assert not any("\u4e00" <= character <= "\u9fff" for character in english), english


# --- idempotent ----------------------------------------------------------------------------------


def _counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "responses": list(
            HotResponsePage.objects.order_by("pk").values_list("pk", "latest_revision_id")
        ),
        "commitments": list(
            Commitment.objects.order_by("pk").values_list("pk", "status", "progress")
        ),
        "updates": CommitmentUpdate.objects.count(),
        "answers": list(ResponseAnswer.objects.order_by("pk").values_list("pk", "block_id")),
        "questions": list(CitizenQuestion.objects.order_by("pk").values_list("pk", "status")),
        "question events": QuestionEvent.objects.count(),
        "images": get_image_model().objects.count(),
        "replies published": list(
            TalkSessionPage.objects.order_by("pk").values_list("pk", "replies_published_at")
        ),
    }


def test_loading_the_demo_again_adds_no_response_commitment_or_question(shared_demo):
    before = _counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == before
    assert not [line for line in out.getvalue().splitlines() if line.startswith(("+", "~"))]
