import unicodedata

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from onlinetalk.request_memo import active_locale

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(value):
    """The reader's query without control characters and double quotes: a NUL is refused by
    PostgreSQL in a text parameter and ends SQLite's full-text query, and an unpaired `"` is an
    unterminated string to SQLite's full-text engine (a 503 before); the others are never part
    of a search, and the backend searches words, not quoted phrases."""
    kept = (" " if char == '"' or unicodedata.category(char) == "Cc" else char for char in value)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH]


def search(request):
    """Site search over live public pages in the reader's language.

    Chinese word segmentation (so that 养老保险 is found inside a sentence) is the search issue's
    work; this is Wagtail's database backend as it comes.
    """
    query = clean_query(request.GET.get("query", ""))
    if query:
        results = Page.objects.live().public().filter(locale=active_locale()).search(query)
    else:
        results = Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        results_page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        results_page = paginator.page(1)
    except EmptyPage:
        results_page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "search_results": results_page}
    )
