"""What the console's flags leave for the hot response: the entries of the public stream the
staff flagged as a commitment or a suggestion, read by the responses (they may import live,
never the other way round)."""

from .models import EntryFlag, LiveEntry, StreamKind
from .stream import stream_session
from .transcript import text_lines


def flagged_entries(session, flag=None):
    """The session's public, non-withdrawn entries with a flag (or with `flag`), in order; the
    rehearsal never counts."""
    entries = LiveEntry.objects.filter(
        stream__session=stream_session(session),
        stream__kind=StreamKind.PUBLIC,
        withdrawn_at__isnull=True,
    ).select_related("leader")
    entries = entries.filter(flag=flag) if flag else entries.exclude(flag=EntryFlag.NONE)
    return entries.order_by("pk")


def entry_plain_text(entry):
    """An entry's words as plain text with its lines (a commitment's or suggestion's text)."""
    return text_lines(entry.text)
