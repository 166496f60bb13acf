"""Receivers of the live broadcast (connected in wagtail_hooks.py)."""

from . import poll
from .stream import stream_session


def forget_cached_state(sender, instance, **kwargs):
    """A published change of time or schedule reaches the poll at once."""
    poll.session_changed(stream_session(instance).pk)
