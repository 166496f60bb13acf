"""The commitments in public: the session's commitments page and its Atom feed, the column's
open commitments, in Chinese and English; only sessions whose page is live and public; bounded
queries; nonsense parameters never fail."""

import datetime

import feedparser
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from onlinetalk.responses.commitments import Progress, record_progress
from onlinetalk.responses.models import CommitmentStatus
from tests.clock import local
from tests.factories import (
    CommitmentFactory,
    DepartmentFactory,
    TalkSessionPageFactory,
    english_version,
)
from tests.question_support import soup_of

NOW = local(2023, 3, 1, 10, 0)
LANGUAGES = ["zh-hans", "en"]


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _prefix(language):
    return "" if language == "zh-hans" else "/en"


def _session_url(session, language, tail="commitments/"):
    page = session if language == "zh-hans" else english_version(session)
    return page.url + tail


@pytest.fixture
def commitments(session, unit):
    return {
        "not started": CommitmentFactory(
            session=session,
            department=unit,
            text="年底前完成线网评估。",
            expected_on=datetime.date(2022, 12, 31),
        ),
        "in progress": CommitmentFactory(session=session, department=unit, in_progress=True),
        "done": CommitmentFactory(session=session, department=unit, done=True),
        "dropped": CommitmentFactory(session=session, department=unit, dropped=True),
    }


# --- the session's commitments page ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_session_page_lists_its_commitments_with_their_timelines(
    client, session, commitments, language
):
    response = client.get(_session_url(session, language))
    assert response.status_code == 200
    soup = soup_of(response)
    assert len(soup.find_all("h1")) == 1
    articles = soup.select("article.ot-commitment")
    assert [article["id"] for article in articles] == [
        f"commitment-{commitments[key].pk}"
        for key in ("not started", "in progress", "done", "dropped")
    ]
    done = soup.find(id=f"commitment-{commitments['done'].pk}")
    assert len(done.select(".ot-commitment-timeline__item")) == 3
    assert "新线路已开通运营。" in done.get_text()
    assert "100%" in done.select_one(".ot-commitment__progress").get_text()
    dropped = soup.find(id=f"commitment-{commitments['dropped'].pk}")
    assert "经评估，该路段不具备设站条件。" in dropped.get_text()
    assert soup.find(id="commitment-legend") is not None
    feed_link = soup.find("link", rel="alternate", type="application/atom+xml")
    assert feed_link["href"].endswith("commitments/feed/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_is_told_in_words_in_the_readers_language(client, session, commitments, language):
    with translation.override(language):
        expected = [str(label) for label in CommitmentStatus.labels]
        change = f"{expected[0]} → {expected[1]}"
    soup = soup_of(client.get(_session_url(session, language)))
    shown = [
        tag.get_text(strip=True)
        for tag in soup.select("article.ot-commitment .ot-commitment-status")
    ]
    assert shown == expected
    timeline = soup.find(id=f"commitment-{commitments['in progress'].pk}")
    assert change in timeline.select(".ot-commitment-timeline__change")[1].get_text()


def test_on_the_english_page_chinese_content_is_marked(client, session, commitments):
    soup = soup_of(client.get(_session_url(session, "en")))
    text = soup.find(id=f"commitment-{commitments['done'].pk}-text")
    assert text["lang"] == "zh-Hans"
    note = soup.select_one(".ot-commitment-timeline__note")
    assert note["lang"] == "zh-Hans"
    assert soup.find("h1").get("lang") is None


def test_the_chinese_page_marks_nothing_as_another_language(client, session, commitments):
    soup = soup_of(client.get(_session_url(session, "zh-hans")))
    assert soup.select("article.ot-commitment [lang]") == []


def test_an_overdue_commitment_is_marked(client, session, commitments):
    soup = soup_of(client.get(_session_url(session, "zh-hans")))
    overdue = soup.find(id=f"commitment-{commitments['not started'].pk}")
    assert overdue.select(".ot-commitment-overdue")
    assert not soup.find(id=f"commitment-{commitments['in progress'].pk}").select(
        ".ot-commitment-overdue"
    )


def test_a_session_without_commitments_says_so(client, session):
    response = client.get(_session_url(session, "en"))
    assert response.status_code == 200
    assert "No commitment was recorded for this session." in response.content.decode()


def test_citizen_text_is_escaped(client, session, unit):
    CommitmentFactory(session=session, department=unit, text="<script>alert(1)</script>")
    body = client.get(_session_url(session, "zh-hans")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_a_photo_is_shown_with_its_alternative_text(client, session, unit):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    photo = get_image_model().objects.create(title="站点", file=get_test_image_file())
    commitment = CommitmentFactory(session=session, department=unit)
    record_progress(
        commitment,
        Progress(status="in_progress", progress=60, photo=photo, photo_alt="新建的公交候车亭"),
    )
    soup = soup_of(client.get(_session_url(session, "zh-hans")))
    image = soup.select_one(".ot-commitment-timeline__photo img")
    assert image["alt"] == "新建的公交候车亭"


# --- the feed --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feed_has_one_entry_per_update(client, session, commitments, language):
    response = client.get(_session_url(session, language, "commitments/feed/"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    updates = [u for c in commitments.values() for u in c.updates.all()]
    assert len(feed.entries) == len(updates) == 1 + 2 + 3 + 2
    assert len({entry.id for entry in feed.entries}) == len(updates)
    done = commitments["done"]
    latest = feed.entries[0]  # newest first: the done commitment's last update
    assert latest.link.endswith(f"commitments/#commitment-{done.pk}")
    assert "100%" in latest.title
    assert feed.feed.language == ("zh-Hans" if language == "zh-hans" else "en")


def test_the_feeds_ids_are_stable(client, session, commitments):
    url = _session_url(session, "zh-hans", "commitments/feed/")
    before = {entry.id for entry in feedparser.parse(client.get(url).content).entries}
    record_progress(commitments["in progress"], Progress(status="in_progress", progress=70))
    after = {entry.id for entry in feedparser.parse(client.get(url).content).entries}
    assert before < after
    assert len(after - before) == 1


def test_the_feed_never_shows_the_recording_user(client, session, commitments, django_user_model):
    user = django_user_model.objects.create_user("secret-editor", email="editor@example.gov.cn")
    record_progress(
        commitments["in progress"], Progress(status="in_progress", progress=80), user=user
    )
    body = client.get(_session_url(session, "zh-hans", "commitments/feed/")).content.decode()
    assert "secret-editor" not in body
    assert "editor@example.gov.cn" not in body


# --- the column's open commitments ----------------------------------------------------------------


@pytest.fixture
def two_units(year_page, unit):
    other = DepartmentFactory(name="市教育局")
    early = TalkSessionPageFactory(
        parent=year_page, departments=[other], start=local(2022, 6, 15, 10, 0), slug="education"
    )
    late = TalkSessionPageFactory(
        parent=year_page, departments=[unit], start=local(2022, 9, 28, 10, 0), slug="rural"
    )
    return {
        "late open": CommitmentFactory(session=late, department=unit, in_progress=True),
        "early open": CommitmentFactory(session=early, department=other),
        "early done": CommitmentFactory(session=early, department=other, done=True),
        "later open": CommitmentFactory(
            session=early, department=other, made_at=local(2022, 7, 1, 10, 0)
        ),
        "dropped": CommitmentFactory(session=late, department=unit, dropped=True),
    }


def _open_url(response_column, language):
    page = response_column if language == "zh-hans" else english_version(response_column)
    return page.url + "commitments/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_commitments_by_unit_oldest_first(client, response_column, two_units, language):
    response = client.get(_open_url(response_column, language))
    assert response.status_code == 200
    soup = soup_of(response)
    sections = soup.select("section.ot-commitments__unit")
    ids = [[a["id"] for a in s.select("article.ot-commitment")] for s in sections]
    assert ids == [
        [f"commitment-{two_units['early open'].pk}", f"commitment-{two_units['later open'].pk}"],
        [f"commitment-{two_units['late open'].pk}"],
    ]
    assert "市教育局" in sections[0].find("h2").get_text()
    assert soup.find(id="commitment-legend") is not None


def test_open_commitments_say_how_long_they_have_been_open(client, response_column, two_units):
    soup = soup_of(client.get(_open_url(response_column, "en")))
    early = soup.find(id=f"commitment-{two_units['early open'].pk}")
    days = (datetime.date(2023, 3, 1) - datetime.date(2022, 6, 15)).days
    assert f"(open for {days} days)" in early.get_text()


def test_open_commitments_link_to_the_session_in_the_readers_language(
    client, response_column, two_units
):
    english_version(two_units["early open"].session)
    soup = soup_of(client.get(_open_url(response_column, "en")))
    link = soup.select_one(".ot-commitments__session a")
    assert link["href"].startswith("/en/")
    assert link["href"].endswith(f"commitments/#commitment-{two_units['early open'].pk}")


def test_the_unit_name_is_in_the_readers_language(client, response_column, two_units):
    from wagtail.models import Locale

    from onlinetalk.localization import translate_in_code

    unit = two_units["early open"].department
    translate_in_code(unit, Locale.objects.get(language_code="en"), {unit.name: "Education Bureau"})
    soup = soup_of(client.get(_open_url(response_column, "en")))
    heading = soup.select("section.ot-commitments__unit h2")[0]
    assert "Education Bureau" in heading.get_text()
    assert heading.find("span").get("lang") is None
    other = soup.select("section.ot-commitments__unit h2")[1].find("span")
    assert other["lang"] == "zh-Hans"  # no English name yet: the Chinese one, marked


@pytest.mark.parametrize("hide", ["unpublish", "restrict"])
def test_only_commitments_of_live_and_public_sessions(client, response_column, two_units, hide):
    session = two_units["early open"].session
    url = session.url + "commitments/feed/"
    if hide == "unpublish":
        session.unpublish()
    else:
        PageViewRestriction.objects.create(page=session, restriction_type="login")
    body = client.get(_open_url(response_column, "zh-hans")).content.decode()
    assert two_units["early open"].text not in body
    assert two_units["late open"].text in body
    # The session's own commitments page and feed are gone (404) or ask for a login (302).
    assert client.get(url).status_code == (404 if hide == "unpublish" else 302)


# --- queries and fuzzing ---------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _make(session, unit, count):
    for number in range(count):
        CommitmentFactory(
            session=session,
            department=unit,
            **({"done": True} if number % 2 else {"in_progress": True}),
        )


@pytest.mark.parametrize("tail", ["commitments/", "commitments/feed/"])
def test_the_session_pages_queries_do_not_grow_with_commitments(client, session, unit, tail):
    english_version(session)
    _make(session, unit, 3)
    url = session.url + tail
    client.get(url)
    few = _queries(client, url)
    _make(session, unit, 27)
    assert _queries(client, url) == few


def test_the_open_lists_queries_do_not_grow_with_commitments(
    client, response_column, year_page, unit
):
    other = DepartmentFactory()
    sessions = [
        TalkSessionPageFactory(parent=year_page, departments=[u], slug=f"s{n}")
        for n, u in enumerate([unit, other])
    ]
    for session in sessions:
        _make(session, session.departments.first(), 2)
    url = response_column.url + "commitments/"
    client.get(url)
    few = _queries(client, url)
    for session in sessions:
        _make(session, session.departments.first(), 13)
    assert _queries(client, url) == few


NONSENSE = [
    "?p=%00",
    "?page=99999999999999999999",
    "?x=٢",
    "?status=%00%00",
    "?" + "a=" * 500,
    "?unit=-1",
]


@pytest.mark.parametrize("query", NONSENSE)
@pytest.mark.parametrize("tail", ["commitments/", "commitments/feed/"])
def test_nonsense_parameters_never_fail_on_the_session(client, session, commitments, query, tail):
    assert client.get(session.url + tail + query).status_code == 200


@pytest.mark.parametrize("query", NONSENSE)
def test_nonsense_parameters_never_fail_on_the_column(client, response_column, two_units, query):
    assert client.get(response_column.url + "commitments/" + query).status_code == 200


@pytest.mark.parametrize(
    "tail", ["commitments/%00/", "commitments/feed/%00", "commitments/99999999999999999999/"]
)
def test_unknown_sub_paths_are_not_found(client, session, tail):
    assert client.get(session.url + tail).status_code == 404


# --- the hot response's commitment blocks -----------------------------------------------------------


def _render_body(commitments):
    from django.template import Context, Template
    from wagtail.blocks import StreamValue

    from onlinetalk.request_memo import RequestMemoMiddleware
    from onlinetalk.responses.models import HotResponsePage

    block = HotResponsePage._meta.get_field("body").stream_block
    raw = [
        {"type": "commitment", "id": f"c{c.pk}", "value": {"commitment": c.pk, "note": ""}}
        for c in commitments
    ]
    body = StreamValue(block, raw, is_lazy=True)
    template = Template(
        "{% load wagtailcore_tags %}{% for b in body %}{% include_block b %}{% endfor %}"
    )
    # As in a request: lookups such as the reader's Locale are remembered for its length.
    render = RequestMemoMiddleware(lambda request: template.render(Context({"body": body})))
    with CaptureQueriesContext(connection) as queries:
        html = render(None)
    return html, len(queries)


def test_commitment_blocks_render_in_a_fixed_number_of_queries(session, unit):
    few = [CommitmentFactory(session=session, department=unit, done=True) for _ in range(3)]
    html, few_queries = _render_body(few)
    assert html.count('class="ot-commitment ') == 3
    assert "新线路已开通运营。" in html
    many = few + [
        CommitmentFactory(session=session, department=unit, in_progress=True) for _ in range(7)
    ]
    html, many_queries = _render_body(many)
    assert html.count('class="ot-commitment ') == 10
    assert many_queries == few_queries


def test_a_block_whose_commitment_is_gone_renders_nothing(session, unit):
    from wagtail.blocks import StreamValue

    from onlinetalk.responses.models import HotResponsePage

    block = HotResponsePage._meta.get_field("body").stream_block
    body = StreamValue(
        block,
        [{"type": "commitment", "id": "x", "value": {"commitment": 999999, "note": ""}}],
        is_lazy=True,
    )
    assert body[0].render().strip() == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_session_page_links_to_its_commitments_and_their_feed(client, session, language):
    page = session if language == "zh-hans" else english_version(session)
    soup = soup_of(client.get(page.url))
    links = [a["href"] for a in soup.select(".ot-commitments-link a")]
    assert links == [page.url + "commitments/", page.url + "commitments/feed/"]


def test_before_the_session_its_page_has_no_commitments_link(client, session):
    with time_machine.travel(session.start - datetime.timedelta(days=1), tick=False):
        soup = soup_of(client.get(session.url))
    assert soup.select(".ot-commitments-link") == []
