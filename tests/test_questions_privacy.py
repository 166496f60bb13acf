"""Privacy of the question board: the contact is never public, the address is kept only as a
salted hash, and neither reaches the search index or an error report."""

import datetime
import hashlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.views.debug import SafeExceptionReporterFilter
from wagtail.search.backends import get_search_backend

from onlinetalk.questions.addresses import address_hash
from onlinetalk.questions.models import (
    CitizenQuestion,
    QuestionEvent,
    QuestionStatus,
    QuestionVote,
    SubmissionLock,
)
from tests import question_support
from tests.factories import CitizenQuestionFactory, english_version
from tests.question_support import ask_url, form_token, lookup_url, receipt_url, vote_url

PHONE_TYPED = "138 0013 8000"
PHONE = "13800138000"
EMAIL = "zhang.san.private@example.com"


# --- fixtures and helpers ----------------------------------------------------------------------


def ask(client, page, clock, extra=None, **fields):
    """question_support.ask with a contact to keep private (and the text without its question
    mark)."""
    fields = {"text": "请问17路公交什么时候恢复原来的线路", "contact": PHONE_TYPED, **fields}
    return question_support.ask(client, page, clock, extra, **fields)


def leaks(response, secrets):
    """The secrets found in a response: its body and every header."""
    found = []
    body = response.content.decode()
    headers = " ".join(f"{name}: {value}" for name, value in response.items())
    for secret in secrets:
        if secret in body or secret in headers:
            found.append(secret)
    return found


# --- the contact is never public ------------------------------------------------------------------


@pytest.fixture
def asked(client, clock, column, session):
    """Two questions with contacts, asked in Chinese and in English, and the English pages."""
    english = english_version(session, {"优化公交线网": "Improving the bus network"})
    first = ask(client, session, clock, text="请问17路公交什么时候恢复原来的线路")
    second = ask(
        client,
        english,
        clock,
        text="When will the night buses run again?",
        contact=f"  {EMAIL} ",
        nickname="Reader",
    )
    assert first.status_code == second.status_code == 302
    questions = list(CitizenQuestion.objects.order_by("pk"))
    assert [q.contact for q in questions] == [PHONE, EMAIL]
    return {"questions": questions, "english": english, "column": column}


def public_urls(session, english, column, questions):
    """Every public URL in both languages, each with where it redirects (None: it is a page)."""
    english_column = column.get_translation(english.locale)
    year = session.get_parent().specific
    english_year = english.get_parent().specific
    urls = []
    for page, col, year_page in ((session, column, year), (english, english_column, english_year)):
        urls += [
            (page.url, None),
            (page.url + "?order=newest", None),
            (page.url + page.reverse_subpage("ical"), None),
            (year_page.url, None),
            (year_page.url + year_page.reverse_subpage("ical"), None),
            (col.url, None),
        ]
        for question in questions:
            code = question.receipt_code
            urls += [
                (receipt_url(page, code), None),
                (receipt_url(page, code) + "?received=1", None),
                # The lookup finds the receipt and sends the reader to it.
                (lookup_url(col) + f"?code={code}", receipt_url(page, code)),
            ]
    return urls


def vote_urls(session, english, questions):
    return [vote_url(page, question) for page in (session, english) for question in questions]


SECRETS = [PHONE, PHONE_TYPED, "138-0013", EMAIL, "zhang.san.private"]


def assert_nothing_leaks(session, asked):
    english, column, questions = asked["english"], asked["column"], asked["questions"]
    reader = Client()
    urls = public_urls(session, english, column, questions)
    assert len(urls) == 24
    for url, redirect in urls:
        response = reader.get(url)
        assert leaks(response, SECRETS) == [], url
        if redirect is None:
            assert response.status_code == 200, url
            continue
        assert response.status_code == 302, url
        assert response["Location"] == redirect, url
        followed = reader.get(redirect)
        assert followed.status_code == 200, redirect
        assert leaks(followed, SECRETS) == [], redirect
    return reader


def test_the_contact_is_not_public_while_the_question_is_pending(session, asked):
    assert_nothing_leaks(session, asked)


@pytest.mark.parametrize("status", ["accepted", "answered_live", "answered_later"])
def test_the_contact_is_not_public_once_the_question_is_published(session, asked, status):
    CitizenQuestion.objects.update(status=status)
    reader = assert_nothing_leaks(session, asked)

    # The questions are listed on both session pages, without their contacts.
    for page in (session, asked["english"]):
        html = reader.get(page.url).content.decode()
        assert "请问17路公交什么时候恢复原来的线路" in html
        assert "When will the night buses run again?" in html

    # Voting, with and without JavaScript.
    for url in vote_urls(session, asked["english"], asked["questions"]):
        for response in (
            reader.get(url),
            reader.post(url),
            reader.get(url, HTTP_ACCEPT="application/json"),
            reader.post(url, HTTP_ACCEPT="application/json"),
        ):
            assert response.status_code == 200, url
            assert leaks(response, SECRETS) == [], url
    assert QuestionVote.objects.count() == 2
    # The JSON answer has the count, a message and the CSRF token: nothing about the question.
    data = reader.get(
        vote_urls(session, asked["english"], asked["questions"])[0],
        HTTP_ACCEPT="application/json",
    ).json()
    assert set(data) == {"upvotes", "message", "csrf"}


def test_a_declined_or_merged_question_keeps_its_contact_private(session, asked):
    first, second = asked["questions"]
    CitizenQuestion.objects.filter(pk=first.pk).update(
        status=QuestionStatus.REJECTED, rejection_reason="与本期主题无关"
    )
    CitizenQuestion.objects.filter(pk=second.pk).update(
        status=QuestionStatus.MERGED, merged_into=first
    )
    assert_nothing_leaks(session, asked)


def test_the_session_page_never_loads_the_contact(client, clock, session):
    """The public list defers the contact: it cannot be shown by mistake in a template."""
    for number in range(3):
        CitizenQuestionFactory(
            session=session,
            contact=f"1380013800{number}",
            status=QuestionStatus.ACCEPTED,
            consent_to_publish=True,
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(session.url)
    assert response.status_code == 200
    question_queries = [q["sql"] for q in queries if "onlinetalk_citizenquestion" in q["sql"]]
    assert question_queries
    for sql in question_queries:
        assert not re.search(r"\bcontact\b", sql), sql  # (contact_removed_at is fine)
        assert not re.search(r"\baddress_hash\b", sql), sql


# --- the address is a salted hash ------------------------------------------------------------------


@pytest.mark.parametrize("address", ["198.51.100.23", "2001:db8::17"])
def test_the_address_is_stored_only_as_a_salted_hash(client, clock, session, address):
    forwarded = "203.0.113.77"
    response = ask(client, session, clock, extra={"REMOTE_ADDR": address})
    token = form_token(client, session, {"REMOTE_ADDR": address})
    clock.shift(datetime.timedelta(seconds=30))
    second = client.post(
        ask_url(session),
        {"nickname": "市民", "text": "另一个关于公交站台雨棚的问题", "issued": token},
        REMOTE_ADDR=address,
        HTTP_X_FORWARDED_FOR=forwarded,
    )
    assert response.status_code == second.status_code == 302
    first, other = CitizenQuestion.objects.order_by("pk")
    vote_question = CitizenQuestionFactory(
        session=session, status=QuestionStatus.ACCEPTED, consent_to_publish=True
    )
    assert client.post(vote_url(session, vote_question), REMOTE_ADDR=address).status_code == 200

    # The same hash for the same address (the limits need it), 64 hex digits, salted.
    assert first.address_hash == other.address_hash
    assert re.fullmatch(r"[0-9a-f]{64}", first.address_hash)
    for unsalted in (address, f"address\x1f{address}"):
        assert first.address_hash != hashlib.sha256(unsalted.encode()).hexdigest()
    assert QuestionVote.objects.get().address_hash == first.address_hash

    # No raw address in any column of any row the board wrote (nor in any other of the app's).
    for model in apps.get_app_config("onlinetalk").get_models():
        for row in model.objects.values():
            for column_name, value in row.items():
                for raw in (address, forwarded):
                    assert raw not in str(value), (model.__name__, column_name)
    assert SubmissionLock.objects.filter(key__startswith="address:").exists()
    assert QuestionEvent.objects.filter(question=first).exists()


def test_the_salt_is_a_setting(rf, settings):
    request = rf.get("/", REMOTE_ADDR="198.51.100.23")
    default = address_hash(request)
    settings.ONLINETALK_ADDRESS_SALT = "a salt of the site's own"
    salted = address_hash(request)
    assert salted != default
    assert address_hash(rf.get("/", REMOTE_ADDR="198.51.100.24")) != salted
    settings.SECRET_KEY = "another-secret-key"
    assert address_hash(request) == salted  # an explicit salt does not follow SECRET_KEY
    del settings.ONLINETALK_ADDRESS_SALT
    assert address_hash(request) != default  # the default salt does


# --- the search index ------------------------------------------------------------------------------


def test_the_contact_is_not_among_the_search_fields():
    names = {field.field_name for field in CitizenQuestion.get_search_fields()}
    assert "contact" not in names
    assert "address_hash" not in names
    assert "text" in names


def test_a_search_for_the_contact_finds_nothing(clock, session):
    question = CitizenQuestionFactory(
        session=session,
        text="Ferryboat timetable at Xiangzhou pier",
        contact=EMAIL,
        status=QuestionStatus.ACCEPTED,
        consent_to_publish=True,
    )
    backend = get_search_backend()
    backend.add(question)
    assert list(backend.search("Ferryboat", CitizenQuestion)) == [question]
    assert list(backend.search(EMAIL, CitizenQuestion)) == []
    assert list(backend.search("zhang", CitizenQuestion)) == []


# --- error reports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("valid", [True, False], ids=["accepted", "refused"])
def test_the_contact_is_hidden_from_error_reports(client, clock, session, valid):
    fields = {} if valid else {"text": "太短"}
    response = ask(client, session, clock, **fields)
    assert response.status_code == (302 if valid else 400)

    request = response.wsgi_request
    assert "contact" in request.sensitive_post_parameters
    assert "text" not in request.sensitive_post_parameters
    post = SafeExceptionReporterFilter().get_post_parameters(request)
    assert post["contact"] != PHONE_TYPED
    assert set(post["contact"]) == {"*"}
    assert post["nickname"] == "热心市民"
