"""System checks of the live broadcast's set-up on a host site."""

from django.conf import settings
from django.core import checks
from django.urls import NoReverseMatch, reverse

from onlinetalk.conf import get_setting


def check_live_setup(app_configs=None, **kwargs):
    problems = []
    try:
        reverse("onlinetalk_live:latest", args=[1])
    except NoReverseMatch:
        problems.append(
            checks.Warning(
                "The live broadcast's poll has no URL: readers must reload to see new entries.",
                hint='Add path("onlinetalk/", include("onlinetalk.urls")) to the site\'s '
                "i18n_patterns.",
                id="onlinetalk.W001",
            )
        )
    return problems


def check_live_cache(app_configs=None, **kwargs):
    """A deployment check (manage.py check --deploy)."""
    problems = []
    backend = settings.CACHES.get(get_setting("LIVE_CACHE"), {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        problems.append(
            checks.Warning(
                "The live broadcast's cache is private to each process: readers served by "
                "another process than the poster's see new entries only when its state expires.",
                hint="Use a shared cache (Redis) for ONLINETALK_LIVE_CACHE in production.",
                id="onlinetalk.W002",
            )
        )
    return problems
