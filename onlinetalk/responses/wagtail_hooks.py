"""The hot responses' admin wiring: each part registers its hooks in its own module, imported
here (Wagtail loads one wagtail_hooks module per app: onlinetalk/wagtail_hooks.py imports this)."""

from . import commitment_hooks  # noqa: F401
