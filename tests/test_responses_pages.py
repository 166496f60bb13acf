"""The 热点回应 column and a hot response's page, in Chinese and English: the list's filters
(alone, combined, nonsense), its paging, its Atom feed (parsed by feedparser), its constant query
count; a response's page with its session, deadline, punctuality and grouped body, which never
shows a question that is not public; the session page linking back."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from onlinetalk.localization import translate_in_code
from onlinetalk.questions.models import QuestionStatus
from onlinetalk.responses.blocks import Adoption
from tests.factories import (
    CitizenQuestionFactory,
    DepartmentFactory,
    HotResponsePageFactory,
    LeaderFactory,
    TalkSessionPageFactory,
    english_version,
    local,
    reply_block,
    suggestion_block,
)

ON_TIME = local(2022, 10, 10, 10, 0)


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def english_url(page):
    return page.get_translation(Locale.objects.get(language_code="en")).url


def new_response(column, year_page, unit, *, start, published_at, body=(), **fields):
    session = TalkSessionPageFactory(
        parent=year_page,
        start=start,
        departments=[unit],
        leaders=[LeaderFactory(department=unit)],
        publish_at=start - datetime.timedelta(days=7),
    )
    return HotResponsePageFactory(
        parent=column, session=session, body=list(body), published_at=published_at, **fields
    )


# --- the column -------------------------------------------------------------------------------


@pytest.fixture
def programme(response_column, year_page, unit):
    """Three published responses: transport (reply, Sept 2022), farming (suggestion, 2022, late
    with its explanation), and one of 2023 of another unit (reply and suggestion)."""
    other = DepartmentFactory(name="市教育局")
    from tests.factories import AnnualSchedulePageFactory

    year_2023 = AnnualSchedulePageFactory(parent=year_page.get_parent(), year=2023)
    return {
        "transport": new_response(
            response_column,
            year_page,
            unit,
            start=local(2022, 9, 28, 10, 0),
            published_at=local(2022, 10, 10, 10, 0),
            body=[reply_block(summary="公交线路")],
            title="公交线网热点回应",
        ),
        "farming": new_response(
            response_column,
            year_page,
            unit,
            start=local(2022, 6, 15, 10, 0),
            published_at=local(2022, 7, 20, 10, 0),
            body=[suggestion_block()],
            title="农村公路热点回应",
            late_explanation="因防汛工作推迟答复。",
        ),
        "schools": new_response(
            response_column,
            year_2023,
            other,
            start=local(2023, 3, 15, 10, 0),
            published_at=local(2023, 3, 24, 10, 0),
            body=[reply_block(), suggestion_block(adoption=Adoption.PARTLY)],
            title="学位供给热点回应",
        ),
        "other": other,
    }


def titles(client, column, query=""):
    page = soup(client.get(column.url + query))
    return [a.get_text() for a in page.select(".ot-response-list h3 a")]


def test_the_column_lists_published_responses_newest_publication_first(
    client, programme, response_column
):
    draft = HotResponsePageFactory(
        parent=response_column,
        session=TalkSessionPageFactory(
            parent=programme["transport"].session.get_parent(), start=local(2022, 11, 1, 10, 0)
        ),
        title="未发布的回应",
    )
    assert not draft.live
    assert titles(client, response_column) == [
        "学位供给热点回应",
        "公交线网热点回应",
        "农村公路热点回应",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?year=2022", ["公交线网热点回应", "农村公路热点回应"]),
        ("?year=2023", ["学位供给热点回应"]),
        ("?kind=reply", ["学位供给热点回应", "公交线网热点回应"]),
        ("?kind=suggestion", ["学位供给热点回应", "农村公路热点回应"]),
        ("?kind=commitment", []),
        ("?year=2022&kind=suggestion", ["农村公路热点回应"]),
        ("?year=2023&kind=reply", ["学位供给热点回应"]),
    ],
)
def test_filters_by_year_and_kind_alone_and_combined(
    client, programme, response_column, query, expected
):
    assert titles(client, response_column, query) == expected


def test_filters_by_unit_alone_and_with_the_others(client, programme, response_column, unit):
    other = programme["other"]
    assert titles(client, response_column, f"?unit={unit.pk}") == [
        "公交线网热点回应",
        "农村公路热点回应",
    ]
    assert titles(client, response_column, f"?unit={other.pk}") == ["学位供给热点回应"]
    assert titles(client, response_column, f"?unit={unit.pk}&year=2022&kind=suggestion") == [
        "农村公路热点回应"
    ]
    assert titles(client, response_column, f"?unit={other.pk}&year=2022") == []


@pytest.mark.parametrize(
    "query",
    [
        "?unit=abc",
        "?unit=99999999999999999999999",
        "?unit=%00",
        "?unit=%EF%BC%91",  # a full-width digit
        "?unit=%C2%B2",  # ²
        "?unit=-1",
        "?year=0",
        "?year=1e9",
        "?year=%00",
        "?year=%D9%A2%D9%A0%D9%A2%D9%A2",  # Arabic-Indic 2022
        "?year=99999999999999999999",
        "?kind=nonsense",
        "?kind=%00",
        "?kind=" + "x" * 5000,
        "?page=abc",
        "?page=0",
        "?page=-3",
        "?page=99999999999999999999999",
        "?page=%00",
        "?page=1.5",
        "?unit=%00&year=abc&kind=%00&page=%00",
    ],
)
def test_nonsense_in_any_parameter_gives_the_unfiltered_page(
    client, programme, response_column, query
):
    assert titles(client, response_column, query) == [
        "学位供给热点回应",
        "公交线网热点回应",
        "农村公路热点回应",
    ]


def test_the_filter_form_works_without_script_and_labels_its_fields(
    client, programme, response_column, unit
):
    page = soup(client.get(response_column.url + f"?unit={unit.pk}&year=2022"))
    form = page.select_one("form.ot-filters")
    assert form["method"] == "get"
    for select in form.select("select"):
        assert page.select_one(f'label[for="{select["id"]}"]') is not None
    assert form.select_one('select[name="unit"] option[selected]')["value"] == str(unit.pk)
    assert form.select_one('select[name="year"] option[selected]')["value"] == "2022"
    assert form.select_one('select[name="kind"] option[selected]') is None
    assert form.select_one("button[type=submit]") is not None


def test_each_item_shows_session_units_dates_punctuality_and_summary(
    client, programme, response_column, unit
):
    page = soup(client.get(response_column.url))
    cards = page.select(".ot-response-card")
    farming = next(card for card in cards if "农村公路" in card.get_text())
    text = farming.get_text(" ", strip=True)
    session = programme["farming"].session
    assert farming.select_one(f'a[href="{session.url}"]').get_text() == session.title
    assert unit.name in text
    assert "2022年7月20日" in text
    assert programme["farming"].summary in text
    transport = next(card for card in cards if "公交线网" in card.get_text())
    assert transport.select_one(".ot-punctuality--on-time") is not None
    # Due 2022-06-29 (10 working days after 15 June), published 20 July: 15 working days late.
    assert "15" in farming.select_one(".ot-punctuality--late").get_text()


def test_paging_keeps_the_filters(client, response_column, year_page, unit):
    for number in range(12):
        new_response(
            response_column,
            year_page,
            unit,
            start=local(2022, 3, 1 + number, 10, 0),
            published_at=local(2022, 3, 1 + number, 15, 0),
            title=f"回应{number:02d}",
        )
    first = titles(client, response_column, "?year=2022")
    second_page = soup(client.get(response_column.url + "?year=2022&page=2"))
    second = [a.get_text() for a in second_page.select(".ot-response-list h3 a")]
    assert len(first) == 10 and len(second) == 2
    assert first[0] == "回应11" and second == ["回应01", "回应00"]
    prev = second_page.select_one('.ot-pagination a[rel="prev"]')["href"]
    assert "year=2022" in prev and "page=1" in prev
    assert titles(client, response_column, "?page=999") == second


def test_the_english_column_lists_english_responses_with_english_unit_names(
    client, programme, response_column, unit
):
    english = Locale.objects.get(language_code="en")
    translate_in_code(unit, english, {unit.name: "Municipal Agriculture Bureau"})
    transport = programme["transport"]
    english_version(transport.session, {transport.session.title: "Bus network"})
    english_response = english_version(transport, {transport.title: "Bus network: hot response"})
    en_column = english_response.get_parent().specific
    page = soup(client.get(en_column.url))
    assert page.html["lang"] == "en"
    assert [a.get_text() for a in page.select(".ot-response-list h3 a")] == [
        "Bus network: hot response"
    ]
    card = page.select_one(".ot-response-card")
    assert "Municipal Agriculture Bureau" in card.get_text()
    session_link = card.select_one("dd a")
    assert session_link.get_text() == "Bus network" and not session_link.has_attr("lang")
    assert "Municipal Agriculture Bureau" in page.select_one('select[name="unit"]').get_text()


# --- the feed -----------------------------------------------------------------------------------


def test_the_column_advertises_its_atom_feed_and_the_feed_parses(
    client, programme, response_column
):
    page = soup(client.get(response_column.url))
    link = page.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert link is not None
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.language == "zh-Hans"
    assert feed.feed.title == response_column.title
    assert [entry.title for entry in feed.entries] == [
        "学位供给热点回应",
        "公交线网热点回应",
        "农村公路热点回应",
    ]
    first = feed.entries[0]
    assert first.link.endswith(programme["schools"].url)
    assert first.summary == programme["schools"].summary
    assert first.published_parsed[:3] == (2023, 3, 24)


def test_the_english_feed_lists_the_english_responses(client, programme, response_column):
    transport = programme["transport"]
    english_response = english_version(transport, {transport.title: "Bus network: hot response"})
    en_column = english_response.get_parent().specific
    page = soup(client.get(en_column.url))
    href = page.select_one('head link[type="application/atom+xml"]')["href"]
    assert href.startswith("/en/")
    feed = feedparser.parse(client.get(href).content)
    assert not feed.bozo
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Bus network: hot response"]


# --- the column's query count ---------------------------------------------------------------------


def _responses(column, year_page, units, count, offset):
    for number in range(count):
        unit = units[number % len(units)]
        day = offset + number
        start = local(2022, 3, 1, 10, 0) + datetime.timedelta(days=day)
        new_response(
            column,
            year_page,
            unit,
            start=start,
            published_at=start + datetime.timedelta(days=2),
            body=[reply_block()] if number % 2 else [suggestion_block()],
            title=f"回应{day}",
        )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_column_costs_the_same_with_10_and_100_responses(
    client, response_column, year_page, unit
):
    units = [unit, DepartmentFactory(), DepartmentFactory()]
    english = Locale.objects.get(language_code="en")
    for other in units:
        translate_in_code(other, english, {other.name: f"Unit {other.pk}"})
    _responses(response_column, year_page, units, 10, 0)
    url = response_column.url
    filtered = f"{url}?unit={unit.pk}&year=2022&kind=reply&page=1"
    ten = (_queries(client, url), _queries(client, filtered))
    _responses(response_column, year_page, units, 90, 10)
    hundred = (_queries(client, url), _queries(client, filtered))
    assert ten == hundred
    assert ten[0] <= 20


# --- a response's page -----------------------------------------------------------------------------


@pytest.fixture
def questions(session):
    """A public question, an accepted one without consent, and a declined one with consent
    (publishing the response leaves a declined question declined)."""
    return {
        "public": CitizenQuestionFactory(
            session=session,
            status=QuestionStatus.ACCEPTED,
            consent_to_publish=True,
            nickname="公交迷",
            # Whole seconds: the board's <time datetime> shows microseconds (the checker
            # refuses more than three digits; reported to the question board's owner).
            submitted_at=local(2022, 9, 25, 10, 0),
            text="17路公交什么时候恢复？",
        ),
        "no consent": CitizenQuestionFactory(
            session=session,
            status=QuestionStatus.ACCEPTED,
            consent_to_publish=False,
            nickname="不愿公开的网友",
            submitted_at=local(2022, 9, 25, 10, 1),
            text="这是不愿公开的问题。",
        ),
        "declined": CitizenQuestionFactory(
            session=session,
            status=QuestionStatus.REJECTED,
            consent_to_publish=True,
            nickname="被拒网友",
            submitted_at=local(2022, 9, 25, 10, 2),
            text="这是没有采用的问题。",
        ),
    }


@pytest.fixture
def full_response(response_column, session, questions):
    return HotResponsePageFactory(
        parent=response_column,
        session=session,
        title="优化公交线网热点回应",
        body=[
            suggestion_block(text="建议夜间加开班次。", adoption=Adoption.PARTLY),
            reply_block(
                [questions["public"]], reply="<p>17路将于11月恢复。</p>", answered_by="公交管理科"
            ),
            reply_block(
                [questions["no consent"], questions["declined"]],
                reply="<p>已经答复。</p>",
                summary="关于公交站台的问题",
            ),
        ],
        published_at=local(2022, 10, 18, 10, 0),
        late_explanation="因国庆假期后线路调整，推迟一日答复。",
    )


def test_a_response_page_shows_session_deadline_publication_and_lateness(
    client, full_response, session
):
    page = soup(client.get(full_response.url))
    assert page.select_one("h1").get_text() == "优化公交线网热点回应"
    header = page.select_one(".ot-response__header").get_text(" ", strip=True)
    assert page.select_one(f'.ot-response__header a[href="{session.url}"]') is not None
    assert "2022年10月17日" in header  # the deadline
    assert "2022年10月18日" in header  # published a working day late
    assert page.select_one(".ot-punctuality--late") is not None
    assert "因国庆假期后线路调整" in page.select_one(".ot-response__late").get_text()


def test_the_body_is_grouped_under_the_notices_headings_in_its_order(client, full_response):
    page = soup(client.get(full_response.url))
    groups = page.select(".ot-response__group")
    assert [group["class"][1] for group in groups] == [
        "ot-response__group--reply",
        "ot-response__group--suggestion",
    ]  # the notice's order, and no empty "commitments" group
    assert len(groups[0].select(".ot-reply")) == 2
    for reply in groups[0].select(".ot-reply"):
        assert reply["id"].startswith("reply-block-")
    suggestion = groups[1].get_text(" ", strip=True)
    assert "建议夜间加开班次。" in suggestion
    assert groups[1].select_one(".ot-badge--adoption-partly") is not None


@pytest.mark.parametrize("language", ["zh", "en"])
def test_non_public_questions_are_never_shown(client, full_response, questions, language):
    if language == "en":
        english_version(full_response.session)
        url = english_version(full_response).url
    else:
        url = full_response.url
    html = client.get(url).content.decode()
    assert "17路公交什么时候恢复？" in html and "公交迷" in html
    for key in ("no consent", "declined"):
        assert questions[key].text not in html
        assert questions[key].nickname not in html
    assert "关于公交站台的问题" in html  # the summary stands in for them


def test_the_english_page_marks_untranslated_chinese_parts(client, full_response, session):
    english_version(session, {session.title: "Bus network"})
    english = english_version(full_response, {full_response.title: "Bus network: hot response"})
    page = soup(client.get(english.url))
    assert page.html["lang"] == "en"
    assert not page.select_one("h1").has_attr("lang")
    question = page.select_one(".ot-reply__question blockquote")
    assert question["lang"] == "zh-Hans"
    assert page.select_one(".ot-response__late p")["lang"] == "zh-Hans"
    session_link = page.select_one(".ot-response__header dd a")
    assert session_link.get_text() == "Bus network" and not session_link.has_attr("lang")


def test_the_english_page_links_to_the_chinese_session_when_it_has_no_english_page(
    client, full_response, session
):
    english_ancestors_only = english_version(full_response)
    page = soup(client.get(english_ancestors_only.url))
    link = page.select_one(".ot-response__header dd a")
    assert link["href"] == session.url and link["lang"] == "zh-Hans"


def test_a_response_page_costs_the_same_with_one_reply_and_with_many(
    client, response_column, year_page, unit, session, questions
):
    many = [
        CitizenQuestionFactory(
            session=session, status=QuestionStatus.ACCEPTED, consent_to_publish=True
        )
        for _ in range(20)
    ]
    small = HotResponsePageFactory(
        parent=response_column,
        session=session,
        body=[reply_block([questions["public"]]), suggestion_block()],
        published_at=ON_TIME,
    )
    large = new_response(
        response_column,
        year_page,
        unit,
        start=local(2022, 6, 1, 10, 0),
        published_at=local(2022, 6, 2, 10, 0),
        body=[reply_block(many[n : n + 2]) for n in range(0, 20, 2)]
        + [suggestion_block() for _ in range(5)],
    )
    few = _queries(client, small.url)
    lots = _queries(client, large.url)
    assert soup(client.get(large.url)).select(".ot-reply").__len__() == 10
    assert few == lots <= 20


# --- the session page links to its response -----------------------------------------------------


def test_the_session_page_links_to_its_published_response(client, hot_response, session):
    page = soup(client.get(session.url))
    section = page.select_one("#hot-response")
    assert section is not None
    assert section.select_one(f'a[href="{hot_response.url}"]') is not None
    text = section.get_text(" ", strip=True)
    assert "2022年10月17日" in text and section.select_one(".ot-punctuality--on-time")


def test_the_english_session_page_falls_back_to_the_chinese_response(
    client, response_column, session
):
    english_session = english_version(session, {session.title: "Bus network"})
    hot_response = HotResponsePageFactory(
        parent=response_column, session=session, published_at=ON_TIME
    )
    page = soup(client.get(english_session.url))
    link = page.select_one(f'#hot-response a[href="{hot_response.url}"]')
    assert link is not None and link["lang"] == "zh-Hans"
    english_response = english_version(hot_response, {hot_response.title: "Bus network: reply"})
    page = soup(client.get(english_session.url))
    link = page.select_one(f'#hot-response a[href="{english_response.url}"]')
    assert link is not None and not link.has_attr("lang")


def test_the_session_page_counts_the_working_days_left_then_overdue(client, session):
    """Read on the English page, whose interface text is the msgids."""
    import time_machine

    english_session = english_version(session)

    def section_at(moment):
        with time_machine.travel(moment, tick=False):
            return soup(client.get(english_session.url)).select_one("#hot-response")

    left = section_at(local(2022, 10, 14, 12, 0)).get_text(" ", strip=True)  # a Friday
    assert "The replies are due on 17 October 2022 (1 working day left)." in left
    overdue = section_at(local(2022, 10, 19, 12, 0))  # the 18th and the 19th past it
    assert overdue.select_one(".ot-punctuality--late").get_text(" ", strip=True) == (
        "The replies are overdue by 2 working days."
    )
    assert section_at(local(2022, 9, 28, 10, 30)) is None  # live: not yet


def test_the_home_page_lists_both_columns(client, column, response_column):
    page = soup(client.get("/"))
    links = [a["href"] for a in page.select("#columns-heading ~ ul a")]
    assert column.url in links and response_column.url in links


def test_the_session_page_costs_one_query_more_once_its_response_is_published(
    client, response_column, session
):
    at = local(2022, 10, 20, 10, 0)
    import time_machine

    with time_machine.travel(at, tick=False):
        awaiting = _queries(client, session.url)
    HotResponsePageFactory(parent=response_column, session=session, published_at=ON_TIME)
    with time_machine.travel(at, tick=False):
        replied = _queries(client, session.url)
        assert soup(client.get(session.url)).select_one("#hot-response a") is not None
    assert replied == awaiting + 1


# --- valid HTML ---------------------------------------------------------------------------------


def test_the_pages_check_without_html_errors(
    client, programme, full_response, response_column, session, tmp_path
):
    from tests.test_html_validity import run_checker

    english_version(session, {session.title: "Bus network"})
    english = english_version(full_response, {full_response.title: "Bus network: reply"})
    paths = {
        "column": response_column.url,
        "column filtered": response_column.url
        + f"?year=2022&kind=reply&unit={session.departments.first().pk}",
        "column in English": english.get_parent().url,
        "response": full_response.url,
        "response in English": english.url,
        "session with its response": session.url,
    }
    for name, path in paths.items():
        (tmp_path / f"{name.replace(' ', '-')}.html").write_bytes(soup_bytes(client, path))
    errors = [m for m in run_checker(tmp_path) if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(f"{m.get('url')}: {m.get('message')}" for m in errors)


def soup_bytes(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content
