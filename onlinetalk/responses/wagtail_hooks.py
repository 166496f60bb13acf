"""The hot responses' admin wiring and plug-ins: each part registers in its own module,
imported here (onlinetalk/wagtail_hooks.py loads this module with the other features')."""

from . import opendata_hooks  # noqa: F401
