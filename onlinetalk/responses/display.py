"""What a hot response's page shows besides its fields: its session in the reader's language,
its deadline and whether it came on time, and its body's blocks grouped under the notice's
headings (blocks.KINDS), each group only when it has blocks."""

from onlinetalk.localization import language_tag
from onlinetalk.pages import publicly_viewable
from onlinetalk.request_memo import active_locale, default_locale
from onlinetalk.sessions.models import TalkSessionPage

from .blocks import KINDS
from .deadlines import punctuality
from .models import ResponseKind


def session_for_reader(session):
    """(the session page in the reader's language, its lang tag when it is not the reader's):
    the default-language page when the reader's has not been published."""
    if session.locale_id == active_locale().pk:
        return session, None
    translated = (
        publicly_viewable(
            TalkSessionPage.objects.live().filter(
                translation_key=session.translation_key, locale=active_locale()
            )
        )
        .defer("announcement", "transcript", "plan_notes")
        .first()
    )
    if translated is not None:
        return translated, None
    return session, language_tag(default_locale().language_code)


def grouped_body(page):
    """[(kind, heading, [blocks])] in the notice's order, without empty groups. The linked
    questions (and commitments) of every block are loaded in one query per block type, when
    the stream converts its raw data (Wagtail's bulk_to_python)."""
    groups = {kind: [] for kind in KINDS}
    for block in page.body:
        groups.setdefault(block.block_type, []).append(block)
    return [(kind, ResponseKind(kind).label, groups[kind]) for kind in KINDS if groups[kind]]


def response_context(page, request, now):
    session = page.session
    shown, lang = session_for_reader(session)
    if session.replies_published_at is not None:
        timing = punctuality(session, published_at=session.replies_published_at)
    else:
        timing = punctuality(session, now=now)
    return {
        "response_session": shown,
        "response_session_lang": lang,
        "timing": timing,
        "published_at": session.replies_published_at,
        "body_groups": grouped_body(page),
    }
