"""Wagtail's page view, routed from the home page in the reader's language in one query."""

from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Site

from onlinetalk.request_memo import active_locale


def serve(request, path):
    """Wagtail's `serve`, with the route worked out here first.

    Wagtail starts from `site.root_page.localized.specific`: in Chinese (the root's language)
    two queries, in English three, since it finds the English home as a plain page and then as
    a HomePage. Every English page paid one query more than its Chinese original. Here the home
    page is looked up in the reader's language and as its own type at once, in any language.
    Wagtail keeps the route on the request (`_wagtail_route_for_request`, see
    `Page.route_for_request`) and uses it from there.
    """
    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        if site is not None:
            request._wagtail_route_for_request = _route_from_the_readers_home(request, site, path)
    return wagtail_views.serve(request, path)


def _route_from_the_readers_home(request, site, path):
    try:
        return _readers_home(site).route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def _readers_home(site):
    """The site's root page in the reader's language if it is live there, else the root page
    itself (as Wagtail's `Page.localized` does)."""
    root = site.root_page
    home_type = root.specific_class
    if home_type is None:
        return root.specific
    translation = (
        home_type.objects.filter(translation_key=root.translation_key, locale=active_locale())
        .live()
        .first()
    )
    return translation if translation is not None else root.specific
