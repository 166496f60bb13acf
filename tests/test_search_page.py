"""The public search page (issue 12) in Chinese and English on the demo: it finds the demo's
items, filters them by type, unit and year with a count beside each type, pages them keeping the
query and the filters, says when no result holds all the words, helps when there is nothing to
show, marks the query's words in an escaped excerpt, and still takes the old `query` parameter."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from wagtail.models import Locale

from onlinetalk.departments.models import Department
from onlinetalk.search.models import ItemGroup, SearchItem
from onlinetalk.search.views import excerpt, highlight_words, marked

pytestmark = pytest.mark.django_db

# What each language's demo holds: a word found in several types and years, a word found once,
# and the unit of the first word.
LANGUAGES = {
    "zh": {
        "prefix": "",
        "code": "zh-hans",
        "word": "教育",
        "pension": "养老保险",
        "pension_title": "灵活就业人员怎样参加职工养老保险",
        "nothing": "火星探测器",
    },
    "en": {
        "prefix": "/en",
        "code": "en",
        "word": "education",
        "pension": "pension",
        "pension_title": "Will pensions be adjusted",
        "nothing": "martian",
    },
}


@pytest.fixture(params=list(LANGUAGES))
def lang(request, shared_demo):
    return LANGUAGES[request.param]


def get(client, lang, **params):
    response = client.get(f"{lang['prefix']}/search/", params)
    assert response.status_code == 200
    return response


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def results(soup):
    return soup.select("ol.ot-search__results > li.ot-search__result")


def total(soup):
    # The number comes first in English ("3 results for …"), after 找到/共 in Chinese.
    return int(re.search(r"\d+", soup.select_one(".ot-search__total").get_text(strip=True))[0])


def type_counts(soup):
    counts = {}
    for option in soup.select("#ot-search-type option"):
        if option["value"]:
            counts[option["value"]] = int(re.search(r"(\d+)\D*$", option.get_text())[1])
    return counts


def education_unit():
    return Department.objects.get(name="市教育局", locale=Locale.get_default())


# --- rendering and finding ----------------------------------------------------------------------


def test_the_page_renders_with_its_landmarks_and_labels(client, lang):
    soup = parse(get(client, lang))
    form = soup.select_one("form[role=search]")
    assert form is not None and form["method"] == "get"
    assert soup.select_one("main h1") is not None
    for field in ("ot-search-q", "ot-search-type", "ot-search-unit", "ot-search-year"):
        assert soup.select_one(f"label[for={field}]") is not None
        assert form.select_one(f"#{field}") is not None
    assert len(form.select("button[type=submit]")) == 2
    assert soup.html["lang"].lower().startswith(lang["code"][:2])


def test_a_search_finds_a_demo_item_in_the_readers_language(client, lang):
    soup = parse(get(client, lang, q=lang["pension"]))
    titles = [result.h3.get_text() for result in results(soup)]
    assert any(title.startswith(lang["pension_title"]) for title in titles), titles
    links = [result.h3.a["href"] for result in results(soup)]
    if lang["prefix"]:
        assert all(link.startswith("/en/") for link in links)
    else:
        assert not any(link.startswith("/en/") for link in links)
    assert total(soup) == len(links)
    first = results(soup)[0]
    assert first.select_one(".ot-search__kind").get_text(strip=True)
    assert first.select_one("time")["datetime"]


def test_each_result_shows_its_session_and_units_in_the_readers_language(client, lang):
    soup = parse(get(client, lang, q=lang["word"]))
    unit = education_unit()
    shown = unit.get_translation(Locale.objects.get(language_code=lang["code"])).name
    units = [u.get_text() for u in soup.select(".ot-search__units")]
    assert shown in units
    if lang["code"] == "en":
        assert unit.name not in units
    assert soup.select(".ot-search__session")


# --- filters and counts -------------------------------------------------------------------------


@pytest.mark.parametrize("group", ItemGroup.values)
def test_the_type_filter_shows_only_that_type_and_its_count(client, lang, group):
    everything = parse(get(client, lang, q=lang["word"]))
    counts = type_counts(everything)
    soup = parse(get(client, lang, q=lang["word"], type=group))
    if counts[group]:
        assert total(soup) == counts[group]
    else:
        assert soup.select_one(".ot-search__none") is not None
    assert soup.select_one(f"#ot-search-type option[value={group}]").has_attr("selected")
    locale = Locale.objects.get(language_code=lang["code"])
    urls = {item.get_url(None) for item in SearchItem.objects.filter(locale=locale, group=group)}
    assert all(link["href"] in urls for link in soup.select("ol.ot-search__results h3 a"))


def test_the_counts_beside_the_types_add_up_to_the_total(client, lang):
    soup = parse(get(client, lang, q=lang["word"]))
    counts = type_counts(soup)
    assert sum(counts.values()) == total(soup) > 0
    assert counts["sessions"] > 0 and counts["responses"] > 0


def test_the_unit_filter_keeps_the_units_results(client, lang):
    unit = education_unit()
    shown = unit.get_translation(Locale.objects.get(language_code=lang["code"])).name
    everything = parse(get(client, lang, q=lang["word"]))
    soup = parse(get(client, lang, q=lang["word"], unit=unit.pk))
    assert 0 < total(soup) <= total(everything)
    transport = Department.objects.get(name="市交通运输局", locale=Locale.get_default())
    assert total(parse(get(client, lang, q=lang["word"], unit=transport.pk))) == 0
    for result in results(soup):
        assert shown in result.select_one(".ot-search__units").get_text()
    option = soup.select_one(f"#ot-search-unit option[value='{unit.pk}']")
    assert option.has_attr("selected") and option.get_text() == shown


def test_the_year_filter_keeps_that_years_results(client, lang):
    everything = parse(get(client, lang, q=lang["word"]))
    soup = parse(get(client, lang, q=lang["word"], year=2026))
    assert 0 < total(soup) < total(everything)
    assert {r.select_one("time")["datetime"][:4] for r in results(soup)} == {"2026"}
    assert soup.select_one("#ot-search-year option[value='2026']").has_attr("selected")


def test_a_filter_without_a_query_browses_newest_first(client, lang):
    soup = parse(get(client, lang, unit=education_unit().pk))
    dates = [r.select_one("time")["datetime"] for r in results(soup)]
    assert dates and dates == sorted(dates, reverse=True)
    assert soup.select_one(".ot-search__help") is None


@pytest.mark.parametrize("params", [{"type": "nonsense"}, {"unit": "999999"}, {"year": "1999"}])
def test_a_value_the_page_does_not_offer_is_ignored(client, lang, params):
    plain = parse(get(client, lang, q=lang["word"]))
    soup = parse(get(client, lang, q=lang["word"], **params))
    assert total(soup) == total(plain)
    assert not soup.select("select option[selected]")


# --- paging -------------------------------------------------------------------------------------


@override_settings(ONLINETALK_SEARCH_RESULTS_PER_PAGE=2)
def test_paging_keeps_the_query_and_the_filters(client, lang):
    first = parse(get(client, lang, q=lang["word"], year=2022))
    count = total(first)
    assert count > 2 and len(results(first)) == 2
    pages = -(-count // 2)
    nav = first.select_one("nav.ot-pagination")
    assert re.findall(r"\d+", nav.span.get_text()) == ["1", str(pages)]
    next_link = nav.select_one("a[rel=next]")["href"]
    assert parse_qs(urlsplit(next_link).query) == {
        "q": [lang["word"]],
        "year": ["2022"],
        "page": ["2"],
    }
    second = parse(client.get(f"{lang['prefix']}/search/{next_link}"))
    assert len(results(second)) == 2
    assert {r.h3.a["href"] for r in results(second)}.isdisjoint(
        {r.h3.a["href"] for r in results(first)}
    )
    assert second.select_one("nav.ot-pagination a[rel=prev]") is not None


@override_settings(ONLINETALK_SEARCH_RESULTS_PER_PAGE=2)
def test_a_results_page_runs_a_bounded_number_of_queries(
    client, lang, django_assert_max_num_queries
):
    get(client, lang, q=lang["word"])
    with django_assert_max_num_queries(24):
        get(client, lang, q=lang["word"], page=2)


def test_a_results_page_costs_the_same_with_more_results_on_it(
    client, lang, django_assert_max_num_queries
):
    """Ten results cost no more queries than two (units, sessions and pages in bulk)."""
    get(client, lang, q=lang["word"])
    with override_settings(ONLINETALK_SEARCH_RESULTS_PER_PAGE=2):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as two:
            get(client, lang, q=lang["word"])
    with django_assert_max_num_queries(len(two)):
        soup = parse(get(client, lang, q=lang["word"]))
    assert len(results(soup)) > 2


# --- states -------------------------------------------------------------------------------------


def test_when_no_result_holds_all_words_the_page_says_these_hold_some(client, lang):
    relaxed = parse(get(client, lang, q=f"{lang['word']} {lang['nothing']}"))
    assert relaxed.select_one(".ot-search__relaxed") is not None
    assert total(relaxed) > 0
    strict = parse(get(client, lang, q=lang["word"]))
    assert strict.select_one(".ot-search__relaxed") is None


def test_the_empty_page_helps_and_links_each_unit_and_year(client, lang):
    soup = parse(get(client, lang))
    assert soup.select_one(".ot-search__help") is not None
    assert soup.select_one(".ot-search__total") is None
    links = {a["href"] for a in soup.select(".ot-search__browse a")}
    assert f"?unit={education_unit().pk}" in links
    assert {"?year=2022", "?year=2026"} <= links
    # Each link browses: it shows results.
    assert results(parse(client.get(f"{lang['prefix']}/search/?year=2022")))


def test_a_search_without_results_gives_tips_and_the_unit_links(client, lang):
    soup = parse(get(client, lang, q=lang["nothing"]))
    assert total(soup) == 0
    tips = soup.select_one(".ot-search__none")
    assert tips is not None and len(tips.select("li")) >= 2
    assert f"?unit={education_unit().pk}" in {
        a["href"] for a in soup.select(".ot-search__browse a")
    }
    assert soup.select_one(".ot-search__relaxed") is None


# --- the excerpt --------------------------------------------------------------------------------


def test_the_excerpt_marks_the_query_words(client, lang):
    soup = parse(get(client, lang, q=lang["word"]))
    marks = [m.get_text().lower() for m in soup.select(".ot-search__excerpt mark")]
    assert marks and set(marks) <= {lang["word"], "educat"}


def test_markup_in_the_content_or_the_query_is_shown_as_text(client, lang):
    locale = Locale.objects.get(language_code=lang["code"])
    SearchItem.objects.filter(locale=locale, words__contains=lang["word"]).update(
        title='<script>alert("t")</script>',
        text=f'<script>alert("x")</script> {lang["word"]} <b onclick="y">bold</b>',
    )
    query = f"{lang['word']} <script>alert(1)</script>"
    html = get(client, lang, q=query).content.decode()
    assert "<script>alert" not in html and "<b onclick" not in html
    soup = BeautifulSoup(html, "html.parser")
    excerpts = [p.get_text() for p in soup.select(".ot-search__excerpt")]
    assert f'<script>alert("x")</script> {lang["word"]} <b onclick="y">bold</b>' in excerpts
    assert '<script>alert("t")</script>' in [r.h3.get_text() for r in results(soup)]
    assert soup.select_one("#ot-search-q")["value"] == query
    assert not soup.select("main script") and not soup.select("main b")


def test_the_excerpt_is_cut_around_the_first_match_and_escaped():
    text = "前言" * 100 + "市民关心<养老保险>的缴费" + "后记" * 100
    pattern_words = highlight_words("养老保险")
    assert "养老保险" in pattern_words
    from onlinetalk.search.views import _pattern

    piece = str(excerpt(text, _pattern(pattern_words)))
    assert piece.startswith("…") and piece.endswith("…")
    assert "&lt;<mark>养老保险</mark>&gt;" in piece
    assert str(marked("<a>", None)) == "&lt;a&gt;"


def test_parts_and_variants_of_the_query_words_are_marked():
    from onlinetalk.search.views import _pattern

    words = highlight_words("pensions")
    assert "pension" in words
    assert "<mark>pension</mark>" in str(marked("a pension fund", _pattern(words)))


# --- the old parameter --------------------------------------------------------------------------


def test_the_old_query_parameter_still_searches(client, lang):
    new = parse(get(client, lang, q=lang["pension"]))
    old = parse(get(client, lang, query=lang["pension"]))
    assert total(old) == total(new) > 0
    assert old.select_one("#ot-search-q")["value"] == lang["pension"]


def test_q_wins_over_query(client, lang):
    both = parse(get(client, lang, q=lang["pension"], query=lang["nothing"]))
    assert both.select_one("#ot-search-q")["value"] == lang["pension"]
    assert total(both) > 0
