"""Every accepted question's one public fate, on its receipt page and in the session's public
list (issue 9, "Every question's fate, in public"): answered live (linking to the entry, then to
the transcript block), answered in the hot response (linking to the reply), merged, declined;
and the session's count of accepted questions still without a fate."""

from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from onlinetalk.live.transcript import block_id, compile_transcript
from onlinetalk.questions.fates import FateKind, public_fates
from onlinetalk.responses.models import HotResponsePage, ResponseAnswer
from tests.factories import english_version
from tests.live_support import AFTER, accepted_question, guest, new_live_session, post
from tests.question_support import soup_of

pytestmark = pytest.mark.django_db

LANGUAGES = ["zh-hans", "en"]


def in_language(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values if values else gettext(msgid)


@pytest.fixture
def after(live_session):
    with time_machine.travel(AFTER, tick=False) as traveller:
        yield traveller


def put_live(session, user, question, *, answer="<p>领导的答复。</p>"):
    """The question put to the leaders in the broadcast, and a leader's answer."""
    asked = post(session, user, role="citizen", question=question)
    answered = post(session, user, role="guest", leader=guest(session), text=answer)
    return asked, answered


def publish_response(column, session, questions, user=None, slug="response"):
    """A published hot response with one reply block per question."""
    page = HotResponsePage(title="热点回应", slug=slug, session=session, live=False)
    page.body = [
        (
            "reply",
            {
                "questions": [question],
                "question_summary": "",
                "reply": "<p>答复。</p>",
                "answered_by": "",
            },
        )
        for question in questions
    ]
    column.add_child(instance=page)
    page.save_revision(user=user).publish()
    page.refresh_from_db()
    return page


def reply_block_of(page, question):
    return next(
        block.id for block in page.body if question.pk in [q.pk for q in block.value["questions"]]
    )


@pytest.fixture
def fates(live_session, office, response_column, after):
    """One question of each fate, and one accepted question still waiting."""
    questions = {
        name: accepted_question(live_session, f"{name}：请问公交什么时候调整？")
        for name in ("live", "later", "merged", "declined", "waiting", "private_later")
    }
    questions["private_later"].consent_to_publish = False
    questions["private_later"].save()
    asked, answered = put_live(live_session, office, questions["live"])
    response = publish_response(
        response_column, live_session, [questions["later"], questions["private_later"]]
    )
    questions["merged"].status = "merged"
    questions["merged"].merged_into = questions["live"]
    questions["merged"].save()
    questions["declined"].status = "rejected"
    questions["declined"].rejection_reason = "与本期主题无关"
    questions["declined"].save()
    for question in questions.values():
        question.refresh_from_db()
    return {"questions": questions, "asked": asked, "answered": answered, "response": response}


def receipt_url(page, question):
    return page.url + page.reverse_subpage("question_receipt", args=[question.receipt_code])


def session_in(language, session):
    return session if language == "zh-hans" else english_version(session)


def fate_of(soup):
    return soup.select_one("p.ot-fate")


@pytest.mark.parametrize("language", LANGUAGES)
def test_answered_live_links_to_the_entry_then_to_the_transcript_block(
    language, client, fates, live_session, office
):
    page = session_in(language, live_session)
    question = fates["questions"]["live"]
    fate = fate_of(soup_of(client.get(receipt_url(page, question))))
    link = fate.find("a")
    assert link.get_text() == in_language(language, "Answered live at %(time)s", time="10:20")
    assert link["href"] == f"{page.url}#entry-{fates['asked'].pk}"
    # The anchor is on the session page, in the stream.
    assert soup_of(client.get(page.url)).select_one(f"#entry-{fates['asked'].pk}") is not None

    compile_transcript(live_session, office, submit=False)
    live_session.refresh_from_db()
    live_session.get_latest_revision().publish()
    page = session_in(language, live_session)
    if language == "en":
        page = english_version(live_session)  # the translation follows the new transcript
    fate = fate_of(soup_of(client.get(receipt_url(page, question))))
    expected = block_id(fates["answered"].pk)  # the exchange takes its answer's id
    assert fate.find("a")["href"] == f"{page.url}#transcript-{expected}"
    block = soup_of(client.get(page.url)).select_one(f"#transcript-{expected}")
    assert block is not None
    assert "请问公交什么时候调整" in block.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_answered_later_links_to_the_reply(language, client, fates, live_session):
    page = session_in(language, live_session)
    response = fates["response"]
    question = fates["questions"]["later"]
    fate = fate_of(soup_of(client.get(receipt_url(page, question))))
    link = fate.find("a")
    published = ResponseAnswer.objects.get(question=question).published_at
    from onlinetalk.templatetags.onlinetalk_tags import talk_date

    with translation.override(language):
        date = talk_date(published)
    assert link.get_text() == in_language(
        language, "Answered in the hot response on %(date)s", date=date
    )
    # No English response yet: the Chinese one.
    assert link["href"] == f"{response.url}#reply-{reply_block_of(response, question)}"


def test_answered_later_links_to_the_english_response_when_it_is_live(client, fates, live_session):
    response = fates["response"]
    english = english_version(response)
    page = english_version(live_session)
    question = fates["questions"]["later"]
    link = fate_of(soup_of(client.get(receipt_url(page, question)))).find("a")
    assert urlsplit(link["href"]).path == english.url
    assert english.url.startswith("/en/")
    assert urlsplit(link["href"]).fragment == f"reply-{reply_block_of(response, question)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_merged_and_declined(language, client, fates, live_session):
    page = session_in(language, live_session)
    merged = fate_of(soup_of(client.get(receipt_url(page, fates["questions"]["merged"]))))
    assert in_language(language, "Merged into another question") in merged.get_text()
    assert merged.find("a")["href"] == f"{page.url}#question-{fates['questions']['live'].pk}"
    declined = fate_of(soup_of(client.get(receipt_url(page, fates["questions"]["declined"]))))
    assert in_language(language, "Declined.") in declined.get_text()
    assert "与本期主题无关" in declined.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_waiting_question_has_no_fate_yet(language, client, fates, live_session):
    page = session_in(language, live_session)
    soup = soup_of(client.get(receipt_url(page, fates["questions"]["waiting"])))
    assert fate_of(soup) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_that_is_not_public_shows_its_fate_on_its_own_receipt_only(
    language, client, fates, live_session
):
    page = session_in(language, live_session)
    private = fates["questions"]["private_later"]
    fate = fate_of(soup_of(client.get(receipt_url(page, private))))
    assert fate.find("a")["href"].endswith(f"#reply-{reply_block_of(fates['response'], private)}")
    board = soup_of(client.get(page.url))
    assert board.select_one(f"#question-{private.pk}") is None
    assert private.text not in board.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_list_shows_each_fate(language, client, fates, live_session):
    page = session_in(language, live_session)
    soup = soup_of(client.get(page.url))
    questions = fates["questions"]
    live_item = soup.select_one(f"#question-{questions['live'].pk} .ot-fate a")
    assert live_item["href"] == f"{page.url}#entry-{fates['asked'].pk}"
    later_item = soup.select_one(f"#question-{questions['later'].pk} .ot-fate a")
    assert later_item["href"].endswith(
        f"#reply-{reply_block_of(fates['response'], questions['later'])}"
    )
    assert soup.select_one(f"#question-{questions['waiting'].pk} .ot-fate") is None
    # Merged and declined questions are not listed (they are not public).
    assert soup.select_one(f"#question-{questions['merged'].pk}") is None
    assert soup.select_one(f"#question-{questions['declined'].pk}") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_session_counts_the_questions_still_awaiting_an_answer(
    language, client, fates, live_session
):
    page = session_in(language, live_session)
    soup = soup_of(client.get(page.url))
    label = in_language(language, "Still awaiting an answer")
    row = next(
        div for div in soup.select("dl.ot-counts div") if div.dt.get_text(strip=True) == label
    )
    assert row.dd.get_text(strip=True) == "1"  # "waiting"; which one is not said


def test_an_unpublished_response_takes_the_fate_back(client, fates, live_session):
    fates["response"].unpublish()
    question = fates["questions"]["later"]
    question.refresh_from_db()
    assert question.status == "accepted"
    assert fate_of(soup_of(client.get(receipt_url(live_session, question)))) is None


def test_a_status_set_by_hand_still_has_its_fate_without_a_link(live_session, after):
    question = accepted_question(live_session, "现场口头答复了", status="answered_live")
    fate = public_fates([question], live_session)[question.pk]
    assert fate.kind == FateKind.ANSWERED_LIVE
    assert fate.url == ""


# --- bounded queries -----------------------------------------------------------------------------


def session_with_fates(year_page, unit, office, column, count, slug):
    session = new_live_session(year_page, unit, slug=slug, title=f"访谈{slug}")
    questions = [
        accepted_question(session, f"第{number}个问题", upvotes=number) for number in range(count)
    ]
    for question in questions[0::3]:
        put_live(session, office, question)
    publish_response(column, session, questions[1::3], slug=f"response-{slug}")
    for question in questions:
        question.refresh_from_db()
    return session, questions


def queries_of(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_costs_the_same_with_5_and_25_questions(
    client, year_page, unit, office, response_column, after, django_assert_num_queries
):
    few, few_questions = session_with_fates(year_page, unit, office, response_column, 5, "few")
    many, many_questions = session_with_fates(year_page, unit, office, response_column, 25, "many")
    assert queries_of(client, few.url) == queries_of(client, many.url)
    # One query per provider (answered live, answered later), whatever the number.
    for questions, session in ((few_questions, few), (many_questions, many)):
        with django_assert_num_queries(2):
            fates = public_fates(questions, session)
        kinds = {fate.kind for fate in fates.values()}
        assert kinds == {FateKind.ANSWERED_LIVE, FateKind.ANSWERED_LATER}
        assert len(fates) == len(questions[0::3]) + len(questions[1::3])


@pytest.mark.parametrize(
    "code", ["nonsense", "0" * 500, "%00", "ABCDE%00FGHJ", "１２３４５６７８９０", "K7QH2-3MXPA"]
)
def test_receipt_addresses_never_fail(client, fates, live_session, code):
    response = client.get(live_session.url + f"questions/{code}/")
    assert response.status_code == 404


def test_without_the_page_being_read_links_lead_to_the_readers_language(
    fates, live_session, django_assert_num_queries
):
    """A list across sessions (open data, a year's Q&A) passes no page: the session pages are
    looked up once, in the reader's language where the session is translated."""
    english = english_version(live_session)
    questions = list(fates["questions"].values())
    for question in questions:
        question.merged_into  # noqa: B018 — loaded, as select_related does for a list
    with translation.override("en"):
        assert english.url  # the sites' root paths are cached, as in any request
    with translation.override("en"), django_assert_num_queries(3):
        found = public_fates(questions)
    live = found[fates["questions"]["live"].pk]
    assert live.url == f"{english.url}#entry-{fates['asked'].pk}"
    assert found[fates["questions"]["merged"].pk].url.startswith(english.url)
    assert fates["questions"]["waiting"].pk not in found


def test_an_entry_past_the_first_screen_is_linked_on_its_page_of_earlier_entries(
    client, fates, live_session, office
):
    from onlinetalk.conf import get_setting

    for number in range(get_setting("LIVE_PAGE_SIZE")):
        post(live_session, office, role="host", text=f"<p>主持人第{number}段</p>")
    question = fates["questions"]["live"]
    link = fate_of(soup_of(client.get(receipt_url(live_session, question)))).find("a")["href"]
    asked = fates["asked"].pk
    assert link == f"{live_session.url}?before={asked + 1}#entry-{asked}"
    assert soup_of(client.get(live_session.url)).select_one(f"#entry-{asked}") is None
    assert soup_of(client.get(link.split("#")[0])).select_one(f"#entry-{asked}") is not None
