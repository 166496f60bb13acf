"""The live broadcast on the session page, as citizens see it: the stream while live (newest
first, linkable entries, withdrawn marker), the poll's address for the script, a page that stays
cacheable, paging without JavaScript, the English page, and "live now" banners."""

import datetime

import pytest
import time_machine
from django.utils import translation

from onlinetalk.live.models import StreamKind
from tests.factories import english_version
from tests.live_support import AFTER, BEFORE, guest, latest_url, post, retract
from tests.question_support import soup_of

pytestmark = pytest.mark.django_db


def live_region(response):
    return soup_of(response).select_one("section.ot-live")


def test_while_live_the_page_shows_the_stream_newest_first(client, live_session, during):
    first = post(live_session, text="各位网友，大家好！")
    second = post(live_session, role="guest", leader=guest(live_session), text="谢谢主持人。")
    region = live_region(client.get(live_session.url))
    ids = [item["id"] for item in region.select("li.ot-entry")]
    assert ids == [f"entry-{second.pk}", f"entry-{first.pk}"]
    assert region["data-live-url"] == latest_url(live_session)
    assert region["data-live-version"] == "2"
    assert region.select_one("[aria-live=polite]") is not None
    assert region.select_one(f"a[href='#entry-{first.pk}']") is not None
    assert "孙丽（市农业农村局局长）" in region.text
    assert "10:20" in region.text


def test_an_empty_stream_while_live_still_polls(client, live_session, during):
    region = live_region(client.get(live_session.url))
    assert region["data-live-url"] == latest_url(live_session)
    assert region.select_one("[data-live-entries]") is not None


def test_the_live_page_stays_cacheable(client, live_session, during):
    post(live_session, text="开场")
    response = client.get(live_session.url)
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    # (Vary: Cookie comes from Wagtail's user bar in the site's base template: readers without a
    # cookie still share one cached copy.)


def test_citizen_text_is_escaped_and_staff_markup_sanitised(client, live_session, during):
    post(live_session, role="citizen", asker="<b>网友</b>", text="<script>alert(1)</script>能否？")
    post(
        live_session, text='<a href="javascript:alert(1)">链接</a><strong>重点</strong><img src=x>'
    )
    html = client.get(live_session.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;能否？" in html
    assert "javascript:" not in html
    assert "<strong>重点</strong>" in html
    assert "<img src=" not in html.split('class="ot-live"')[1]


def test_a_withdrawn_entry_leaves_a_marker_and_no_text(client, live_session, during):
    entry = post(live_session, text="错发的一条")
    retract(entry, reason="发错了")
    region = live_region(client.get(live_session.url))
    item = region.select_one(f"#entry-{entry.pk}")
    assert "ot-entry--withdrawn" in item["class"]
    assert "错发" not in item.text and "发错了" not in item.text
    assert item.select_one(".ot-entry__withdrawn") is not None


def test_before_the_start_the_page_shows_no_stream(client, live_session):
    with time_machine.travel(BEFORE, tick=False):
        post(live_session, kind=StreamKind.REHEARSAL, text="彩排", now=BEFORE)
        assert live_region(client.get(live_session.url)) is None


def test_after_the_session_the_record_stays_without_polling(client, live_session):
    post(live_session, text="开场")
    with time_machine.travel(AFTER, tick=False):
        region = live_region(client.get(live_session.url))
    assert region is not None and not region.has_attr("data-live-url")
    assert "开场" in region.text


def test_a_published_transcript_replaces_the_stream(client, live_session):
    post(live_session, text="开场")
    live_session.transcript = [("host_remark", {"remark": "整理后的文字实录", "time": None})]
    live_session.save_revision().publish()
    with time_machine.travel(AFTER, tick=False):
        response = client.get(live_session.url)
    assert live_region(response) is None
    assert "整理后的文字实录" in response.content.decode()


def test_earlier_entries_page_without_javascript(client, live_session, during, settings):
    settings.ONLINETALK_LIVE_PAGE_SIZE = 2
    entries = [post(live_session, text=f"第{n}条") for n in range(5)]
    region = live_region(client.get(live_session.url))
    link = region.select_one("a[data-live-older]")
    assert link["href"] == f"?before={entries[3].pk}#live"
    older = live_region(client.get(live_session.url + f"?before={entries[3].pk}"))
    ids = [item["id"] for item in older.select("li.ot-entry")]
    assert ids == [f"entry-{entries[2].pk}", f"entry-{entries[1].pk}"]
    assert not older.has_attr("data-live-url")  # a page of the past does not poll


@pytest.mark.parametrize("before", ["abc", "-1", "99999999999999999999999", "", "1e5"])
def test_nonsense_paging_is_ignored_or_empty(client, live_session, during, before):
    post(live_session, text="开场")
    assert client.get(live_session.url, {"before": before}).status_code == 200


def test_the_english_page_shows_the_chinese_stream_with_english_labels(
    client, live_session, during
):
    post(live_session, text="开场")
    english = english_version(live_session, {live_session.title: "Rural revitalisation"})
    region = live_region(client.get(english.url))
    assert region["data-live-url"] == latest_url(live_session, "en")
    assert "The broadcast is in Chinese." in region.text
    assert region.select_one(".ot-entry__text")["lang"] == "zh-Hans"
    assert "Host" in region.text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_and_column_link_to_the_live_session(client, live_session, during, language, home):
    if language == "en":
        page = english_version(live_session, {live_session.title: "Rural revitalisation"})
        prefix = "/en"
    else:
        page, prefix = live_session, ""
    for path in (f"{prefix}/", page.get_parent().get_parent().url):
        banner = soup_of(client.get(path)).select_one(".ot-live-banner")
        assert banner is not None, path
        assert banner.a["href"].startswith(page.url)


def test_no_banner_once_the_session_has_ended(client, live_session, home):
    with time_machine.travel(live_session.end + datetime.timedelta(minutes=1), tick=False):
        assert soup_of(client.get("/")).select_one(".ot-live-banner") is None


def test_preview_shows_the_rehearsal(rf, live_session, admin_user):
    post(live_session, kind=StreamKind.REHEARSAL, text="彩排的一条", now=BEFORE)
    request = rf.get(live_session.url)
    request.user = admin_user
    request.is_preview = True
    with time_machine.travel(BEFORE, tick=False), translation.override("zh-hans"):
        response = live_session.serve_preview(request, live_session.default_preview_mode)
        html = response.render().content.decode()
    assert "彩排的一条" in html
    assert "ot-live__rehearsal" in html


def test_shortly_before_the_start_the_page_already_polls(client, live_session):
    with time_machine.travel(live_session.start - datetime.timedelta(minutes=10), tick=False):
        region = live_region(client.get(live_session.url))
    assert region["data-live-url"] == latest_url(live_session)
    assert region["data-live-phase"] == "upcoming"
    assert "10:00" in region.text


def test_on_the_english_page_a_chinese_nickname_is_marked_chinese(client, live_session, during):
    post(live_session, role="citizen", asker="拱北街坊", text="请问公交什么时候调整？")
    english = english_version(live_session, {live_session.title: "Rural revitalisation"})
    speaker = live_region(client.get(english.url)).select_one(".ot-entry__speaker")
    assert speaker.get_text(" ", strip=True) == "Citizen 拱北街坊"
    assert speaker.select_one("span[lang='zh-Hans']").text == "拱北街坊"
