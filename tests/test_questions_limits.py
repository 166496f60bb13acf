"""Limits against one person acting as many (issue #7): “I want to ask this too” counted a few
times per address whatever the cookies say, a crowded session flagging instead of refusing, a
form token bound to its address and a short lifetime, and 429 answers that say when to retry."""

import datetime

import pytest
from django.core import signing
from django.test import Client

from onlinetalk.questions.addresses import salted_hash
from onlinetalk.questions.forms import TOKEN_SALT
from onlinetalk.questions.models import CitizenQuestion, QuestionStatus, QuestionVote
from tests.factories import CitizenQuestionFactory
from tests.question_support import (
    NOW,
    TEXT,
    ask,
    ask_url,
    form_data,
    form_token,
    soup_of,
    vote_url,
    zh,
)

KEPT = zh("Everything you typed is still in the form below.")


def public_question(session, **fields):
    return CitizenQuestionFactory(
        session=session,
        status=QuestionStatus.ACCEPTED,
        consent_to_publish=True,
        submitted_at=NOW - datetime.timedelta(hours=1),
        **fields,
    )


def vote_from_a_new_browser(session, question, address="127.0.0.1"):
    """A click with a fresh cookie jar, as a script that drops its cookies sends it."""
    return Client().post(
        vote_url(session, question), HTTP_ACCEPT="application/json", REMOTE_ADDR=address
    )


def summary_of(response):
    return soup_of(response).select_one("#ot-error-summary").get_text()


# --- “I want to ask this too”: per question and address ------------------------------------------


def test_new_cookie_jars_from_one_address_count_three_times_per_question(clock, session):
    wanted = public_question(session)

    answers = [vote_from_a_new_browser(session, wanted) for _number in range(5)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 409, 409]
    assert answers[3].json()["message"] == zh(
        "Your connection has already said %(count)s times that it wants to ask this, the most "
        "the board counts from one connection.",
        count=3,
    )
    assert answers[4].json()["upvotes"] == 3
    wanted.refresh_from_db()
    assert wanted.upvotes == 3
    assert QuestionVote.objects.filter(question=wanted).count() == 3
    # Another address, another question: not affected.
    assert vote_from_a_new_browser(session, wanted, "203.0.113.8").json()["upvotes"] == 4
    other = public_question(session)
    assert vote_from_a_new_browser(session, other).status_code == 200


def test_a_browser_that_voted_is_told_so_also_once_its_address_is_exhausted(clock, session):
    wanted = public_question(session)
    browser = Client()
    assert browser.post(vote_url(session, wanted)).status_code == 200
    for _number in range(2):
        vote_from_a_new_browser(session, wanted)

    again = browser.post(vote_url(session, wanted), HTTP_ACCEPT="application/json")

    assert again.status_code == 200
    assert again.json()["message"] == zh("You have already said you want to ask this.")


def test_the_votes_per_question_and_address_are_a_setting(clock, session, settings):
    settings.ONLINETALK_VOTES_PER_QUESTION_PER_ADDRESS = 1
    wanted = public_question(session)
    assert vote_from_a_new_browser(session, wanted).status_code == 200
    assert vote_from_a_new_browser(session, wanted).status_code == 409
    wanted.refresh_from_db()
    assert wanted.upvotes == 1


def test_twenty_votes_per_address_in_ten_minutes_and_the_refusal_says_when_to_retry(clock, session):
    questions = [public_question(session) for _number in range(21)]
    for question in questions[:20]:
        assert vote_from_a_new_browser(session, question).status_code == 200
    clock.shift(datetime.timedelta(seconds=100))

    refused = vote_from_a_new_browser(session, questions[20])

    assert refused.status_code == 429
    assert refused["Retry-After"] == "500"  # the first votes leave the window in 500 seconds
    assert refused.json()["upvotes"] == 0
    clock.shift(datetime.timedelta(seconds=500))
    assert vote_from_a_new_browser(session, questions[20]).status_code == 200


# --- a crowded session ----------------------------------------------------------------------------


def test_a_flood_from_many_addresses_does_not_shut_out_a_new_address(
    client, clock, session, settings
):
    settings.ONLINETALK_QUESTIONS_PER_SESSION = 3
    for number in range(6):
        extra = {"REMOTE_ADDR": f"198.51.100.{number}"}
        assert (
            ask(client, session, clock, extra, text=f"第{number}个刷屏的问题内容").status_code
            == 302
        )

    response = ask(client, session, clock, {"REMOTE_ADDR": "203.0.113.20"}, nickname="新来的")

    assert response.status_code == 302
    newcomer = CitizenQuestion.objects.get(nickname="新来的")
    assert newcomer.flagged
    assert newcomer.status == QuestionStatus.PENDING
    assert list(
        CitizenQuestion.objects.order_by("submitted_at").values_list("flagged", flat=True)
    ) == [
        False,
        False,
        False,
        True,
        True,
        True,
        True,
    ]


def test_the_address_limit_still_refuses_and_says_when_to_retry(client, clock, session):
    for number in range(5):
        assert (
            ask(client, session, clock, text=f"第{number}个关于公交线路调整的问题").status_code
            == 302
        )
    # The first was sent at NOW + 30 s, the sixth is sent at NOW + 180 s.
    response = ask(client, session, clock, text="第六个问题 夜班公交能否延长运营时间")

    assert response.status_code == 429
    assert response["Retry-After"] == str(600 - 150)
    assert CitizenQuestion.objects.count() == 5


def test_a_refusal_says_once_that_the_text_is_kept(client, clock, session):
    for number in range(5):
        ask(client, session, clock, text=f"第{number}个关于公交线路调整的问题")

    response = ask(client, session, clock, text="第六个问题 夜班公交能否延长运营时间")

    assert response.status_code == 429
    page = soup_of(response).get_text()
    assert page.count(KEPT) == 1
    assert zh("your text is kept below") not in page
    assert "保留在下方" not in page.replace(KEPT, "")


# --- the form's token -----------------------------------------------------------------------------

ANOTHER_CONNECTION = zh(
    "The form was opened from another connection (for example before switching from Wi-Fi to "
    "mobile data). Please send it again."
)


def test_a_form_token_sent_from_another_address_is_refused_the_text_kept(client, clock, session):
    token = form_token(client, session, {"REMOTE_ADDR": "198.51.100.1"})
    clock.shift(datetime.timedelta(seconds=30))
    typed = {"text": "换了网络以后再提交的问题内容", "nickname": "通勤族"}

    response = client.post(ask_url(session), form_data(token, **typed), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 400
    assert ANOTHER_CONNECTION in summary_of(response)
    form = soup_of(response).find("form", method="post")
    assert form.find("textarea", attrs={"name": "text"}).get_text().strip() == typed["text"]
    assert not CitizenQuestion.objects.exists()
    # The form comes back with a token for the new address: sent again from there, it is taken.
    fresh = form.find("input", attrs={"name": "issued"})["value"]
    clock.shift(datetime.timedelta(seconds=30))
    again = client.post(ask_url(session), form_data(fresh, **typed), REMOTE_ADDR="203.0.113.7")
    assert again.status_code == 302
    # …and only from there.
    other = client.post(ask_url(session), form_data(fresh), REMOTE_ADDR="198.51.100.1")
    assert ANOTHER_CONNECTION in summary_of(other)


def test_the_token_does_not_show_the_stored_address_hash(client, clock, session):
    token = form_token(client, session)
    payload = signing.loads(token, salt=TOKEN_SALT)
    assert salted_hash("address", "127.0.0.1") not in str(payload)
    assert salted_hash("address", "127.0.0.1")[:16] not in token


def test_a_token_of_the_old_kind_is_refused_as_incomplete(client, clock, session):
    old = signing.dumps(int((NOW.timestamp() - 60) * 1000), salt=TOKEN_SALT)
    response = client.post(ask_url(session), form_data(old))
    assert response.status_code == 400
    assert zh("The form was incomplete. Please send it again.") in summary_of(response)


@pytest.mark.parametrize(("hours", "ok"), [(1, True), (1.001, False)])
def test_the_form_lifetime_is_a_setting(client, clock, session, settings, hours, ok):
    settings.ONLINETALK_QUESTION_FORM_MAX_AGE_HOURS = 1
    token = form_token(client, session)
    clock.shift(datetime.timedelta(hours=hours))
    response = client.post(ask_url(session), form_data(token, text=TEXT))
    assert response.status_code == (302 if ok else 400)
