"""Snippet listings of translatable models (units, leaders, question categories) open on the
default language, with Wagtail's locale filter to switch: otherwise every unit shows twice, once
per language, and an editor cannot tell which one to choose."""

from wagtail.models import Locale
from wagtail.snippets.views.snippets import IndexView


class DefaultLocaleIndexView(IndexView):
    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "locale" not in self.request.GET:
            data = self.request.GET.copy()
            data["locale"] = Locale.get_default().language_code
            kwargs["data"] = data
        return kwargs
