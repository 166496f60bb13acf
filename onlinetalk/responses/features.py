"""How hot responses plug into the programme's pages: the column lists them (with its Atom
feed), a response page shows its session, deadline and grouped body, and the session page says,
once the session has ended, when its replies are due and links to the published response."""

from django.urls import path

from onlinetalk.features import PageFeature
from onlinetalk.localization import language_tag
from onlinetalk.pages import publicly_viewable
from onlinetalk.questions.fates import default_language, reader_language
from onlinetalk.sessions.status import SessionStatus

from .deadlines import punctuality
from .display import response_context
from .feeds import HotResponsesFeed
from .listing import index_context
from .models import HotResponsePage


def column_context(index_page, request, now):
    return index_context(index_page, request)


def column_feed(index_page, request):
    return HotResponsesFeed()(request, index_page=index_page)


def published_response(session):
    """(the live response in the reader's language — else the default language's —, its lang tag
    when it is not the reader's), or (None, None): one query (the languages are named in it, so
    no Locale is looked up)."""
    reader, default = reader_language(), default_language()
    responses = (
        publicly_viewable(
            HotResponsePage.objects.live().filter(
                session__translation_key=session.translation_key,
                locale__language_code__in={reader, default},
            )
        )
        .defer("body")
        .select_related("locale")
    )
    by_language = {response.locale.language_code: response for response in responses}
    if reader in by_language:
        return by_language[reader], None
    if default in by_language:
        return by_language[default], language_tag(default)
    return None, None


def session_response_context(session, request, now):
    """Nothing (and no query) before the session has ended, or when it was called off. Then the
    deadline, and the published response (one query) or the working days left or overdue."""
    status = session.get_status(now)
    if status not in (SessionStatus.AWAITING_REPLIES, SessionStatus.REPLIED):
        return {}
    response, lang = None, None
    if status == SessionStatus.REPLIED:
        response, lang = published_response(session)
    if response is not None:
        timing = punctuality(session, published_at=session.replies_published_at)
    else:
        timing = punctuality(session, now=now)
    return {"session_response": {"page": response, "lang": lang, "timing": timing}}


RESPONSE_COLUMN = PageFeature(
    page_type="onlinetalk.HotResponseIndexPage",
    name="responses",
    routes=(path("feed/", column_feed, name="feed"),),
    get_context=column_context,
)

RESPONSE_PAGE = PageFeature(
    page_type="onlinetalk.HotResponsePage",
    name="response",
    get_context=response_context,
)

SESSION_RESPONSE = PageFeature(
    page_type="onlinetalk.TalkSessionPage",
    name="hot_response",
    template="onlinetalk/responses/includes/session_response.html",
    get_context=session_response_context,
    order=40,
)
