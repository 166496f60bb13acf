"""A receipt code opens its question's status and fate for anyone; the text of a question that is
not public only for the browser that sent it (a code can be read over a shoulder)."""

import pytest
from django.test import Client

from onlinetalk.questions import moderation
from onlinetalk.questions.models import CitizenQuestion
from tests import question_support
from tests.question_support import TEXT, receipt_url


def _asked(client, session, clock, **fields):
    response = question_support.ask(client, session, clock, **fields)
    assert response.status_code == 302
    return CitizenQuestion.objects.get()


@pytest.mark.parametrize("consent", ["on", None])
def test_the_browser_that_sent_a_question_reads_its_text(client, session, clock, consent):
    question = _asked(client, session, clock, consent_to_publish=consent)

    response = client.get(receipt_url(session, question.receipt_code))

    assert response.status_code == 200
    assert TEXT in response.content.decode()


@pytest.mark.parametrize("consent", ["on", None])
def test_another_browser_with_the_code_sees_the_status_but_not_the_text(session, clock, consent):
    question = _asked(Client(), session, clock, consent_to_publish=consent)

    response = Client().get(receipt_url(session, question.receipt_code))

    assert response.status_code == 200
    body = response.content.decode()
    assert question.formatted_receipt_code in body
    assert question.get_status_display() in body
    assert TEXT not in body


def test_a_published_question_shows_its_text_to_anyone_with_the_code(session, clock):
    question = _asked(Client(), session, clock)
    moderation.accept([question], None)

    response = Client().get(receipt_url(session, question.receipt_code))

    assert TEXT in response.content.decode()


def test_a_declined_question_with_consent_is_not_public_and_hides_its_text(session, clock):
    question = _asked(Client(), session, clock)
    moderation.reject([question], None, "与主题无关。")

    body = Client().get(receipt_url(session, question.receipt_code)).content.decode()

    assert TEXT not in body
    assert "与主题无关。" in body


def test_a_forged_cookie_reads_nothing(session, clock):
    question = _asked(Client(), session, clock, consent_to_publish=None)
    stranger = Client()
    stranger.cookies["onlinetalk_asked"] = f'["{question.receipt_code}"]'

    body = stranger.get(receipt_url(session, question.receipt_code)).content.decode()

    assert TEXT not in body
