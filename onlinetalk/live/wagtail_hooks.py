"""The live broadcast's wiring: its plug-in on the session page, the cache of its poll, and the
live console in the admin with its ways in. Registration only."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.signals import page_published, page_unpublished

from onlinetalk.features import FEATURE_HOOK
from onlinetalk.questions.fates import FATE_HOOK
from onlinetalk.sessions.models import TalkSessionPage

from . import admin_views
from .entry_points import LiveSessionsPanel, page_buttons
from .fates import answered_live_provider
from .features import LIVE_BROADCAST
from .models import LiveEntry
from .permissions import live_policy
from .signals import forget_cached_state
from .transcript_views import compile_view

register_permission_policy(LiveEntry, live_policy)

hooks.register(FEATURE_HOOK, lambda: LIVE_BROADCAST)

page_published.connect(forget_cached_state, sender=TalkSessionPage)
page_unpublished.connect(forget_cached_state, sender=TalkSessionPage)


@hooks.register("register_admin_urls")
def live_console_urls():
    base = "onlinetalk/live/<int:session_id>/"
    entry = base + "entries/<int:entry_id>/"
    return [
        path(base, admin_views.console, name="onlinetalk_live_console"),
        path(base + "entries/", admin_views.entries, name="onlinetalk_live_entries"),
        path(base + "post/", admin_views.post, name="onlinetalk_live_post"),
        path(entry + "correct/", admin_views.correct, name="onlinetalk_live_correct"),
        path(entry + "retract/", admin_views.retract, name="onlinetalk_live_retract"),
        path(
            base + "rehearsal/reset/",
            admin_views.reset_rehearsal,
            name="onlinetalk_live_reset_rehearsal",
        ),
        path(base + "questions/", admin_views.questions, name="onlinetalk_live_questions"),
    ]


hooks.register("register_page_header_buttons", page_buttons)
hooks.register("register_page_listing_buttons", page_buttons)


@hooks.register("construct_homepage_panels")
def live_sessions_panel(request, panels):
    panels.append(LiveSessionsPanel())


@hooks.register("register_admin_urls")
def transcript_urls():
    return [
        path(
            "onlinetalk/live/<int:session_id>/compile/",
            compile_view,
            name="onlinetalk_live_compile",
        )
    ]


hooks.register(FATE_HOOK, answered_live_provider)
