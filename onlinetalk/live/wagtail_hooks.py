"""The live broadcast's wiring: its plug-in on the session page and the cache of its poll.
Registration only."""

from wagtail import hooks
from wagtail.signals import page_published, page_unpublished

from onlinetalk.features import FEATURE_HOOK
from onlinetalk.sessions.models import TalkSessionPage

from .features import LIVE_BROADCAST
from .signals import forget_cached_state

hooks.register(FEATURE_HOOK, lambda: LIVE_BROADCAST)

page_published.connect(forget_cached_state, sender=TalkSessionPage)
page_unpublished.connect(forget_cached_state, sender=TalkSessionPage)
