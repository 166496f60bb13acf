"""The public pages render in both languages: home, the column and the 2022 year page with its
annex, the 404 page, a bounded number of queries, and the extension under another base template."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from onlinetalk.localization import translate_in_code
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    TalkIndexPageFactory,
    add_slot,
)

CHINESE_UNITS = [
    "市发展改革局",
    "市人力资源社会保障局",
    "市交通运输局",
    "市市场监管局",
    "市审计局",
    "市城市管理综合执法局",
    "市农业农村局",
    "市国资委",
    "市教育局",
    "市民政局",
    "市不动产登记中心",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def annex(soup):
    """The annex table as (header cells, [(month, [unit names])])."""
    table = soup.select_one("table.ot-annex")
    assert table is not None, "the page has no annex table"
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [
        (
            row.find("th").get_text(strip=True),
            [unit.get_text(strip=True) for unit in row.select(".ot-unit")],
        )
        for row in table.select("tbody tr")
    ]
    return headers, rows


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/", "zh-Hans", "首页"),
        ("/en/", "en", "Home"),
        ("/minsheng-online/", "zh-Hans", "民生在线"),
        ("/en/minsheng-online/", "en", "Minsheng Online"),
        ("/minsheng-online/2022/", "zh-Hans", "2022年市政府门户网站民生在线互动交流"),
        (
            "/en/minsheng-online/2022/",
            "en",
            "Minsheng Online 2022: the portal's interactive sessions",
        ),
    ],
)
def test_demo_pages_render_in_their_language(shared_demo, client, url, lang, heading):
    response = client.get(url)

    assert response.status_code == 200
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.find("h1").get_text(strip=True) == heading


def test_home_links_to_the_column_in_each_language(shared_demo, client):
    zh_links = [a["href"] for a in parse(client.get("/")).select("main a")]
    en_links = [a["href"] for a in parse(client.get("/en/")).select("main a")]

    assert "/minsheng-online/" in zh_links
    assert "/en/minsheng-online/" in en_links


def test_column_lists_the_year_page_in_each_language(shared_demo, client):
    zh = parse(client.get("/minsheng-online/"))
    en = parse(client.get("/en/minsheng-online/"))

    zh_links = [a["href"] for a in zh.select(".ot-column a")]
    en_links = [a["href"] for a in en.select(".ot-column a")]
    assert "/minsheng-online/2022/" in zh_links
    assert "/en/minsheng-online/2022/" in en_links
    # Each column links within its own language only.
    assert not [href for href in zh_links if href.startswith("/en/")]
    assert all(href.startswith("/en/") for href in en_links if href.startswith("/"))


def test_chinese_year_page_lists_all_eleven_units_in_their_months(shared_demo, client):
    soup = parse(client.get("/minsheng-online/2022/"))
    headers, rows = annex(soup)

    assert headers[:2] == ["月份", "部门名称"]
    assert rows == [
        ("3月", ["市发展改革局"]),
        ("4月", ["市人力资源社会保障局"]),
        ("5月", ["市交通运输局"]),
        ("6月", ["市市场监管局"]),
        ("7月", ["市审计局"]),
        ("8月", ["市城市管理综合执法局"]),
        ("9月", ["市农业农村局"]),
        ("10月", ["市国资委"]),
        ("11月", ["市教育局", "市民政局"]),
        ("12月", ["市不动产登记中心"]),
    ]
    assert sorted(unit for _, units in rows for unit in units) == sorted(CHINESE_UNITS)


YEAR_NOTICE = {
    "zh-hans": {
        "url": "/minsheng-online/2022/",
        "notice": "从3月至12月，每月至少安排一期",
        "office": "珠海市人民政府办公室",
        "programme": "3月 – 12月",
    },
    "en": {
        "url": "/en/minsheng-online/2022/",
        "notice": "From March to December there is at least one session a month",
        "office": "General Office of the Zhuhai Municipal People's Government",
        "programme": "March – December",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_year_page_shows_the_notice_in_its_language(shared_demo, client, language):
    expected = YEAR_NOTICE[language]
    soup = parse(client.get(expected["url"]))

    assert expected["notice"] in soup.select_one(".ot-prose").get_text()
    meta = soup.select_one(".ot-meta").get_text()
    assert expected["office"] in meta
    assert expected["programme"] in meta


def test_english_year_page_shows_english_unit_names_only(shared_demo, client):
    soup = parse(client.get("/en/minsheng-online/2022/"))
    headers, rows = annex(soup)

    assert headers[:2] == ["Month", "Unit"]
    by_month = dict(rows)
    assert list(by_month) == [
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    assert by_month["December"] == ["Real Estate Registration Center"]
    assert by_month["November"] == ["Education Bureau", "Civil Affairs Bureau"]
    assert by_month["March"] == ["Development and Reform Bureau"]
    table_text = soup.select_one("table.ot-annex").get_text()
    assert not CJK.search(table_text), f"Chinese text in the English annex: {table_text!r}"
    for name in CHINESE_UNITS:
        assert name not in soup.select_one("main").get_text()


@pytest.mark.parametrize(
    ("url", "lang", "message"),
    [("/nope/", "zh-Hans", "页面未找到"), ("/en/nope/", "en", "Page not found")],
)
def test_missing_page_is_a_404_in_the_right_language(shared_demo, client, url, lang, message):
    response = client.get(url)

    assert response.status_code == 404
    soup = parse(response)
    assert soup.html["lang"] == lang
    assert soup.find("h1").get_text(strip=True) == message


def test_missing_english_page_has_no_chinese_interface_text(shared_demo, client):
    soup = parse(client.get("/en/nope/"))

    main = soup.select_one("main").get_text()
    assert "页面未找到" not in soup.get_text()
    assert not CJK.search(main)


# Query counts ---------------------------------------------------------------------------------


def _year_page_with_slots(home, count):
    column = TalkIndexPageFactory(parent=home)
    year = AnnualSchedulePageFactory(parent=column)
    for n in range(count):
        add_slot(year, 3 + n % 10, [DepartmentFactory()], planned_topic=f"主题{n}")
    return year


def _add_slots(page, count, locale=None):
    for n in range(count):
        unit = DepartmentFactory()
        if locale is not None:
            # The page's translation keeps pointing at the source unit (as wagtail-localize
            # copies it); the unit has an English translation the page must look up.
            english = unit.copy_for_translation(locale)
            english.name = f"Test Bureau {unit.pk}"
            english.save()
        add_slot(page, 3 + n % 10, [unit], planned_topic=f"topic {n}")


def _count_queries(client, url):
    client.get(url)  # warm the site-root and translation caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_year_page_queries_do_not_grow_with_the_number_of_slots(home, client):
    year = _year_page_with_slots(home, 10)
    url = year.url

    with_10, response = _count_queries(client, url)
    assert sum(len(units) for _, units in annex(parse(response))[1]) == 10
    _add_slots(year, 20)
    with_30, response = _count_queries(client, url)
    assert sum(len(units) for _, units in annex(parse(response))[1]) == 30

    assert with_10 == with_30
    assert with_30 <= 25


def test_english_year_page_queries_do_not_grow_with_the_number_of_slots(home, english, client):
    column = TalkIndexPageFactory(parent=home)
    year = AnnualSchedulePageFactory(parent=column)
    if home.get_translation_or_none(english) is None:
        translate_in_code(home, english, {})
    translate_in_code(column, english, {})
    english_year = translate_in_code(year, english, {})
    _add_slots(english_year, 10, locale=english)
    url = english_year.url
    assert url.startswith("/en/")

    with_10, response = _count_queries(client, url)
    units = [unit for _, names in annex(parse(response))[1] for unit in names]
    assert len(units) == 10
    assert all(name.startswith("Test Bureau") for name in units)
    _add_slots(english_year, 20, locale=english)
    with_30, response = _count_queries(client, url)
    assert len(annex(parse(response))[1]) == 30

    assert with_10 == with_30
    assert with_30 <= 25


def test_year_page_query_count_is_bounded(shared_demo, client, django_assert_max_num_queries):
    client.get("/minsheng-online/2022/")
    with django_assert_max_num_queries(25):
        response = client.get("/minsheng-online/2022/")
    assert response.status_code == 200


# Another base template ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/minsheng-online/2022/", "/en/minsheng-online/2022/"])
def test_extension_pages_render_under_another_base_template(shared_demo, client, url):
    with override_settings(ONLINETALK_BASE_TEMPLATE="onlinetalk/base.html"):
        response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="ot-standalone"' in html
    assert "site-header" not in html
    soup = parse(response)
    assert len(annex(soup)[1]) == 10
    assert soup.html["lang"] == ("en" if url.startswith("/en/") else "zh-Hans")


def test_column_renders_under_another_base_template(shared_demo, client):
    with override_settings(ONLINETALK_BASE_TEMPLATE="onlinetalk/base.html"):
        response = client.get("/minsheng-online/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="ot-standalone"' in html
    assert "site-header" not in html
    assert "/minsheng-online/2022/" in html


def test_extension_pages_use_the_sites_base_template_by_default(shared_demo, client):
    html = client.get("/minsheng-online/2022/").content.decode()

    assert "site-header" in html
    assert "ot-standalone" not in html
