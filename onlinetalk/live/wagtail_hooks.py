"""The live broadcast's wiring: its plug-in on the session page and the cache of its poll.
Registration only."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.signals import page_published, page_unpublished

from onlinetalk.features import FEATURE_HOOK
from onlinetalk.sessions.models import TalkSessionPage

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
def transcript_urls():
    return [
        path(
            "onlinetalk/live/<int:session_id>/compile/",
            compile_view,
            name="onlinetalk_live_compile",
        )
    ]
