"""The base of the extension's pages: they render inside the host site's base template, and the
features registered for their type (onlinetalk.features) add routes, context and templates."""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from onlinetalk.conf import get_setting
from onlinetalk.features import features_for
from onlinetalk.segmentation.words import index_text


def _is_index_view(request):
    """The page itself, not one of its sub-views (a form, a receipt): only the page shows what
    its features contribute. Previews have no resolver match and are the page itself."""
    match = getattr(request, "routable_resolver_match", None)
    return match is None or match.url_name == "index_route"


def publicly_viewable(pages):
    """`pages` without those under a view restriction (on the page or an ancestor), in the same
    query. Wagtail's `.public()` first loads every restriction in a query of its own, once per
    listing; a page showing three listings paid three queries for it."""
    restriction_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen)
    )
    return pages.exclude(Exists(restriction_above))


def ancestors_below_the_root(page):
    """The page's ancestors from the home page down, for breadcrumbs or to find the column above
    a page. A page reached by routing knows its parents already (Wagtail keeps each parent on
    the child it routes to): then they cost no query. A page loaded on its own (a preview) asks
    the database."""
    trail = []
    current = page
    while current.depth > 2:
        parent = getattr(current, "_cached_parent_obj", None)
        if parent is None:
            return list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
        trail.append(parent)
        current = parent
    return trail[::-1]


class RoutesToItsChildTypeDirectly:
    """Routing that finds a child page in one query instead of two when the page allows few
    types of child: Wagtail looks the child up as a plain Page, then again as its type. Each
    allowed type is tried in the order of `subpage_types` (the home page: the column first, then
    the hot responses column, which costs one query more).

    A child of another type (made in code despite the rules) is still found, by Wagtail's own
    routing. Each child keeps its parent, as in Wagtail, so the breadcrumbs need no query.
    """

    MAX_CHILD_TYPES_TRIED = 2

    def route(self, request, path_components):
        if path_components:
            for child_type in self._direct_child_types():
                child = child_type.objects.child_of(self).filter(slug=path_components[0]).first()
                if child is not None:
                    child._cached_parent_obj = self
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)

    @classmethod
    def _direct_child_types(cls):
        child_types = cls.allowed_subpage_models()
        if Page in child_types or len(child_types) > cls.MAX_CHILD_TYPES_TRIED:
            return []
        return child_types


class OnlineTalkPage(RoutesToItsChildTypeDirectly, RoutablePageMixin, Page):
    # Fields whose text is also indexed as segmented words (`search_words`), so that Wagtail's
    # search — the admin's page search and explorer — finds a Chinese word inside a sentence.
    segmented_search_fields = ()

    class Meta:
        abstract = True

    def search_words(self):
        """The title and the `segmented_search_fields`, cut into words (onlinetalk.segmentation)
        for the index field of that name."""
        texts = [self.title]
        for name in self.segmented_search_fields:
            value = getattr(self, name, None)
            if value is None:
                continue
            field = self._meta.get_field(name)
            if hasattr(field, "get_searchable_content"):  # StreamField, RichTextField
                texts.extend(str(part) for part in field.get_searchable_content(value) if part)
            else:
                texts.append(str(value))
        return index_text(*texts)

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
