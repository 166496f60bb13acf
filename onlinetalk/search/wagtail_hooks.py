"""The search's wiring: the answers beside the ask form. Registration only."""

from wagtail import hooks

from onlinetalk.features import FIELD_ADDITION_HOOK

from .features import SIMILAR_ANSWERS

hooks.register(FIELD_ADDITION_HOOK, lambda: SIMILAR_ANSWERS)
