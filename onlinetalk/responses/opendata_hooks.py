"""The open data's wiring: its downloads on the session, year and hot response pages, and the
admin's report of due and overdue replies. Registration only."""

from wagtail import hooks

from onlinetalk.features import FEATURE_HOOK

from . import report_hooks  # noqa: F401  (the report of due replies registers itself)
from .opendata_features import RESPONSE_OPEN_DATA, SESSION_OPEN_DATA, YEAR_OPEN_DATA

hooks.register(FEATURE_HOOK, lambda: SESSION_OPEN_DATA)
hooks.register(FEATURE_HOOK, lambda: YEAR_OPEN_DATA)
hooks.register(FEATURE_HOOK, lambda: RESPONSE_OPEN_DATA)
