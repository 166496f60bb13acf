"""The hot responses' wiring (imported by onlinetalk.wagtail_hooks). Registration only: each
part keeps its registrations in a module of its own, imported here."""

from wagtail import hooks

from onlinetalk.features import FEATURE_HOOK

from . import (
    commitment_hooks,  # noqa: F401  (policy and public pages of commitments)
    fate_hooks,  # noqa: F401  (answered-later fates, making a response from its session)
    opendata_hooks,  # noqa: F401  (open data downloads, the report of due replies)
    page_hooks,  # noqa: F401  (before_publish_page)
)
from .features import RESPONSE_COLUMN, RESPONSE_PAGE, SESSION_RESPONSE

hooks.register(FEATURE_HOOK, lambda: RESPONSE_COLUMN)
hooks.register(FEATURE_HOOK, lambda: RESPONSE_PAGE)
hooks.register(FEATURE_HOOK, lambda: SESSION_RESPONSE)
