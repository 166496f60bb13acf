"""What publishing a hot response means (issue 9): its deadline and punctuality in China working
days across holidays; a late response is not published without its public explanation — from
the admin's edit view, by the publish hook or by publishing a revision in code —; publishing
records the session's replies and answers the linked questions, unpublishing reverses both, a
republished edit keeps the first date and a translation's publication changes nothing."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from onlinetalk.questions.models import CitizenQuestion, QuestionStatus
from onlinetalk.responses.deadlines import punctuality
from onlinetalk.responses.lateness import LateWithoutExplanation, publication_time
from onlinetalk.responses.models import HotResponsePage, ResponseAnswer
from onlinetalk.responses.page_hooks import refuse_late_response_without_explanation
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import SessionStatus
from tests.factories import (
    CitizenQuestionFactory,
    HotResponsePageFactory,
    TalkSessionPageFactory,
    english_version,
    local,
    publish_response,
    reply_block,
)

DUE = datetime.date(2022, 10, 17)  # 10 working days after 2022-09-28 (National Day holiday)
LATE = local(2022, 10, 18, 10, 0)  # one working day past it


# --- deadlines and punctuality -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "published", "due", "late"),
    [
        # National Day: 1–7 October off, Saturday 8 and Sunday 9 October working days.
        (local(2022, 9, 28, 10, 0), local(2022, 10, 17, 23, 0), datetime.date(2022, 10, 17), 0),
        (local(2022, 9, 28, 10, 0), local(2022, 10, 18, 9, 0), datetime.date(2022, 10, 17), 1),
        (local(2022, 9, 28, 10, 0), local(2022, 10, 22, 9, 0), datetime.date(2022, 10, 17), 4),
        (local(2022, 9, 28, 10, 0), local(2022, 9, 30, 9, 0), datetime.date(2022, 10, 17), 0),
        # Spring Festival: 31 January – 6 February off, 29 and 30 January working days.
        (local(2022, 1, 26, 10, 0), local(2022, 2, 14, 18, 0), datetime.date(2022, 2, 14), 0),
        (local(2022, 1, 26, 10, 0), local(2022, 2, 15, 9, 0), datetime.date(2022, 2, 14), 1),
    ],
)
def test_deadline_and_punctuality_in_working_days_across_holidays(
    year_page, start, published, due, late
):
    session = TalkSessionPageFactory(parent=year_page, start=start)
    timing = punctuality(session, published_at=published)
    assert (timing.due, timing.working_days_late, timing.on_time) == (due, late, late == 0)
    assert not timing.estimated


def test_unpublished_the_working_days_left_then_overdue(session):
    assert punctuality(session, now=local(2022, 10, 14, 12, 0)).working_days_left == 1
    overdue = punctuality(session, now=local(2022, 10, 19, 12, 0))
    assert (overdue.working_days_left, overdue.working_days_late) == (0, 2)


# --- a late response needs its explanation -------------------------------------------------------


@pytest.fixture
def draft(response_column, session):
    return HotResponsePageFactory(parent=response_column, session=session, title="公交热点回应")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def response_form(page, session, action, **fields):
    data = {
        "title": page.title,
        "slug": page.slug,
        "session": str(session.pk),
        "summary": "本期答复。",
        "body": streamfield(
            [
                (
                    "suggestion",
                    {
                        "suggestion": "建议加开夜班车。",
                        "adoption": "adopted",
                        "explanation": rich_text("<p>已采纳。</p>"),
                        "live_entry": "",
                    },
                )
            ]
        ),
        "late_explanation": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    data = nested_form_data(data)
    data[action] = "action"
    return data


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_the_edit_view_refuses_a_late_response_without_explanation(
    admin_client, draft, session, action
):
    with time_machine.travel(LATE, tick=False):
        response = admin_client.post(edit_url(draft), response_form(draft, session, action))
    assert response.status_code == 200
    assert "late_explanation" in response.context["form"].errors
    draft.refresh_from_db()
    assert not draft.live
    assert draft.workflow_states.count() == 0
    session.refresh_from_db()
    assert session.replies_published_at is None


def test_the_edit_view_publishes_a_late_response_with_its_explanation(admin_client, draft, session):
    form = response_form(
        draft, session, "action-publish", late_explanation="因线路调整推迟一个工作日。"
    )
    with time_machine.travel(LATE, tick=False):
        response = admin_client.post(edit_url(draft), form)
    assert response.status_code == 302
    draft.refresh_from_db()
    session.refresh_from_db()
    assert draft.live
    assert session.replies_published_at == LATE
    assert session.get_status(LATE) == SessionStatus.REPLIED


def test_the_edit_view_saves_a_late_draft_without_explanation(admin_client, draft, session):
    with time_machine.travel(LATE, tick=False):
        response = admin_client.post(
            edit_url(draft), response_form(draft, session, "x") | {"summary": "草稿"}
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live and draft.get_latest_revision().as_object().summary == "草稿"


def test_an_on_time_response_publishes_without_explanation(admin_client, draft, session):
    with time_machine.travel(local(2022, 10, 17, 17, 0), tick=False):
        response = admin_client.post(
            edit_url(draft), response_form(draft, session, "action-publish")
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_publishing_a_revision_in_code_refuses_a_late_response_without_explanation(draft, session):
    with time_machine.travel(LATE, tick=False), publication_time(LATE):
        revision = draft.save_revision()
        with pytest.raises(LateWithoutExplanation):
            revision.publish()
    draft.refresh_from_db()
    session.refresh_from_db()
    assert not draft.live and session.replies_published_at is None

    draft.late_explanation = "因线路调整推迟一个工作日。"
    publish_response(draft, LATE)
    session.refresh_from_db()
    assert draft.live and session.replies_published_at == LATE


def test_the_publish_hook_refuses_with_a_message(draft, admin_user):
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    with time_machine.travel(LATE, tick=False):
        response = refuse_late_response_without_explanation(request, draft)
    assert response.status_code == 302 and response.url == edit_url(draft)
    assert [str(message) for message in get_messages(request)]
    draft.late_explanation = "因线路调整推迟。"
    with time_machine.travel(LATE, tick=False):
        assert refuse_late_response_without_explanation(request, draft) is None
    assert refuse_late_response_without_explanation(request, draft.session) is None


# --- the form's other rules -------------------------------------------------------------------------


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("onlinetalk", "hotresponsepage", parent.pk))


def test_a_second_response_for_the_same_session_is_refused(
    admin_client, response_column, draft, session
):
    new = HotResponsePage(title="又一个回应", slug="another")
    with time_machine.travel(local(2022, 10, 10, 10, 0), tick=False):
        response = admin_client.post(add_url(response_column), response_form(new, session, "x"))
    assert response.status_code == 200
    assert "session" in response.context["form"].errors
    assert HotResponsePage.objects.filter(session=session).count() == 1


def test_a_response_to_a_session_that_has_not_ended_is_refused(
    admin_client, response_column, session
):
    new = HotResponsePage(title="过早的回应", slug="too-early")
    with time_machine.travel(local(2022, 9, 28, 10, 30), tick=False):
        response = admin_client.post(add_url(response_column), response_form(new, session, "x"))
    assert response.status_code == 200
    assert "session" in response.context["form"].errors
    with time_machine.travel(local(2022, 9, 28, 11, 30), tick=False):
        response = admin_client.post(add_url(response_column), response_form(new, session, "x"))
    assert response.status_code == 302
    created = HotResponsePage.objects.filter(session=session, locale=Locale.get_default())
    assert created.count() == 1


# --- what publishing and unpublishing do ---------------------------------------------------------


@pytest.fixture
def asked(session):
    accepted = [
        CitizenQuestionFactory(
            session=session, status=QuestionStatus.ACCEPTED, consent_to_publish=consent
        )
        for consent in (True, False)
    ]
    return accepted


@pytest.fixture
def linked(response_column, session, asked):
    return HotResponsePageFactory(
        parent=response_column,
        session=session,
        body=[reply_block([asked[0]]), reply_block([asked[1]], summary="关于站台")],
    )


def statuses(questions):
    return [CitizenQuestion.objects.get(pk=question.pk).status for question in questions]


def test_publishing_answers_the_questions_and_replies_the_session(linked, session, asked):
    at = local(2022, 10, 12, 10, 0)
    publish_response(linked, at)
    session.refresh_from_db()
    assert session.replies_published_at == at
    assert session.get_status(at) == SessionStatus.REPLIED
    assert statuses(asked) == [QuestionStatus.ANSWERED_LATER] * 2
    answers = ResponseAnswer.objects.filter(response=linked).order_by("question_id")
    assert [(a.question_id, a.published_at) for a in answers] == [(q.pk, at) for q in asked]
    blocks = {block.id for block in linked.body}
    assert {answer.block_id for answer in answers} <= blocks


def test_unpublishing_reverses_both_and_republishing_keeps_the_first_date(linked, session, asked):
    first = local(2022, 10, 12, 10, 0)
    publish_response(linked, first)
    with time_machine.travel(local(2022, 10, 13, 10, 0), tick=False):
        linked.unpublish()
    session.refresh_from_db()
    assert session.replies_published_at is None
    assert session.get_status(local(2022, 10, 13, 10, 0)) == SessionStatus.AWAITING_REPLIES
    assert statuses(asked) == [QuestionStatus.ACCEPTED] * 2
    assert not ResponseAnswer.objects.exists()

    publish_response(linked, first)
    linked.summary = "更正后的答复。"
    later = local(2022, 10, 20, 10, 0)  # late, but the first publication was on time
    publish_response(linked, later)
    session.refresh_from_db()
    assert session.replies_published_at == first
    assert punctuality(session, published_at=session.replies_published_at).on_time
    assert ResponseAnswer.objects.filter(response=linked).count() == 2


def test_an_english_translations_publication_changes_nothing(linked, session, asked):
    at = local(2022, 10, 12, 10, 0)
    publish_response(linked, at)
    with time_machine.travel(local(2022, 10, 25, 10, 0), tick=False):
        english = english_version(linked)
    assert english.live and english.locale == Locale.objects.get(language_code="en")
    session.refresh_from_db()
    assert session.replies_published_at == at
    assert ResponseAnswer.objects.filter(response=english).count() == 0
    assert ResponseAnswer.objects.count() == 2
    with time_machine.travel(local(2022, 10, 26, 10, 0), tick=False):
        english.unpublish()
    session.refresh_from_db()
    assert session.replies_published_at == at
    assert statuses(asked) == [QuestionStatus.ANSWERED_LATER] * 2
    assert TalkSessionPage.objects.filter(replies_published_at=at).exists()


@pytest.mark.parametrize(
    "status", [QuestionStatus.PENDING, QuestionStatus.REJECTED, QuestionStatus.MERGED]
)
def test_a_reply_linking_a_question_not_accepted_leaves_it_as_it_is(
    response_column, session, status
):
    """Publishing answers accepted questions only: a pending one stays unpublic and pending."""
    question = CitizenQuestionFactory(session=session, status=status, consent_to_publish=True)
    response = HotResponsePageFactory(
        parent=response_column, session=session, body=[reply_block([question])]
    )

    publish_response(response, local(2022, 10, 12, 10, 0))

    assert statuses([question]) == [status]
    assert not ResponseAnswer.objects.filter(question=question).exists()
