"""The search items follow what is public: publishing, unpublishing, a view restriction, a
question's fate and consent, a withheld question in a reply, a rebuild."""

import pytest
from django.core import checks
from django.test import override_settings
from wagtail.models import Locale, PageViewRestriction
from wagtail.rich_text import RichText

from onlinetalk.questions.models import QuestionStatus
from onlinetalk.search import items
from onlinetalk.search.checks import check_search_backend
from onlinetalk.search.models import ItemKind, SearchItem
from onlinetalk.search.service import search_items
from tests.factories import (
    CitizenQuestionFactory,
    DepartmentFactory,
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    TalkSessionPageFactory,
    english_version,
    reply_block,
)

EXCHANGE = {
    "asker": "灵活就业的小王",
    "question": "灵活就业人员参加城乡居民养老保险的缴费标准是多少？",
    "answer": RichText("<p>今年的缴费档次分为十二档，可在粤省事小程序选择。</p>"),
}


def found(query, locale="zh-hans", **filters):
    outcome = search_items(query, Locale.objects.get(language_code=locale))
    return {(item.kind, item.page_id) for item in outcome.results}


@pytest.fixture
def social_security(db):
    return DepartmentFactory(name="市人力资源社会保障局", short_name="人社局")


@pytest.fixture
def session(year_page, social_security, django_capture_on_commit_callbacks):
    page = TalkSessionPageFactory(
        parent=year_page,
        title="稳就业 保民生",
        summary="市人力资源社会保障局解读社保新政。",
        departments=[social_security],
    )
    page.transcript = [("qa_exchange", EXCHANGE)]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_publishing_a_session_makes_its_page_and_each_exchange_findable(session):
    assert set(SearchItem.objects.filter(page=session).values_list("kind", flat=True)) == {
        ItemKind.SESSION,
        ItemKind.EXCHANGE,
    }
    assert found("养老保险") == {(ItemKind.SESSION, session.pk), (ItemKind.EXCHANGE, session.pk)}
    exchange = SearchItem.objects.get(page=session, kind=ItemKind.EXCHANGE)
    assert exchange.answered and "十二档" in exchange.answer
    assert exchange.get_url().endswith(f"#transcript-{session.transcript[0].id}")


def test_the_units_short_name_finds_the_session(session):
    assert (ItemKind.SESSION, session.pk) in found("人社局")


def test_a_draft_change_is_not_searchable_until_published(
    session, django_capture_on_commit_callbacks
):
    session.summary = "新的草稿提到住房公积金提取。"
    with django_capture_on_commit_callbacks(execute=True):
        session.save_revision()
    assert found("公积金提取") == set()
    with django_capture_on_commit_callbacks(execute=True):
        session.get_latest_revision().publish()
    assert found("公积金提取") == {(ItemKind.SESSION, session.pk)}


def test_unpublishing_removes_the_items(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session.unpublish()
    assert not SearchItem.objects.filter(page=session).exists()
    assert found("养老保险") == set()


def test_a_view_restriction_above_hides_the_items_and_lifting_it_shows_them(
    session, year_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=year_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert found("养老保险") == set()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found("养老保险") == {(ItemKind.SESSION, session.pk), (ItemKind.EXCHANGE, session.pk)}


@pytest.mark.parametrize(
    ("status", "consent", "public"),
    [
        (QuestionStatus.ACCEPTED, True, True),
        (QuestionStatus.ACCEPTED, False, False),
        (QuestionStatus.PENDING, True, False),
        (QuestionStatus.REJECTED, True, False),
        (QuestionStatus.MERGED, True, False),
    ],
)
def test_only_a_published_question_is_an_item(
    session, status, consent, public, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = CitizenQuestionFactory(
            session=session,
            text="住房公积金提取需要哪些材料，能不能在网上办理？",
            status=status,
            consent_to_publish=consent,
        )
    assert SearchItem.objects.filter(question=question).exists() is public
    assert bool(found("公积金提取")) is public


def test_declining_a_published_question_removes_it(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        question = CitizenQuestionFactory(
            session=session,
            text="住房公积金提取需要哪些材料？",
            status=QuestionStatus.ACCEPTED,
            consent_to_publish=True,
        )
    assert found("公积金提取") == {(ItemKind.QUESTION, session.pk)}
    question.status = QuestionStatus.REJECTED
    with django_capture_on_commit_callbacks(execute=True):
        question.save()
    assert found("公积金提取") == set()


def test_a_reply_never_carries_a_withheld_questions_words(
    home, session, django_capture_on_commit_callbacks
):
    withheld = CitizenQuestionFactory(
        session=session,
        text="我家住在香洲区某某小区三栋，养老金迟迟未到账。",
        status=QuestionStatus.ANSWERED_LATER,
        consent_to_publish=False,
    )
    column = HotResponseIndexPageFactory(parent=home)
    with django_capture_on_commit_callbacks(execute=True):
        response = HotResponsePageFactory(
            parent=column,
            session=session,
            body=[
                reply_block(
                    [withheld],
                    reply="<p>经核查，养老金已于本月补发到账。</p>",
                    summary="养老金未到账。",
                )
            ],
            published_at=session.start.replace(day=29),
        )
    reply = SearchItem.objects.get(page=response, kind=ItemKind.REPLY)
    assert reply.title == "养老金未到账。"
    for field in (reply.title, reply.text, reply.words, reply.title_words):
        assert "某某小区" not in field and "三栋" not in field
    assert found("某某小区") == set()
    assert (ItemKind.REPLY, response.pk) in found("养老金 补发")


def test_an_english_version_is_found_in_english_only(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        english = english_version(
            session,
            {
                "稳就业 保民生": "Jobs and livelihoods",
                "市人力资源社会保障局解读社保新政。": "New rules for pensions.",
            },
        )
    assert found("pension", "en") == {(ItemKind.SESSION, english.pk)}
    assert found("pension", "zh-hans") == set()
    # The untranslated transcript keeps its Chinese on the English page: found there as the
    # English page's, never as the Chinese page's.
    assert {page for _kind, page in found("养老保险", "en")} == {english.pk}


def test_rebuilding_gives_the_same_items(session, year_page):
    # The year page was made live without a publication (no signal): the rebuild adds it.
    assert not SearchItem.objects.filter(page=year_page).exists()
    first = items.rebuild()
    before = sorted(SearchItem.objects.values_list("key", "title", "words"))
    assert {key for key, *_ in before} >= {f"year:{year_page.pk}", f"session:{session.pk}"}
    assert items.rebuild() == first == len(before)
    assert sorted(SearchItem.objects.values_list("key", "title", "words")) == before


def test_a_site_with_the_stock_backend_is_warned():
    stock = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=stock):
        assert [message.id for message in check_search_backend()] == ["onlinetalk.W004"]
    assert check_search_backend() == []
    assert all(
        message.id != "onlinetalk.W004"
        for message in checks.run_checks(include_deployment_checks=False)
    )


@pytest.fixture
def replied(home, session, django_capture_on_commit_callbacks):
    """A hot response to `session` whose reply quotes a published question."""
    question = CitizenQuestionFactory(
        session=session,
        text="住房公积金提取到账需要几个工作日？",
        status=QuestionStatus.ANSWERED_LATER,
        consent_to_publish=True,
    )
    column = HotResponseIndexPageFactory(parent=home)
    with django_capture_on_commit_callbacks(execute=True):
        response = HotResponsePageFactory(
            parent=column,
            session=session,
            body=[
                reply_block([question], reply="<p>一般三个工作日内到账。</p>", summary="到账时间。")
            ],
            published_at=session.start.replace(day=29),
        )
    return question, response


def test_a_question_withdrawn_later_leaves_the_reply_that_quoted_it(
    replied, django_capture_on_commit_callbacks
):
    question, response = replied
    assert SearchItem.objects.get(page=response, kind=ItemKind.REPLY).title == question.text
    question.status = QuestionStatus.REJECTED
    with django_capture_on_commit_callbacks(execute=True):
        question.save()
    reply = SearchItem.objects.get(page=response, kind=ItemKind.REPLY)
    assert reply.title == "到账时间。"
    assert "几个工作日" not in reply.text and "几个" not in reply.words.split()


def test_a_reply_shows_its_session_in_the_responses_language_whatever_is_active(replied):
    from django.utils import translation

    _question, response = replied
    with translation.override("en"):
        items.refresh_page(response)
    reply = SearchItem.objects.get(page=response, kind=ItemKind.REPLY)
    assert reply.session_id == response.session_id
    assert reply.session.locale.language_code == "zh-hans"


def test_a_restricted_session_is_not_named_by_its_responses_items(
    replied, year_page, django_capture_on_commit_callbacks
):
    _question, response = replied
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=year_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert SearchItem.objects.filter(page=response).exists()  # the response itself is public
    assert set(SearchItem.objects.filter(page=response).values_list("session", flat=True)) == {None}
