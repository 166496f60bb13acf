"""The readers' poll views: public, cacheable, and without a query while nothing changes.

They never touch the session, the user or the CSRF token: no cookie is set and no `Vary: Cookie`
added, so a CDN or an nginx micro-cache may serve one answer to every reader.
"""

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from onlinetalk.conf import get_setting

from . import poll

# Far beyond any session's number of changes: a larger number is nobody's version.
LARGEST = 2**53


def _not_modified(request, etag):
    """If-None-Match compares weakly (RFC 9110 13.1.2): a proxy that compresses the answer
    (nginx's gzip, Django's GZipMiddleware) weakens its ETag, and the browser sends `W/"…"`."""
    sent = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in sent or etag in (tag.removeprefix("W/") for tag in sent)


def _respond(request, answer):
    if answer is None:
        raise Http404
    etag, body = answer
    if _not_modified(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=get_setting("LIVE_POLL_MAX_AGE"),
        stale_while_revalidate=get_setting("LIVE_POLL_STALE_SECONDS"),
    )
    return response


def _check(*numbers):
    if any(number >= LARGEST for number in numbers):
        raise Http404


@require_safe
def latest(request, session_id):
    _check(session_id)
    return _respond(request, poll.latest(session_id, get_language(), timezone.now()))


@require_safe
def changes(request, session_id, version):
    _check(session_id, version)
    return _respond(
        request, poll.changes_since(session_id, get_language(), timezone.now(), version)
    )


@require_safe
def older(request, session_id, entry_id):
    _check(session_id, entry_id)
    return _respond(request, poll.older(session_id, get_language(), entry_id))
