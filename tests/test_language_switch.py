"""Every page's language switch leads to the same page in the other language where it exists, else
to that language's home; `<link rel="alternate" hreflang>` names the translations in <head>."""

import pytest
from bs4 import BeautifulSoup

from onlinetalk.schedule.models import TalkIndexPage
from tests.factories import AnnualSchedulePageFactory


def parse(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def switch_links(soup):
    """The language switch in the header: {hreflang: href} of its links."""
    nav = soup.select_one(".site-nav__languages")
    assert nav is not None, "the page has no language switch"
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def current_language(soup):
    return soup.select_one(".site-nav__languages [aria-current]")["lang"]


def alternates(soup):
    return {
        link["hreflang"]: link["href"]
        for link in soup.head.find_all("link", rel="alternate")
        if link.has_attr("hreflang")
    }


PAGES = [
    ("/", "/en/"),
    ("/minsheng-online/", "/en/minsheng-online/"),
    ("/minsheng-online/2022/", "/en/minsheng-online/2022/"),
]


# A page's language (as its lang attribute says it) and the language its switch offers.
SWITCH = {"zh-hans": ("zh-Hans", "en"), "en": ("en", "zh-Hans")}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("chinese", "english"), PAGES)
def test_a_page_switches_to_its_other_language_version(
    shared_demo, client, chinese, english, language
):
    """A Chinese page links to its English translation, an English one to its Chinese original."""
    urls = {"zh-Hans": chinese, "en": english}
    current, other = SWITCH[language]
    soup = parse(client.get(urls[current]))

    assert switch_links(soup) == {other: urls[other]}
    assert current_language(soup) == current


@pytest.mark.parametrize(("chinese", "english"), PAGES)
def test_hreflang_alternates_name_both_languages(shared_demo, client, chinese, english):
    for url in (chinese, english):
        soup = parse(client.get(url))
        assert alternates(soup) == {"zh-Hans": chinese, "en": english}, url


def test_switch_link_follows_the_page_not_the_path(shared_demo, client, english):
    """A translated slug is followed: the link is the translation's URL, not the path with /en/."""
    english_column = TalkIndexPage.objects.get(locale=english)
    english_column.slug = "online-talk"
    english_column.save_revision().publish()

    zh = parse(client.get("/minsheng-online/2022/"))
    en = parse(client.get("/en/online-talk/2022/"))

    assert switch_links(zh) == {"en": "/en/online-talk/2022/"}
    assert switch_links(en) == {"zh-Hans": "/minsheng-online/2022/"}
    assert alternates(zh)["en"] == "/en/online-talk/2022/"


@pytest.fixture
def chinese_only_page(shared_demo):
    """A 2023 year page under the Chinese column, published, never translated."""
    column = TalkIndexPage.objects.get(locale__language_code="zh-hans")
    page = AnnualSchedulePageFactory(parent=column, year=2023, live=False)
    page.save_revision().publish()
    return page


def test_untranslated_page_switches_to_the_english_home(chinese_only_page, client):
    soup = parse(client.get("/minsheng-online/2023/"))

    assert switch_links(soup) == {"en": "/en/"}
    assert client.get("/en/minsheng-online/2023/").status_code == 404


def test_untranslated_page_announces_no_english_alternate(chinese_only_page, client):
    soup = parse(client.get("/minsheng-online/2023/"))

    assert alternates(soup) == {"zh-Hans": "/minsheng-online/2023/"}


def test_unpublished_translation_is_not_offered(shared_demo, client, english):
    english_year = shared_demo.get_translation(english)
    english_year.unpublish()

    soup = parse(client.get("/minsheng-online/2022/"))

    assert switch_links(soup) == {"en": "/en/"}
    assert "en" not in alternates(soup)


@pytest.mark.parametrize(
    ("url", "other_hreflang", "other_url"),
    [
        ("/search/?query=x", "en", "/en/search/?query=x"),
        ("/en/search/?query=x", "zh-Hans", "/search/?query=x"),
        ("/search/", "en", "/en/search/"),
    ],
)
def test_search_switches_language_and_keeps_the_query(
    shared_demo, client, url, other_hreflang, other_url
):
    soup = parse(client.get(url))

    assert switch_links(soup) == {other_hreflang: other_url}
    assert alternates(soup)[other_hreflang] == other_url


def test_search_switch_keeps_a_chinese_query(shared_demo, client):
    soup = parse(client.get("/search/", {"query": "养老保险"}))

    assert switch_links(soup) == {"en": "/en/search/?query=%E5%85%BB%E8%80%81%E4%BF%9D%E9%99%A9"}


@pytest.mark.parametrize(
    ("url", "other_hreflang", "other_home"),
    [("/nope/", "en", "/en/"), ("/en/nope/", "zh-Hans", "/")],
)
def test_missing_page_switches_to_the_other_home(
    shared_demo, client, url, other_hreflang, other_home
):
    response = client.get(url)

    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert switch_links(soup) == {other_hreflang: other_home}
    assert alternates(soup) == {}
