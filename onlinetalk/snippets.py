"""The extension's snippet listings.

Listings of translatable models (units, leaders, question categories) open on the default
language, with Wagtail's locale filter to switch: otherwise every unit shows twice, once per
language, and an editor cannot tell which one to choose. Every listing cuts its search term to a
sane length: SQLite refuses LIKE patterns over 50,000 bytes, and no snippet is longer than
a question."""

from django.utils.functional import cached_property
from wagtail.snippets.views.snippets import IndexView

from onlinetalk.request_memo import default_locale

SEARCH_MAX_LENGTH = 1000


class BoundedSearchIndexView(IndexView):
    @cached_property
    def search_query(self):
        query = super().search_query
        return query[:SEARCH_MAX_LENGTH] if query else query


class DefaultLocaleIndexView(BoundedSearchIndexView):
    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "locale" not in self.request.GET:
            data = self.request.GET.copy()
            data["locale"] = default_locale().language_code
            kwargs["data"] = data
        return kwargs
