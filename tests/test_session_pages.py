"""Pages citizens see: a session page in both languages, every block, the column and the year
page with the demo loaded at a fixed moment (issue 3, "Pages citizens see")."""

import datetime

import pytest
import time_machine
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale
from wagtail.rich_text import RichText

from onlinetalk.departments.models import Department, Leader
from onlinetalk.localization import translate_in_code
from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import SessionStatus
from tests.clock import local
from tests.factories import AnnualSchedulePageFactory, LeaderFactory, TalkSessionPageFactory
from tests.session_support import DEMO_NOW

SESSION_SLUG = "2022-09-agriculture-and-rural-affairs"


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _session(slug, language):
    return TalkSessionPage.objects.get(slug=slug, locale__language_code=language)


def _label(status, language):
    with translation.override(language):
        return str(SessionStatus(status).label)


# --- one session page in both languages -------------------------------------------------------


# What each language's page shows of the September session, and what it must not show.
SESSION_PAGE = {
    "zh-hans": {
        "lang": "zh-Hans",
        "title": "推进乡村振兴",
        "leader": "孙丽",
        "unit": "市农业农村局",
        "start": "2022年9月28日 10:00",
        "badge": "已答复",
        "absent": ["Sun Li", "Agriculture and Rural Affairs Bureau"],
    },
    "en": {
        "lang": "en",
        "title": "Revitalising the countryside",
        "leader": "Sun Li",
        "unit": "Agriculture and Rural Affairs Bureau",
        "start": "28 September 2022, 10:00",
        "badge": "Replied",
        "absent": ["孙丽", "市农业农村局"],
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_session_page(client, frozen, language):
    expected = SESSION_PAGE[language]
    page = _session(SESSION_SLUG, language)
    assert page.url.startswith("/en/") == (language == "en")
    soup = _soup(client.get(page.url))

    assert soup.html["lang"] == expected["lang"]
    assert soup.h1.get_text(strip=True) == expected["title"]
    meta = soup.select_one("dl.ot-meta").get_text(" ", strip=True)
    assert expected["leader"] in meta
    assert expected["unit"] in meta
    assert expected["start"] in meta
    for text in expected["absent"]:
        assert text not in soup.get_text()

    badge = soup.select_one(".ot-session__status .ot-badge")
    # Its hot response is published (the demo's 热点回应): replied.
    assert "ot-badge--replied" in badge["class"]
    assert badge.get_text(strip=True) == expected["badge"]
    assert badge.get_text(strip=True) == _label("replied", language)
    # The transcript's answering leader and the guest introduction are in the language too.
    assert expected["leader"] in soup.select_one(".ot-guest__name").get_text()
    assert all(expected["leader"] in leader.get_text() for leader in soup.select(".ot-qa__leader"))


def _timeline(soup):
    return [
        (
            item.select_one(".ot-timeline__label").get_text(strip=True),
            item.time.get_text(strip=True),
            item.time["datetime"],
        )
        for item in soup.select("ol.ot-timeline li")
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh-hans",
            [
                ("节目预告", "2022年9月21日 10:00"),
                ("在线交流", "2022年9月28日 10:00"),
                ("网上答复截止", "2022年10月17日"),
            ],
        ),
        (
            "en",
            [
                ("Announcement", "21 September 2022, 10:00"),
                ("Live exchange", "28 September 2022, 10:00"),
                ("Replies due", "17 October 2022"),
            ],
        ),
    ],
)
def test_the_public_timeline(client, frozen, language, expected):
    soup = _soup(client.get(_session(SESSION_SLUG, language).url))
    timeline = _timeline(soup)

    assert [(label, text) for label, text, _iso in timeline] == expected
    assert timeline[2][2].startswith("2022-10-17")
    # No estimate: 2022's arrangement is known.
    assert not soup.select(".ot-estimated")


def test_editor_only_milestones_and_plan_notes_are_not_public(client, frozen):
    page = _session(SESSION_SLUG, "zh-hans")
    page.plan_notes = "内部备注：请勿公开的联络电话"
    page.save_revision().publish()

    soup = _soup(client.get(page.url))

    assert "内部备注" not in soup.get_text()
    labels = soup.select_one("ol.ot-timeline").get_text()
    assert "彩排" not in labels and "Rehearsal" not in labels
    assert "方案" not in labels and "Plan due" not in labels


def test_the_status_badge_follows_the_clock(client, demo_site, db):
    page = _session("showcase-announced", "zh-hans")
    with time_machine.travel(DEMO_NOW, tick=False):
        badge = _soup(client.get(page.url)).select_one(".ot-session__status .ot-badge")
        assert badge.get_text(strip=True) == _label("announced", "zh-hans")
    with time_machine.travel(page.start, tick=False):
        badge = _soup(client.get(page.url)).select_one(".ot-session__status .ot-badge")
        assert badge.get_text(strip=True) == _label("live", "zh-hans")
        assert badge.get_text(strip=True) == "正在直播"


def test_a_cancelled_session_says_so(client, frozen):
    page = _session("showcase-announced", "zh-hans")
    page.schedule_change = "cancelled"
    page.schedule_change_explanation = "因台风取消。"
    page.save_revision().publish()

    soup = _soup(client.get(page.url))

    assert soup.select_one(".ot-session__status .ot-badge").get_text(strip=True) == "已取消"
    notice = soup.select_one("section.ot-notice")
    assert "因台风取消。" in notice.get_text()


def test_the_session_page_links_its_calendar_file(client, frozen):
    page = _session(SESSION_SLUG, "en")
    soup = _soup(client.get(page.url))
    assert soup.find("a", href=page.url + "ical/") is not None


# --- every block ---------------------------------------------------------------------------------


def _document(title, name, content=b"\x00\x00\x00\x18ftypmp42"):
    return get_document_model().objects.create(title=title, file=ContentFile(content, name=name))


def _image(title):
    return wagtail_factories.ImageFactory(title=title, collection=Collection.get_first_root_node())


@pytest.fixture
def year_2022(frozen):
    return AnnualSchedulePage.objects.get(year=2022, locale__language_code="zh-hans")


@pytest.fixture
def demo_unit(frozen):
    """The demo's agriculture bureau (not conftest's `unit`, a unit of a tree of our own)."""
    return Department.objects.get(name="市农业农村局")


def test_every_block_type_renders(client, year_2022, demo_unit):
    leader = LeaderFactory(
        name="测试嘉宾", position="测试局长", department=demo_unit, photo=_image("嘉宾照片")
    )
    picture = _image("现场照片")
    poster = _image("视频封面")
    video = _document("访谈录像", "session.mp4")
    clip = _document("片段", "clip.webm")
    captions = _document("字幕", "captions.vtt", b"WEBVTT\n")
    pdf = _document("政策解读", "policy.pdf", b"%PDF-1.4")

    page = TalkSessionPageFactory(
        parent=year_2022,
        slug="every-block",
        start=local(2022, 9, 29, 10, 0),
        departments=[demo_unit],
        leaders=[leader],
        recorded_video=video,
        recorded_video_captions=captions,
        announcement=[
            ("rich_text", RichText("<p>预告<b>正文</b></p>")),
            ("guest_introduction", {"leader": leader, "introduction": "嘉宾简介文字"}),
            ("topic_list", {"heading": "本期话题", "topics": ["话题甲", "话题乙"]}),
            ("image", {"image": picture, "alt_text": "访谈现场", "caption": "现场图片说明"}),
            ("document_or_link", {"title": "政策原文", "document": pdf, "url": ""}),
            (
                "document_or_link",
                {"title": "外部链接", "document": None, "url": "https://www.zhuhai.gov.cn/"},
            ),
            (
                "video",
                {
                    "title": "预告视频",
                    "video": video,
                    "captions": captions,
                    "poster": poster,
                    "embed": None,
                },
            ),
        ],
        transcript=[
            ("host_remark", {"remark": "主持人开场白", "time": datetime.time(10, 0)}),
            (
                "qa_exchange",
                {
                    "asker": "网友<b>甲</b>",
                    "question": "<script>alert(1)</script>请问何时开工？",
                    "leader": leader,
                    "answer": RichText("<p>年内<i>开工</i>。</p>"),
                    "time": datetime.time(10, 5),
                },
            ),
            ("image", {"image": picture, "alt_text": "交流现场", "caption": ""}),
            (
                "video_clip",
                {
                    "title": "精彩片段",
                    "video": clip,
                    "captions": None,
                    "poster": None,
                    "embed": None,
                },
            ),
            ("rich_text", RichText("<p>实录结束语</p>")),
        ],
    )
    soup = _soup(client.get(page.url))
    announcement = soup.find("section", attrs={"aria-labelledby": "ot-announcement-heading"})
    transcript = soup.find("section", attrs={"aria-labelledby": "ot-transcript-heading"})

    # rich text
    assert announcement.select_one(".ot-prose b").get_text() == "正文"
    # guest introduction, with the leader's photo
    guest = announcement.select_one(".ot-guest")
    assert guest.select_one(".ot-guest__name").get_text(strip=True) == "测试嘉宾"
    assert guest.select_one(".ot-guest__position").get_text(strip=True) == "测试局长"
    assert "嘉宾简介文字" in guest.get_text()
    assert guest.img["alt"] == "测试嘉宾"
    # topic list
    topics = announcement.select_one(".ot-topics")
    assert topics.h3.get_text(strip=True) == "本期话题"
    assert [li.get_text() for li in topics.select("li")] == ["话题甲", "话题乙"]
    # image with caption
    figure = announcement.select_one("figure.ot-figure")
    assert figure.img["alt"] == "访谈现场"
    assert figure.figcaption.get_text(strip=True) == "现场图片说明"
    # document or link
    links = announcement.select(".ot-link a")
    assert [a.get_text() for a in links] == ["政策原文", "外部链接"]
    assert links[0]["href"] == pdf.url
    assert links[1]["href"] == "https://www.zhuhai.gov.cn/"
    assert "PDF" in announcement.select_one(".ot-link__meta").get_text()
    # video: an HTML5 player with the right type, captions and poster
    player = announcement.select_one("figure.ot-video video")
    assert player.source["src"] == video.url
    assert player.source["type"] == "video/mp4"
    assert player.track["src"] == captions.url
    assert player.track["kind"] == "captions"
    assert player.get("poster")
    assert announcement.select_one("figure.ot-video figcaption").get_text() == "预告视频"

    # host remark
    host = transcript.select_one(".ot-host")
    assert "主持人开场白" in host.get_text()
    assert host.time.get_text() == "10:00"
    # Q&A exchange
    qa = transcript.select_one(".ot-qa")
    assert qa.select_one(".ot-qa__asker").get_text() == "网友<b>甲</b>"
    assert qa.select_one(".ot-qa__leader").get_text(strip=True).startswith("测试嘉宾")
    assert qa.select_one(".ot-qa__answer i").get_text() == "开工"
    assert qa.time.get_text() == "10:05"
    # image in the transcript (no caption → no figcaption)
    transcript_figure = transcript.select_one("figure.ot-figure")
    assert transcript_figure.img["alt"] == "交流现场"
    assert transcript_figure.figcaption is None
    # video clip
    clip_player = transcript.select_one("figure.ot-video video")
    assert clip_player.source["type"] == "video/webm"
    assert clip_player.track is None
    # rich text in the transcript
    assert "实录结束语" in transcript.get_text()

    # The recorded video of the session plays in the page, with its captions.
    recorded = soup.find("section", attrs={"aria-labelledby": "ot-video-heading"})
    assert recorded.video.source["src"] == video.url
    assert recorded.video.source["type"] == "video/mp4"
    assert recorded.video.track["src"] == captions.url


def test_questions_are_shown_as_plain_text(client, year_2022, demo_unit):
    leader = LeaderFactory(department=demo_unit)
    page = TalkSessionPageFactory(
        parent=year_2022,
        slug="escaped",
        start=local(2022, 9, 30, 10, 0),
        departments=[demo_unit],
        leaders=[leader],
        transcript=[
            (
                "qa_exchange",
                {
                    "asker": "<img src=x onerror=alert(2)>",
                    "question": "<script>alert(1)</script>\n第二行",
                    "leader": leader,
                    "answer": RichText("<p>答复</p>"),
                    "time": None,
                },
            )
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    soup = _soup(response)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not any("alert(1)" in script.get_text() for script in soup.find_all("script"))
    question = soup.select_one(".ot-qa__question")
    assert "<script>alert(1)</script>" in question.get_text()
    assert question.find("script") is None
    # Line breaks of the plain-text question are kept.
    assert question.find("br") is not None
    assert soup.select_one(".ot-qa__asker").find("img") is None


# --- query count -----------------------------------------------------------------------------


def _english(instance):
    return instance.get_translation_or_none(Locale.objects.get(language_code="en"))


def _translated_leaders(unit, count):
    english = Locale.objects.get(language_code="en")
    leaders = []
    for number in range(count):
        leader = LeaderFactory(name=f"领导{number}", position="副局长", department=unit)
        translated = leader.copy_for_translation(english)
        translated.name, translated.position = f"Leader {number}", "Deputy Director"
        translated.save()
        leaders.append(leader)
    return leaders


def _transcript(leaders, length):
    return [
        (
            "qa_exchange",
            {
                "asker": f"网友{number}",
                "question": f"问题{number}",
                "leader": leaders[number % len(leaders)],
                "answer": RichText(f"<p>答复{number}</p>"),
                "time": datetime.time(10, number % 60),
            },
        )
        for number in range(length)
    ]


def _queries(client, url):
    client.get(url)  # warm the caches (site root paths, …)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_session_page_query_count_does_not_grow_with_the_transcript(
    client, year_2022, demo_unit
):
    english = Locale.objects.get(language_code="en")
    many = _translated_leaders(demo_unit, 40)
    one = many[:1]
    pages = {}
    for leaders_name, leaders in (("one", one), ("many", many)):
        for length in (5, 40):
            page = TalkSessionPageFactory(
                parent=year_2022,
                slug=f"queries-{leaders_name}-{length}",
                start=local(2022, 9, 30, 10, 0),
                departments=[demo_unit],
                leaders=leaders[:2],
                announcement=[("guest_introduction", {"leader": leaders[0], "introduction": ""})],
                transcript=_transcript(leaders, length),
            )
            page.save_revision().publish()
            pages[(leaders_name, length)] = page
            pages[(leaders_name, length, "en")] = translate_in_code(page, english, {})

    counts = {key: _queries(client, page.url) for key, page in pages.items()}

    # The English pages show the English leaders (one lookup for the whole page).
    english_soup = _soup(client.get(pages[("many", 40, "en")].url))
    shown = {leader.get_text(strip=True) for leader in english_soup.select(".ot-qa__leader")}
    assert "Leader 39 (Deputy Director)" in shown
    assert len(shown) == 40

    for leaders_name in ("one", "many"):
        for language in ((), ("en",)):
            lengths = {counts[(leaders_name, length, *language)] for length in (5, 40)}
            assert len(lengths) == 1, counts  # not one query more for 35 more entries
    # The session's own leaders are loaded with the page; leaders the transcript chooses
    # besides them cost one lookup and one for their translations, however many they are.
    for language in ((), ("en",)):
        one, many = counts[("one", 40, *language)], counts[("many", 40, *language)]
        assert many == one + 2, counts
    assert counts[("one", 40)] == counts[("one", 40, "en")]
    assert max(counts.values()) <= 20, counts


# --- the column -------------------------------------------------------------------------------


def _column(language):
    return TalkIndexPage.objects.get(slug="minsheng-online", locale__language_code=language)


@pytest.mark.parametrize(
    ("language", "awaiting", "announced"),
    [("zh-hans", "待答复", "预告中"), ("en", "Awaiting replies", "Announced")],
)
def test_the_column_page(client, frozen, language, awaiting, announced):
    live = _session("showcase-live", language)
    upcoming = _session("showcase-announced", language)
    ended = _session("showcase-ended", language)
    planned = _session("showcase-planned", language)
    session_2022 = _session(SESSION_SLUG, language)

    soup = _soup(client.get(_column(language).url))

    banners = soup.select("section.ot-live-banner")
    assert len(banners) == 1
    assert banners[0].find("a")["href"] == live.url + "#live"  # straight to the broadcast
    assert banners[0].find("a").get_text(strip=True) == live.title
    assert _label("live", language) in banners[0].h2.get_text()

    upcoming_section = soup.find("section", attrs={"aria-labelledby": "ot-upcoming-heading"})
    cards = upcoming_section.select("li.ot-card")
    assert [card.a["href"] for card in cards] == [upcoming.url]
    assert cards[0].select_one(".ot-badge").get_text(strip=True) == announced

    past_section = soup.find("section", attrs={"aria-labelledby": "ot-years-heading"})
    past_links = {a["href"]: a for a in past_section.select("li.ot-card a")}
    assert ended.url in past_links
    assert session_2022.url in past_links
    ended_card = past_links[ended.url].find_parent("li")
    assert ended_card.select_one(".ot-badge").get_text(strip=True) == awaiting
    assert "ot-badge--awaiting_replies" in ended_card.select_one(".ot-badge")["class"]

    # The live session is in the banner only; the planned one is not public yet.
    everywhere = {a["href"] for a in soup.select("a[href]")}
    assert live.url not in past_links
    assert planned.url not in everywhere


def test_the_column_groups_past_sessions_by_year(client, frozen):
    soup = _soup(client.get(_column("zh-hans").url))
    past_section = soup.find("section", attrs={"aria-labelledby": "ot-years-heading"})
    years = past_section.find_all("section")
    headings = [year.h3.get_text(strip=True) for year in years]
    assert headings[0].startswith("2026年")
    assert headings[1].startswith("2022年")
    sessions_2022 = years[1].select("li.ot-card")
    assert len(sessions_2022) == 11
    # Newest first.
    times = [card.time["datetime"] for card in sessions_2022]
    assert times == sorted(times, reverse=True)


# --- the year page -------------------------------------------------------------------------------


def _year(language, number=2022):
    return AnnualSchedulePage.objects.get(year=number, locale__language_code=language)


def _annex(soup):
    table = soup.select_one("table.ot-annex")
    rows = table.tbody.find_all("tr")
    return [
        {
            "month": row.th.get_text(strip=True),
            "units": [unit.get_text(strip=True) for unit in row.select(".ot-unit")],
            "links": [a["href"] for a in row.find_all("a")],
            "badges": [badge.get_text(strip=True) for badge in row.select(".ot-badge")],
        }
        for row in rows
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_annex_links_each_slot_to_its_session(client, frozen, language):
    year = _year(language)
    sessions = list(TalkSessionPage.objects.child_of(year).live())
    by_url = {session.url: session for session in sessions}

    rows = _annex(_soup(client.get(year.url)))

    assert len(rows) == 10  # March to December, November with two units
    for row in rows:
        assert len(row["links"]) >= 1, row
        for link in row["links"]:
            session = by_url[link]
            session_units = {unit.translation_key for unit in session.departments.all()}
            row_units = {
                unit.translation_key for unit in Department.objects.filter(name__in=row["units"])
            }
            assert session_units & row_units, row
        assert row["badges"] == [_label("replied", language)] * len(row["links"])
    september = next(row for row in rows if row["links"] == [_session(SESSION_SLUG, language).url])
    if language == "en":
        assert september["units"] == ["Agriculture and Rural Affairs Bureau"]
        assert september["month"] == "September"
    else:
        assert september["units"] == ["市农业农村局"]
        assert september["month"] == "9月"


def test_every_2022_session_is_linked_from_the_annex(client, frozen):
    """The November row has two units and two sessions: both must be reachable from it."""
    year = _year("zh-hans")
    rows = _annex(_soup(client.get(year.url)))
    linked = {link for row in rows for link in row["links"]}

    november = next(row for row in rows if row["month"] == "11月")
    assert november["units"] == ["市教育局", "市民政局"]
    assert _session("2022-11-education", "zh-hans").url in november["links"]
    assert _session("2022-11-civil-affairs", "zh-hans").url in november["links"]
    assert linked == {session.url for session in TalkSessionPage.objects.child_of(year).live()}


@pytest.mark.parametrize(
    ("language", "caption"), [("zh-hans", "2022年9月"), ("en", "September 2022")]
)
def test_the_month_calendar_shows_the_session_on_its_day(client, frozen, language, caption):
    year = _year(language)
    session = _session(SESSION_SLUG, language)
    soup = _soup(client.get(year.url))

    calendars = soup.select("table.ot-calendar")
    assert len(calendars) == 10  # one per programme month, March to December
    september = next(table for table in calendars if table.caption.get_text(strip=True) == caption)
    days = september.select("td.ot-calendar__day--session")
    assert len(days) == 1
    assert days[0].select_one(".ot-calendar__date").get_text() == "28"
    link = days[0].select_one("a.ot-calendar__session")
    assert link["href"] == session.url
    assert link.get_text(strip=True) == f"10:00 {session.title}"
    # 2022-09-01 is a Thursday: the first week starts with three blank days.
    first_week = september.tbody.tr.find_all("td")
    assert [cell.get("class") for cell in first_week[:3]] == [["ot-calendar__blank"]] * 3
    assert first_week[3].select_one(".ot-calendar__date").get_text() == "1"

    november = next(
        table
        for table in calendars
        if table.caption.get_text(strip=True) in ("2022年11月", "November 2022")
    )
    assert len(november.select("a.ot-calendar__session")) == 2


def test_the_year_page_links_its_feed(client, frozen):
    year = _year("zh-hans")
    soup = _soup(client.get(year.url))
    assert soup.find("a", href=year.url + "ical/") is not None


def test_leaders_are_translatable_snippets(frozen):
    leader = Leader.objects.get(name="孙丽")
    english = _english(leader)
    assert english.name == "Sun Li"
    assert english.department.name == "Agriculture and Rural Affairs Bureau"


def test_an_estimated_replies_deadline_is_flagged_on_the_page(client, frozen, demo_unit):
    column = _column("zh-hans")
    year_2030 = AnnualSchedulePageFactory(parent=column, year=2030, slug="2030")
    leader = LeaderFactory(department=demo_unit)
    page = TalkSessionPageFactory(
        parent=year_2030,
        slug="in-2030",
        start=local(2030, 4, 30, 10, 0),
        departments=[demo_unit],
        leaders=[leader],
    )
    soup = _soup(client.get(page.url))

    items = soup.select("ol.ot-timeline li")
    flagged = [item for item in items if item.select_one(".ot-estimated")]
    assert len(flagged) == 1
    assert flagged[0].select_one(".ot-timeline__label").get_text(strip=True) == "网上答复截止"
    assert flagged[0].time.get_text(strip=True) == "2030年5月14日"
