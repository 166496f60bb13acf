"""The ways into the live console: a button on a session's edit view and on its row in the page
listing, and a dashboard panel of the sessions live now or starting within a day. Each is shown
only where the permission policy lets the user broadcast."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem

from onlinetalk.request_memo import default_locale, remembered_for_this_request
from onlinetalk.sessions.models import TalkSessionPage

from .permissions import live_policy

SOON = datetime.timedelta(hours=24)


def broadcast_keys(user):
    """The translation keys of the sessions the user may broadcast: asked once per request, so
    a listing of many sessions asks the policy once."""
    return remembered_for_this_request(
        ("live sessions", user.pk),
        lambda: set(live_policy.sessions_for_user(user).values_list("translation_key", flat=True)),
    )


def may_broadcast(user, page):
    if not issubclass(page.specific_class or object, TalkSessionPage):
        return False
    return page.translation_key in broadcast_keys(user)


class LiveConsoleButton(PageMenuItem):
    label = _("Live console")
    icon_name = "media"
    priority = 25

    @property
    def url(self):
        return reverse("onlinetalk_live_console", args=[self.page.pk])

    def is_shown(self, user):
        return may_broadcast(user, self.page)


def page_buttons(page, user, **kwargs):
    # Only session pages get the button; every other page type costs nothing.
    if page.specific_class is not None and issubclass(page.specific_class, TalkSessionPage):
        yield LiveConsoleButton(page=page)


def sessions_on_air(user, now):
    """Sessions the user may broadcast that are live now or start within the next 24 hours."""
    candidates = (
        live_policy.sessions_for_user(user)
        .filter(
            locale=default_locale(),
            text_live=True,
            schedule_change="",
            start__lte=now + SOON,
            start__gte=now - datetime.timedelta(days=1),
        )
        .order_by("start")
    )
    return [session for session in candidates if session.end >= now]


class LiveSessionsPanel(Component):
    name = "onlinetalk_live_sessions"
    template_name = "onlinetalk/admin/live_sessions_panel.html"
    order = 80  # above the questions: a session on air is the most urgent thing

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = super().get_context_data(parent_context)
        now = timezone.now()
        context["now"] = now
        context["sessions"] = [
            {"session": session, "live": session.start <= now}
            for session in sessions_on_air(request.user, now)
        ]
        return context
