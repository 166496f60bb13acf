"""When a session's question board is open: from the announcement going public until the start.

A per-session switch keeps it open through the live hour; another closes it early.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class BoardWindow:
    opens_at: datetime | None  # None: the announcement is not live yet
    closes_at: datetime
    is_open: bool
    has_opened: bool  # it has been open at some time (for "was open from … to …")
    closed_by_change: bool = False  # the session was postponed or cancelled


def board_window(session, now):
    closes_at = session.end if session.questions_during_live else session.start
    if session.questions_closed_at and session.questions_closed_at < closes_at:
        closes_at = session.questions_closed_at
    # The board opens with the announcement, and only while the page is public.
    opens_at = session.announced_at if session.live else None
    changed = bool(session.schedule_change)  # postponed or cancelled: no new questions
    has_opened = opens_at is not None and opens_at < closes_at and now >= opens_at
    is_open = has_opened and now < closes_at and not changed
    return BoardWindow(opens_at, closes_at, is_open, has_opened, closed_by_change=changed)
