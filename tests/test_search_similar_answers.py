"""The answers already given, beside the ask form (issue 12, “answers while typing”): the
endpoint `onlinetalk/search/answers/?q=…` ranks the demo's published answers by the words they
share with the typed text, shows at most five as an escaped HTML fragment, never shows a word of
a question that is not public, answers 200 to anything, is cacheable by a proxy and costs a
bounded number of queries. The ask form carries the aside that fetches it (hidden without
JavaScript); the browser side is tests/test_search_answers_browser.py."""

import json
import os

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Locale, PageViewRestriction

from onlinetalk.conf import get_setting
from onlinetalk.features import field_additions_for
from onlinetalk.questions.models import QuestionStatus
from onlinetalk.responses.models import HotResponsePage
from onlinetalk.search import items
from onlinetalk.search.checks import check_similar_answers_url
from onlinetalk.search.models import ANSWER_KINDS, SearchItem
from onlinetalk.search.service import similar_answers
from onlinetalk.sessions.models import TalkSessionPage
from tests.factories import CitizenQuestionFactory, publish_response, reply_block
from tests.session_support import DEMO_NOW

TRANSPORT = "2022-05-transport"  # the demo's bus session: transcript and hot response

# A typed question → the demo answer that must come first (the question it answers).
RANKING = [
    ("zh-hans", "早上公交车太挤了，高峰时段能不能多加几个班次？", "早高峰公交太挤，能加密班次吗？"),
    ("zh-hans", "我想问一下二手房过户需要多久", "二手房过户要多长时间？"),
    (
        "zh-hans",
        "灵活就业人员怎么交养老保险",
        "灵活就业人员怎样参加职工养老保险？可以在网上办理吗？",
    ),
    ("zh-hans", "老旧小区停车位太少了", "老旧小区停车难怎么解决？"),
    ("zh-hans", "学校食堂的饭菜安全谁来监管", "学校食堂怎么监管？"),
    (
        "en",
        "The buses are packed in the morning, can you add more?",
        "Buses are packed at the morning peak. Can there be more of them?",
    ),
    (
        "en",
        "How long does a second-hand home transfer take now?",
        "How long does a second-hand home transfer take?",
    ),
    ("en", "Will my pension be adjusted?", "Will pensions be adjusted this year?"),
    ("en", "Who supervises school canteens", "How are school canteens supervised?"),
]

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

pytestmark = pytest.mark.usefixtures("frozen")


def answers_url(language="zh-hans"):
    with translation.override(language):
        return reverse("onlinetalk_search:similar_answers")


def ask(client, text, language="zh-hans", **extra):
    return client.get(answers_url(language), {"q": text}, **extra)


def shown(response):
    """(question, excerpt, session line, link) of each answer in the fragment."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            item.select_one(".ot-answers__question").get_text(strip=True),
            item.select_one(".ot-answers__excerpt").get_text(strip=True),
            item.select_one(".ot-answers__session").get_text(strip=True),
            item.select_one("a")["href"],
        )
        for item in soup.select("li.ot-answers__item")
    ]


def questions_shown(response):
    return [question for question, *_ in shown(response)]


def locale(language):
    return Locale.objects.get(language_code=language)


def transport_session(language="zh-hans"):
    return TalkSessionPage.objects.get(slug=TRANSPORT, locale__language_code=language)


# --- ranking -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "typed", "expected"), RANKING)
def test_the_most_similar_answer_comes_first(client, language, typed, expected):
    response = ask(client, typed, language)

    assert response.status_code == 200
    found = questions_shown(response)
    assert found and found[0] == expected


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_answer_shows_its_question_excerpt_session_and_a_working_link(client, language):
    typed = RANKING[0][1] if language == "zh-hans" else RANKING[5][1]
    question, excerpt, session_line, link = shown(ask(client, typed, language))[0]
    session = transport_session(language)

    assert session.title in session_line
    assert excerpt  # the answer's words, plain text
    assert excerpt in SearchItem.objects.get(locale__language_code=language, title=question).answer
    page_url, anchor = link.split("#")
    assert page_url == session.url
    page = client.get(page_url)
    assert page.status_code == 200
    assert f'id="{anchor}"' in page.content.decode()


def test_at_most_five_answers_from_more_that_match(client):
    matching = SearchItem.objects.filter(
        locale__language_code="zh-hans", kind__in=ANSWER_KINDS, words__contains="服务"
    )
    assert matching.count() > 5

    assert get_setting("SEARCH_SIMILAR_ANSWERS") == 5
    assert len(shown(ask(client, "服务"))) == 5


def test_the_limit_is_a_setting(client, settings):
    settings.ONLINETALK_SEARCH_SIMILAR_ANSWERS = 2
    assert len(shown(ask(client, "服务"))) == 2


def test_an_answer_sharing_only_a_common_word_is_left_out():
    """能不能 and 需要 are in many questions: the bus question's one answer stands alone."""
    found = similar_answers(RANKING[0][1], locale("zh-hans"))
    assert [item.title for item in found] == [RANKING[0][2]]


def test_only_answers_of_the_language_of_the_path(client):
    english = shown(ask(client, RANKING[5][1], "en"))
    assert english and all(link.startswith("/en/") for *_, link in english)
    chinese = shown(ask(client, RANKING[0][1]))
    assert chinese and not any(link.startswith("/en/") for *_, link in chinese)


def test_the_text_is_cut_to_the_setting_before_anything_looks_at_it(client, settings):
    typed = "早高峰公交太挤"
    assert questions_shown(ask(client, typed))
    padding = "。" * get_setting("SEARCH_SIMILAR_MAX_LENGTH")
    assert questions_shown(ask(client, padding + typed)) == []
    settings.ONLINETALK_SEARCH_SIMILAR_MAX_LENGTH = 4
    assert questions_shown(ask(client, "灵活就业人员怎么交养老保险")) == questions_shown(
        ask(client, "灵活就业")
    )


# --- never a word that is not public -------------------------------------------------------------

SECRET = "海豚馆门票预约系统经常崩溃"  # words no demo text holds


@pytest.fixture
def withheld_questions(django_capture_on_commit_callbacks):
    """Questions on the bus session whose words must never be shown — pending, declined,
    accepted without the asker's consent — and one public question (the control), all linked to
    a new reply of the session's published hot response; the search refreshed as the signals do
    it (on commit)."""
    session = transport_session()
    with django_capture_on_commit_callbacks(execute=True):
        hidden = [
            CitizenQuestionFactory(
                session=session,
                text=f"{SECRET}（{label}）",
                status=status,
                consent_to_publish=consent,
            )
            for label, status, consent in (
                ("待审", QuestionStatus.PENDING, True),
                ("不予采纳", QuestionStatus.REJECTED, True),
                ("未同意公开", QuestionStatus.ACCEPTED, False),
            )
        ]
        public = CitizenQuestionFactory(
            session=session,
            text="<img src=x onerror=alert(1)>海豚馆的门票预约能不能提前七天？",
            status=QuestionStatus.ACCEPTED,
            consent_to_publish=True,
        )
        response = HotResponsePage.objects.get(session=session, locale=session.locale)
        replies = [
            reply_block(hidden, reply="<p>已督促运营方升级预约系统，扩容服务器。</p>"),
            reply_block([public], reply="<p>门票预约已改为提前七天开放。</p>"),
        ]
        response.body = json.dumps(
            list(response.body.raw_data)
            + [
                {"type": kind, "value": value, "id": f"withheld-{number}"}
                for number, (kind, value) in enumerate(replies)
            ]
        )
        publish_response(response, DEMO_NOW)
    return hidden, public


def test_no_word_of_a_pending_declined_or_unconsented_question(client, withheld_questions):
    hidden, public = withheld_questions
    response = ask(client, SECRET)
    body = response.content.decode()
    found = shown(response)
    # The reply to the withheld questions is found (its answer matches), shown by its answer.
    assert any("扩容服务器" in excerpt for _, excerpt, _, _ in found)
    assert "海豚馆门票" not in body and "崩溃" not in body
    for question in hidden:
        assert question.text not in body
    # The public question is shown with its words, escaped: never markup from the content.
    soup = BeautifulSoup(body, "html.parser")
    assert public.text in [a.get_text() for a in soup.select("a.ot-answers__question")]
    assert soup.find("img") is None and "&lt;img" in body


def test_a_withheld_question_is_not_found_by_its_own_words(withheld_questions):
    hidden, _public = withheld_questions
    for question in hidden:
        for item in similar_answers(question.text, locale("zh-hans")):
            assert "崩溃" not in item.title + item.text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_view_restricted_session_gives_no_answer(
    client, language, django_capture_on_commit_callbacks
):
    typed = RANKING[0][1] if language == "zh-hans" else RANKING[5][1]
    expected = RANKING[0][2] if language == "zh-hans" else RANKING[5][2]
    assert expected in questions_shown(ask(client, typed, language))
    session = transport_session(language)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=session, restriction_type=PageViewRestriction.PASSWORD, password="内部"
        )

    assert expected not in questions_shown(ask(client, typed, language))
    # Nothing of the session's own page is left (its hot response is a public page of its own).
    assert not SearchItem.objects.filter(page=session).exists()


def test_an_unpublished_session_gives_no_answer(client, django_capture_on_commit_callbacks):
    session = transport_session()
    with django_capture_on_commit_callbacks(execute=True):
        session.unpublish()
    assert RANKING[0][2] not in questions_shown(ask(client, RANKING[0][1]))


def test_a_rebuild_keeps_them_out(client, withheld_questions):
    items.rebuild()
    body = ask(client, SECRET).content.decode()
    assert "崩溃" not in body and "扩容服务器" in body


# --- the answer: cacheable, 200 for anything -----------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_answer_is_public_cacheable_and_touches_no_cookie(client, language):
    client.cookies["sessionid"] = "whatever"
    client.cookies["csrftoken"] = "x" * 32
    response = ask(client, RANKING[0][1], language)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    max_age = get_setting("SEARCH_SIMILAR_MAX_AGE")
    assert response["Cache-Control"].replace(" ", "") == f"public,max-age={max_age}"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    # The language is the path's prefix: English varies with nothing. (Django's LocaleMiddleware
    # adds Vary: Accept-Language to the default language's unprefixed path.)
    if language == "en":
        assert "Vary" not in response


def test_the_setting_is_the_max_age(client, settings):
    settings.ONLINETALK_SEARCH_SIMILAR_MAX_AGE = 42
    assert ask(client, "公交")["Cache-Control"].replace(" ", "") == "public,max-age=42"


def test_a_post_is_refused_without_an_error_page(client):
    response = client.post(answers_url(), {"q": "公交"})
    assert response.status_code == 405
    assert client.head(answers_url(), {"q": "公交"}).status_code == 200


BAD = [
    "",
    " ",
    "公",
    "a",
    "\x00",
    "公交\x00太挤",
    "x" * 2000,
    "早高峰公交太挤" * 300,
    "<script>alert(1)</script>公交",
    '"公交',
    'AND OR NOT NEAR * ( ) " : ^ - + ~',
    "公交 OR 1=1; DROP TABLE onlinetalk_searchitem; --",
    "！？。，、",
    "🚌🚌🚌",
    "%00",
]


@pytest.mark.parametrize("typed", BAD)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_any_text_gives_a_200_and_escaped_fragment(client, typed, language):
    response = ask(client, typed, language)
    assert response.status_code == 200
    assert "<script" not in response.content.decode()


def test_raw_nul_and_bad_bytes_in_the_query_string(client):
    for query in ("q=%00", "q=%ff%fe", "q=%ED%A0%80", "q=a&q=b", "q", "q=%E5%85%AC%E4%BA%A4%00"):
        assert client.get(f"{answers_url()}?{query}").status_code == 200, query


@FUZZ
@given(st.text(max_size=400))
def test_fuzzed_text(client, typed):
    response = ask(client, typed)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.find(["script", "img", "iframe"])


# --- bounded queries ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["养老", RANKING[0][1], "早高峰公交太挤" * 300, ""])
def test_a_bounded_number_of_queries(client, django_assert_max_num_queries, typed):
    ask(client, "公交")  # the process's one-off reads (the units' words, content types)
    with django_assert_max_num_queries(7):
        response = ask(client, typed)
    assert response.status_code == 200


# --- the extension point ------------------------------------------------------------------------


def test_the_search_adds_its_aside_beside_the_ask_forms_text():
    assert field_additions_for("questions.ask", "text") == ["onlinetalk/search/answers_aside.html"]
    assert field_additions_for("questions.ask", "nickname") == []


def test_the_ask_form_carries_the_hidden_aside_with_the_endpoint(client):
    session = TalkSessionPage.objects.get(slug="showcase-announced", locale__language_code="en")
    response = client.get(session.url + session.reverse_subpage("ask_question"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    aside = soup.select_one("[data-similar-answers]")
    assert aside is not None and aside.has_attr("hidden")  # shown by the script only
    assert aside["data-similar-answers-url"] == answers_url("en")
    textarea = soup.select_one("textarea[name=text]")
    assert aside["data-similar-answers-for"] == textarea["id"]
    # Beside the text field, in the same group; the region is polite and starts empty.
    assert aside.find_parent(class_="ot-field-with-additions") is textarea.find_parent(
        class_="ot-field-with-additions"
    )
    region = aside.select_one("[aria-live]")
    assert region["aria-live"] == "polite" and not region.get_text(strip=True)
    assert soup.select_one('script[src$="onlinetalk/js/similar_answers.js"]') is not None
    heading = aside.select_one("h2")
    assert heading.get_text(strip=True) == "Answers already given"
    assert aside["aria-labelledby"] == heading["id"]


# A host site that has not included onlinetalk.urls (ROOT_URLCONF = this module).
urlpatterns = []


def test_without_the_extensions_urls_the_aside_is_left_out_and_a_check_warns(settings):
    assert check_similar_answers_url() == []
    assert "data-similar-answers" in render_to_string("onlinetalk/search/answers_aside.html")

    settings.ROOT_URLCONF = __name__

    assert [warning.id for warning in check_similar_answers_url()] == ["onlinetalk.W005"]
    assert render_to_string("onlinetalk/search/answers_aside.html").strip() == ""
