"""Lookups remembered for the length of one request, such as the reader's Locale.

A page asks for the active Locale many times while it renders (routing, the header, every
translated snippet); each ask is a query in Wagtail. Remembering it for the request, and only for
the request, keeps the page cheap without any cache that could outlive an edit or carry one
reader's language into another's request.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

_memo_of_this_request = ContextVar("onlinetalk_memo_of_this_request", default=None)


class RequestMemoMiddleware:
    """Give each request an empty memo, dropped when the response is ready. Without this
    middleware every lookup simply runs its query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo_of_this_request.set({})
        try:
            return self.get_response(request)
        finally:
            _memo_of_this_request.reset(token)


@contextmanager
def remembering():
    """A memo for work outside a request (a task): its lookups run once for its length — the
    reminder scan reads the office's holiday entries once, not once per session. Inside a
    request, the request's memo stays."""
    if _memo_of_this_request.get() is not None:
        yield
        return
    token = _memo_of_this_request.set({})
    try:
        yield
    finally:
        _memo_of_this_request.reset(token)


def remembered_for_this_request(key, compute):
    """`compute()`, run once per request for `key`; outside a request, run every time."""
    memo = _memo_of_this_request.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def active_locale():
    """Wagtail's Locale.get_active(), looked up once per request and language (a view may
    switch languages with translation.override)."""
    return remembered_for_this_request(("active locale", get_language()), Locale.get_active)


def default_locale():
    """Wagtail's Locale.get_default(), looked up once per request: the active Locale when the
    reader reads the default language (no second query for the same row)."""

    def lookup():
        default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        try:
            reading_the_default = get_supported_content_language_variant(get_language()) == default
        except LookupError:
            reading_the_default = False
        return active_locale() if reading_the_default else Locale.get_default()

    return remembered_for_this_request(("default locale",), lookup)
