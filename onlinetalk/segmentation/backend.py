"""Wagtail's database search backend, with the query segmented like the index.

Set `WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "onlinetalk.segmentation.backend",
"SEARCH_CONFIG": "english"}}`. Only `search()` and `autocomplete()` change: a query string
becomes a tree of `modelsearch.query` nodes — each word, or all of its parts (养老保险 →
养老保险 OR (养老 AND 保险)), or its English stem; the words joined with the operator (AND
unless the caller says OR). Query objects (PlainText, Phrase…) pass through untouched.
"""

from django.db import connection
from modelsearch.query import And, Or, PlainText

from .words import CJK, query_text, query_words


def word_query(word):
    alternatives = [PlainText(word.word)]
    if word.parts:
        alternatives.append(PlainText(" ".join(word.parts), operator="and"))
    alternatives.extend(PlainText(variant) for variant in word.variants)
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def segmented_query(query_string, operator=None):
    """The query tree for `query_string`, or "" when it holds no word (then the backend returns
    no results rather than everything)."""
    words = query_words(query_string)
    if not words:
        return ""
    nodes = [word_query(word) for word in words]
    if len(nodes) == 1:
        return nodes[0]
    return Or(nodes) if (operator or "and").lower() == "or" else And(nodes)


class SegmentingMixin:
    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        if isinstance(query, str):
            query = segmented_query(query, operator)
        return super().search(query, model_or_queryset, fields=fields, operator=operator, **kwargs)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        # A Chinese word is not a prefix of what the autocomplete field holds (an unsegmented
        # title): a query with Chinese in it is a search of the segmented words instead. The
        # admin's page search calls autocomplete with its parsed query, And([PlainText(q)]).
        text = plain_text_of(query)
        if text is not None and CJK.search(text):
            operator = operator or getattr(_single(query), "operator", None)
            return self.search(text, model_or_queryset, fields=fields, operator=operator, **kwargs)
        # Autocomplete takes a plain string (its last word is a prefix): the query's words.
        if isinstance(query, str):
            query = query_text(query)
        return super().autocomplete(
            query, model_or_queryset, fields=fields, operator=operator, **kwargs
        )


def _single(query):
    """The one PlainText inside And/Or([PlainText]) (what parse_query_string makes), or query."""
    subqueries = getattr(query, "subqueries", None)
    if isinstance(query, And | Or) and subqueries and len(subqueries) == 1:
        return subqueries[0]
    return query


def plain_text_of(query):
    """The text of a string or of a lone PlainText query, else None (a phrase, a tree)."""
    if isinstance(query, str):
        return query
    query = _single(query)
    if isinstance(query, PlainText):
        return query.query_string
    return None


def SearchBackend(params):
    """The segmenting backend for the default database, like modelsearch's own factory."""
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        base = PostgresSearchBackend
    elif connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
        from modelsearch.backends.database.sqlite.utils import fts5_available

        if not fts5_available():  # pragma: no cover - every supported SQLite has FTS5
            raise RuntimeError("Chinese search needs SQLite with FTS5.")
        base = SQLiteSearchBackend
    else:  # pragma: no cover - MySQL: not a supported database of the extension
        raise RuntimeError(f"No segmenting search backend for {connection.vendor}.")
    if base not in _classes:
        _classes[base] = type(f"Segmenting{base.__name__}", (SegmentingMixin, base), {})
    return _classes[base](params)


_classes = {}
