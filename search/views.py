"""The site's search page is the extension's (onlinetalk.search.views): Chinese segmentation,
type, unit and year filters, promoted results. `clean_query` stays importable from here."""

from onlinetalk.search.service import clean_query
from onlinetalk.search.views import search

__all__ = ["clean_query", "search"]
