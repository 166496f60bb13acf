"""Wagtail's site-history report, for the Office only.

Wagtail lists there the log entries of every page a user may explore, and a unit's editors hold
page permissions on the column (they create their sessions under the shared year page): the
report would show them every unit's sessions and hot responses. Wagtail's URL comes before any
the extension can register, so this middleware sends everyone but the Office to the column's
audit report, which is scoped to their units (and refuses anyone who has none). Anonymous
requests pass on to Wagtail, which asks them to log in.

Add `onlinetalk.audit.middleware.SiteHistoryForTheOfficeMiddleware` to MIDDLEWARE after
Django's `AuthenticationMiddleware` (the check `onlinetalk.W003` says so when it is missing).
"""

from django.shortcuts import redirect
from django.urls import reverse

from onlinetalk.access.scope import is_office_user

MIDDLEWARE_PATH = "onlinetalk.audit.middleware.SiteHistoryForTheOfficeMiddleware"
SCOPED_REPORT_FOR = {
    "wagtailadmin_reports:site_history": "onlinetalk_audit",
    "wagtailadmin_reports:site_history_results": "onlinetalk_audit_results",
}


def scoped_report_url(request):
    """Where a request to Wagtail's site history goes instead, or None if it may go there."""
    match = request.resolver_match
    if match is None or match.view_name not in SCOPED_REPORT_FOR:
        return None
    user = request.user
    if not user.is_authenticated or is_office_user(user):
        return None
    url = reverse(SCOPED_REPORT_FOR[match.view_name])
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


class SiteHistoryForTheOfficeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        url = scoped_report_url(request)
        return redirect(url) if url else None
