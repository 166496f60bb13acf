"""Whatever the search page is sent — an empty or one-character query, 2,000 characters,
punctuation, full-text operators of SQLite's and PostgreSQL's engines, a NUL, HTML, filter and
page values out of range or of the wrong kind, repeated parameters — it answers 200 with the
page, in both languages (run on SQLite and PostgreSQL)."""

from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    " ",
    "a",
    "字",
    "养" * 2000,
    "education " * 200,
    "!!!",
    "。，、？！",
    "…—“”《》",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "a AND b",
    "教育 OR 交通",
    "NOT 教育",
    "NEAR(教育 交通)",
    "教育*",
    "*",
    "^教育",
    "title_words:教育",
    ":",
    "(",
    ")",
    "(教育",
    '"',
    '"教育',
    "'",
    "教育'",
    "a & b | !c",
    "-教育",
    "教育\x00交通",
    "\x00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "%",
    "_",
    "\\",
    "\ud800",
]

BAD_VALUES = [
    "-1",
    "0",
    "99999999999999999999",
    "x",
    "",
    " ",
    "1.5",
    "1e3",
    "２０２２",
    "\x00",
    "%",
]


@pytest.fixture(params=["", "/en"], ids=["zh", "en"])
def prefix(request, shared_demo):
    return request.param


def raw_get(client, prefix, pairs):
    query = "&".join(f"{quote(name)}={quote(value, safe='')}" for name, value in pairs)
    return client.get(f"{prefix}/search/?{query}")


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
@pytest.mark.parametrize("name", ["q", "query"])
def test_any_query_is_an_ordinary_page(client, prefix, query, name):
    try:
        query.encode()
    except UnicodeEncodeError:
        # A lone surrogate cannot be sent as text: send its UTF-8-style escape instead.
        response = client.get(f"{prefix}/search/?{name}=%ED%A0%80")
    else:
        response = raw_get(client, prefix, [(name, query)])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


@pytest.mark.parametrize("value", BAD_VALUES, ids=range(len(BAD_VALUES)))
@pytest.mark.parametrize("name", ["type", "unit", "year", "page"])
def test_a_bad_filter_or_page_value_is_ignored(client, prefix, name, value):
    for query in ("", "教育", "education"):
        response = raw_get(client, prefix, [("q", query), (name, value)])
        assert response.status_code == 200, (name, value, query)


@pytest.mark.parametrize(
    "raw",
    [
        "q=%00",
        "query=%00&q=%00",
        "q=%ED%A0%80",
        "q=%FF%FE",
        "type=%00&unit=%00&year=%00&page=%00",
        "type=sessions&type=years&type=nonsense",
        "unit=1&unit=x&unit=99999999999999999999",
        "year=2022&year=-1",
        "page=1&page=2&page=99999999999999999999",
        "q=a&q=b&query=c",
        "q[]=a&type[]=sessions",
        "page=-1&q=教育",
        "page=99999999999999999999&q=education",
        "page=0&type=sessions",
        "&&&==&q",
    ],
)
def test_raw_and_repeated_parameters_are_an_ordinary_page(client, prefix, raw):
    assert client.get(f"{prefix}/search/?{raw}").status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, prefix):
    response = raw_get(
        client, prefix, [("q", "教育" if not prefix else "education"), ("page", "999")]
    )
    assert response.status_code == 200
    assert b"ot-search__result" in response.content


def test_a_post_is_refused_without_an_error(client, prefix):
    assert client.post(f"{prefix}/search/", {"q": "教育"}).status_code == 405
