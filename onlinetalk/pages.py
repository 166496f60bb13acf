"""The base of the extension's pages: they render inside the host site's base template, and the
features registered for their type (onlinetalk.features) add routes, context and templates."""

from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from onlinetalk.conf import get_setting
from onlinetalk.features import features_for


def _is_index_view(request):
    """The page itself, not one of its sub-views (a form, a receipt): only the page shows what
    its features contribute. Previews have no resolver match and are the page itself."""
    match = getattr(request, "routable_resolver_match", None)
    return match is None or match.url_name == "index_route"


class OnlineTalkPage(RoutablePageMixin, Page):
    class Meta:
        abstract = True

    @classmethod
    def get_subpage_urls(cls):
        routes = list(super().get_subpage_urls())
        for feature in features_for(cls):
            routes.extend(feature.routes)
        return tuple(routes)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["onlinetalk_base_template"] = get_setting("BASE_TEMPLATE")
        context.setdefault("now", timezone.now())
        if _is_index_view(request):
            features = features_for(type(self))
            for feature in features:
                if feature.get_context is not None:
                    context.update(feature.get_context(self, request, context["now"]))
            context["feature_templates"] = [f.template for f in features if f.template]
        return context
