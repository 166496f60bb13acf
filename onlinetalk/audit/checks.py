"""System check of the audit's set-up on a host site."""

from django.conf import settings
from django.core import checks

from .middleware import MIDDLEWARE_PATH


def check_site_history_middleware(app_configs=None, **kwargs):
    if MIDDLEWARE_PATH in settings.MIDDLEWARE:
        return []
    return [
        checks.Warning(
            "Wagtail's site-history report shows every unit's page log entries to any unit's "
            "editors.",
            hint=f"Add {MIDDLEWARE_PATH!r} to MIDDLEWARE after AuthenticationMiddleware.",
            id="onlinetalk.W003",
        )
    ]
