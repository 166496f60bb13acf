"""The sessions in their live hour, for a "live now" banner anywhere on the host site."""

import datetime

from onlinetalk.pages import publicly_viewable
from onlinetalk.request_memo import active_locale

from .models import TalkSessionPage
from .status import SessionStatus

# No session lasts longer than this: the bound keeps the query on recent starts.
LONGEST_SESSION = datetime.timedelta(hours=12)


def sessions_live_now(now):
    """The published sessions in the reader's language that are live at `now` (one query)."""
    candidates = publicly_viewable(
        TalkSessionPage.objects.live().filter(
            locale=active_locale(), start__lte=now, start__gt=now - LONGEST_SESSION
        )
    ).order_by("start")
    return [session for session in candidates if session.get_status(now) == SessionStatus.LIVE]
