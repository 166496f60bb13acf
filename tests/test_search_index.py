"""PostgreSQL: the GIN index that serves the search (migration 0011) exists after the migrations,
and a search over the search items uses it: among a few hundred analysed items of which one holds
the words, with sequential scans disabled (`SET LOCAL enable_seqscan = off`, in the test's
transaction) so that the planner does not choose a scan for a test's handful of pages."""

import importlib

import pytest
from django.db import connection
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends

from onlinetalk.search import items
from onlinetalk.search.models import ItemGroup, ItemKind, SearchItem
from onlinetalk.search.service import search_items
from onlinetalk.segmentation.words import index_text
from tests.factories import TalkSessionPageFactory

INDEX = "onlinetalk_search_title_body_gin"
MIGRATION = importlib.import_module("onlinetalk.migrations.0011_search_gin_index")
# The join from the index entries to the items: searchitem.id::varchar(50) = object_id.
JOIN_INDEX = "onlinetalk_searchitem_id_text"
JOIN_MIGRATION = importlib.import_module("onlinetalk.migrations.0012_search_item_id_text_index")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only"
)


def test_the_gin_index_exists_after_the_migrations(db):
    assert MIGRATION.INDEX == INDEX
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        rows = cursor.fetchall()
    assert len(rows) == 1
    table, definition = rows[0]
    assert table == "wagtailsearch_indexentry"
    assert "USING gin" in definition
    assert "(title || body)" in definition


def test_the_join_index_exists_after_the_migrations(db):
    assert JOIN_MIGRATION.INDEX == JOIN_INDEX
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexdef FROM pg_indexes WHERE indexname = %s", [JOIN_INDEX]
        )
        rows = cursor.fetchall()
    assert len(rows) == 1
    table, definition = rows[0]
    assert table == "onlinetalk_searchitem"
    assert "(id)::character varying(50)" in definition


FILLER = 400  # items that do not hold the words: the index is worth using only among many


@pytest.fixture
def indexed(year_page, unit):
    """A session that holds the words, and FILLER items that do not, indexed and analysed."""
    session = TalkSessionPageFactory(
        parent=year_page,
        title="养老保险政策解读",
        summary="灵活就业人员参加城乡居民养老保险的缴费标准。",
        departments=[unit],
    )
    items.rebuild()
    filler = SearchItem.objects.bulk_create(
        SearchItem(
            key=f"filler:{number}",
            kind=ItemKind.EXCHANGE,
            group=ItemGroup.SESSIONS,
            locale=Locale.get_default(),
            page=session,
            anchor=f"transcript-{number}",
            title=f"第{number}路公交线路调整",
            title_words=index_text(f"第{number}路公交线路调整"),
            words=index_text("公交线路调整以后由新开通的线路接驳人民医院。"),
        )
        for number in range(FILLER)
    )
    for backend in get_search_backends():
        backend.add_bulk(SearchItem, filler)
    with connection.cursor() as cursor:
        # New entries wait in the GIN index's pending list until a VACUUM (not possible in a
        # transaction) or this; the planner counts a long pending list against the index.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [INDEX])
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        cursor.execute("ANALYZE onlinetalk_searchitem")


@pytest.mark.parametrize("query", ["养老保险", "养老保险 缴费标准"])
def test_a_search_uses_the_gin_index(indexed, query):
    outcome = search_items(query, Locale.get_default())
    assert outcome.results.count() == 1  # the session's item, not the filler
    sql, params = outcome.results.get_queryset().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert INDEX in plan, plan
    assert JOIN_INDEX in plan, plan
