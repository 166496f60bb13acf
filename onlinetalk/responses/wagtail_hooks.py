"""The hot responses' admin wiring: each part registers in its own module, imported here."""

from . import fate_hooks  # noqa: F401
