"""Wagtail's site-history and workflow reports, for the Office only.

Wagtail lists there the log entries (or the workflows, with who asked and every step's state) of
every page a user may explore or change, and a unit's editors hold page permissions on the
column (they create their sessions under the shared year page): the reports would show them
every unit's sessions and hot responses, with their approval's progress. Wagtail's URL comes before any
the extension can register, so this middleware sends everyone but the Office to the column's
audit report, which is scoped to their units (and refuses anyone who has none). Anonymous
requests pass on to Wagtail, which asks them to log in.

It also guards Wagtail's modal that confirms cancelling a page's workflow (the edit view's
publish button asks it): that view checks no permission and would tell anyone which workflow a
page is in and at which step; it answers only those who may edit the page.

Add `onlinetalk.audit.middleware.SiteHistoryForTheOfficeMiddleware` to MIDDLEWARE after
Django's `AuthenticationMiddleware` (the check `onlinetalk.W003` says so when it is missing).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.models import Page

from onlinetalk.access.scope import is_office_user

MIDDLEWARE_PATH = "onlinetalk.audit.middleware.SiteHistoryForTheOfficeMiddleware"
SCOPED_REPORT_FOR = {
    "wagtailadmin_reports:site_history": "onlinetalk_audit",
    "wagtailadmin_reports:site_history_results": "onlinetalk_audit_results",
}
# The workflow reports have no scoped twin: their steps are in the audit report (wagtail.workflow.*
# entries), and what awaits the user is on their dashboard. Filters do not carry over.
UNSCOPED_REPORTS = {
    "wagtailadmin_reports:workflow": "onlinetalk_audit",
    "wagtailadmin_reports:workflow_results": "onlinetalk_audit",
    "wagtailadmin_reports:workflow_tasks": "onlinetalk_audit",
    "wagtailadmin_reports:workflow_tasks_results": "onlinetalk_audit",
}


# Wagtail's page views that check no permission of their own: for the page's editors only.
PAGE_EDITORS_ONLY = {"wagtailadmin_pages:confirm_workflow_cancellation"}


def check_may_edit_page(request, view_kwargs):
    """PermissionDenied unless the user may edit the page of a PAGE_EDITORS_ONLY view (an
    unknown page is left to Wagtail's 404, anonymous requests to its login)."""
    match = request.resolver_match
    if match is None or match.view_name not in PAGE_EDITORS_ONLY:
        return
    if not request.user.is_authenticated:
        return
    page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
    if page is not None and not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied


def scoped_report_url(request):
    """Where a request to Wagtail's site history goes instead, or None if it may go there."""
    match = request.resolver_match
    if match is None or match.view_name not in {**SCOPED_REPORT_FOR, **UNSCOPED_REPORTS}:
        return None
    user = request.user
    if not user.is_authenticated or is_office_user(user):
        return None
    if match.view_name in UNSCOPED_REPORTS:
        return reverse(UNSCOPED_REPORTS[match.view_name])
    url = reverse(SCOPED_REPORT_FOR[match.view_name])
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


class SiteHistoryForTheOfficeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        check_may_edit_page(request, view_kwargs)
        url = scoped_report_url(request)
        return redirect(url) if url else None
