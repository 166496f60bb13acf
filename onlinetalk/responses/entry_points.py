"""The ways to a session's hot response in the admin: a button on the session's edit view and in
its row's "more" menu of the page listing, once the session has ended — "Create hot response"
(a POST to the create view, through Wagtail's action controller, with its CSRF token) or "Edit
hot response" when the session has one. Shown only to those who may make it (permissions.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button

from onlinetalk.request_memo import default_locale, remembered_for_this_request
from onlinetalk.sessions.models import TalkSessionPage

from .models import HotResponseIndexPage, HotResponsePage
from .response_permissions import may_add_under, may_respond_for


def responses_by_session_key():
    """Session translation key → its response's page id (default language), once a request."""

    def lookup():
        rows = HotResponsePage.objects.filter(locale=default_locale()).values_list(
            "session__translation_key", "pk"
        )
        found = {}
        for key, pk in rows.order_by("pk"):
            found.setdefault(key, pk)
        return found

    return remembered_for_this_request(("responses by session",), lookup)


def may_add_response(user):
    """Whether the user may add a page under the default language's column (once a request)."""
    return remembered_for_this_request(
        ("may add a response", user.pk),
        lambda: may_add_under(
            user,
            HotResponseIndexPage.objects.filter(locale=default_locale()).order_by("pk").first(),
        ),
    )


def response_button(page, user, priority):
    if page.specific_class is None or not issubclass(page.specific_class, TalkSessionPage):
        return None
    if not may_respond_for(user, page):
        return None
    session = page if isinstance(page, TalkSessionPage) else page.specific_deferred
    if timezone.now() < session.end:
        return None
    response_id = responses_by_session_key().get(page.translation_key)
    if response_id is not None:
        return Button(
            _("Edit hot response"),
            url=reverse("wagtailadmin_pages:edit", args=[response_id]),
            icon_name="comment",
            priority=priority,
        )
    if not may_add_response(user):
        return None
    return Button(
        _("Create hot response"),
        icon_name="comment",
        priority=priority,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": reverse("onlinetalk_response_create", args=[page.pk]),
        },
    )


def page_header_buttons(page, user, view_name=None, next_url=None, **kwargs):
    button = response_button(page, user, priority=30)
    if button is not None:
        yield button


def page_listing_more_buttons(page, user, next_url=None, **kwargs):
    button = response_button(page, user, priority=35)
    if button is not None:
        yield button
