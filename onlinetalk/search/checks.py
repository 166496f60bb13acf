"""A host site whose search backend does not segment Chinese finds almost nothing in Chinese; one
that does not include onlinetalk.urls shows no answers beside the ask form."""

from django.conf import settings
from django.core import checks
from django.urls import NoReverseMatch, reverse

SEGMENTING_BACKEND = "onlinetalk.segmentation.backend"


def check_search_backend(app_configs=None, **kwargs):
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", None) or {}
    backend = (backends.get("default") or {}).get("BACKEND", "wagtail.search.backends.database")
    if (
        backend.startswith("modelsearch.backends.elasticsearch")
        or backend.startswith("modelsearch.backends.opensearch")
        or "elasticsearch" in backend
        or "opensearch" in backend
    ):
        return []  # a search engine: its analyzer segments (README: smartcn or IK)
    if backend != SEGMENTING_BACKEND:
        return [
            checks.Warning(
                "The default search backend does not segment Chinese: a Chinese word inside a "
                "sentence is not found.",
                hint=(
                    'Set WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": '
                    f'"{SEGMENTING_BACKEND}", "SEARCH_CONFIG": "english"}}}}.'
                ),
                id="onlinetalk.W004",
            )
        ]
    return []


def check_similar_answers_url(app_configs=None, **kwargs):
    try:
        reverse("onlinetalk_search:similar_answers")
    except NoReverseMatch:
        return [
            checks.Warning(
                "The answers beside the ask form have no URL: the form shows none.",
                hint='Add path("onlinetalk/", include("onlinetalk.urls")) to the site\'s '
                "i18n_patterns.",
                id="onlinetalk.W005",
            )
        ]
    return []
