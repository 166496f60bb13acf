"""Searching the items: what the public page and the ask form's answers call. Plain functions.

A query's words must all match (AND); when that finds nothing and the query has several words,
any word may match (OR) and the result says so (`relaxed`).
"""

import dataclasses
import unicodedata

from django.db.models import Prefetch
from wagtail.search.backends import get_search_backend

from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department
from onlinetalk.segmentation.words import query_words, terms

from .models import ANSWER_KINDS, ItemGroup, SearchItem


def clean_query(value, length=None):
    """The reader's query without control characters and double quotes (a NUL is refused by
    PostgreSQL in a text parameter; an unpaired `"` is an unterminated string to SQLite's
    full-text engine), spaces collapsed, cut to `length` characters (by default the longest
    query the page takes)."""
    kept = (
        " " if char == '"' or unicodedata.category(char) in ("Cc", "Cs") else char
        for char in str(value or "")
    )
    return " ".join("".join(kept).split())[: length or get_setting("SEARCH_MAX_QUERY_LENGTH")]


@dataclasses.dataclass
class Filters:
    group: str = ""
    unit: Department | None = None
    year: int | None = None


def filtered_items(locale, filters):
    items = SearchItem.objects.filter(locale=locale)
    if filters.group:
        items = items.filter(group=filters.group)
    if filters.unit is not None:
        of_unit = SearchItem.departments.through.objects.filter(department_id=filters.unit.pk)
        items = items.filter(pk__in=of_unit.values("searchitem_id"))
    if filters.year:
        items = items.filter(year=filters.year)
    return items


@dataclasses.dataclass
class Outcome:
    query: str
    words: list
    results: object  # a search results object, or a queryset when browsing without a query
    relaxed: bool = False  # AND found nothing: these match any of the words

    @property
    def searched(self):
        return bool(self.words)


def search_items(query, locale, filters=None):
    """Items of `locale` matching `query` (most relevant first), or — without a query but with a
    filter — the filtered items, newest first."""
    filters = filters or Filters()
    items = filtered_items(locale, filters)
    words = query_words(query) if query else []
    if not words:
        if filters.group or filters.unit or filters.year:
            return Outcome(query, [], items.order_by("-date", "-pk"))
        return Outcome(query, [], SearchItem.objects.none())
    backend = get_search_backend()
    results = backend.search(query, items, operator="and")
    if len(words) > 1 and not results.count():
        return Outcome(query, words, backend.search(query, items, operator="or"), relaxed=True)
    return Outcome(query, words, results)


def counts_by_group(query, locale, filters, relaxed=False):
    """How many items each type filter would show for the same query and other filters, with
    the operator the results used (OR when they were relaxed): one count per type."""
    counts = {}
    words = query_words(query) if query else []
    backend = get_search_backend()
    for group in ItemGroup.values:
        items = filtered_items(locale, dataclasses.replace(filters, group=group))
        if words:
            items = backend.search(query, items, operator="or" if relaxed else "and")
        counts[group] = items.count()
    return counts


def with_relations(results):
    """The page of results with what its template shows (page, session, units), in bulk."""
    items = list(results)
    ids = [item.pk for item in items]
    loaded = {
        item.pk: item
        for item in SearchItem.objects.filter(pk__in=ids)
        .select_related("page", "session", "locale")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.all()))
    }
    return [loaded[pk] for pk in ids if pk in loaded]


# The least an answer shown beside the ask form shares of the text, as a part of what the most
# similar answer shares.
SIMILAR_SHARE_OF_BEST = 0.5


def similar_answers(text, locale, limit=None):
    """Up to `limit` published answers (transcript exchanges, replies, answered questions) of
    `locale` most similar to `text`: candidates are those sharing any word, ranked by how many
    of the text's words they share (then by the backend's relevance), without those that share
    less than half of what the first one shares."""
    limit = limit or get_setting("SEARCH_SIMILAR_ANSWERS")
    longest = get_setting("SEARCH_SIMILAR_MAX_LENGTH")
    text = clean_query(str(text or "")[:longest], length=longest)
    words = query_words(text)
    if not words:
        return []
    answers = SearchItem.objects.filter(locale=locale, kind__in=ANSWER_KINDS, answered=True)
    candidates = list(get_search_backend().search(text, answers, operator="or")[:50])
    ranked = []
    for position, item in enumerate(candidates):
        have = set(item.words.split()) | set(item.title_words.split())
        shared = 0.0
        for word in words:
            # A longer word says more about the subject than a short one (公交线路 > 调整).
            weight = min(len(word.word), 4)
            if word.word in have or any(v in have for v in word.variants):
                shared += weight
            elif word.parts and all(part in have for part in word.parts):
                shared += weight * 0.75
        if shared:
            ranked.append((-shared, position, item))
    ranked.sort(key=lambda entry: entry[:2])
    # An answer that shares much less than the best one shares only a common word (不能, 需要):
    # beside the form it is noise, not a similar question.
    floor = -ranked[0][0] * SIMILAR_SHARE_OF_BEST if ranked else 0
    best = [item for shared, _, item in ranked[:limit] if -shared >= floor]
    return with_relations(best)


__all__ = ["Filters", "Outcome", "clean_query", "search_items", "similar_answers", "terms"]
