"""Two failures Django answers with a bare error page, answered here so that a citizen is told
what happened and keeps what they typed.

* A form sent in a charset other than UTF-8 (`Content-Type: …; charset=gbk`): Django refuses to
  read such a body, and its own 400 page reads it again (for the CSRF token) and fails, so the
  citizen gets a bare 500. `FormCharsetMiddleware` decodes the body in the charset it declares
  and hands Django the same form in UTF-8, or answers 400 with a bilingual message.
* The database unreachable or timing out: every dynamic page was a 500 and a question being sent
  was lost. `DatabaseUnavailableMiddleware` answers 503 with `Retry-After` and a static bilingual
  page, and re-shows a question being sent in a form that sends it again.

Neither touches the database: both work while it is down. Put both near the top of MIDDLEWARE,
before `CsrfViewMiddleware` (the first one must run before anything reads the form).
"""

import io
import logging
from urllib.parse import unquote_to_bytes, urlencode

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, UnreadablePostError
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from onlinetalk.questions.addresses import address_hash
from onlinetalk.questions.forms import new_form_token

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# How long a client is asked to wait before trying again when the database is down.
RETRY_AFTER_SECONDS = 60
# The question form's fields a citizen types, re-shown when the database is down.
TYPED_QUESTION_FIELDS = ("nickname", "text", "contact")
# The live console's post without JavaScript (its script keeps the text itself): the views
# that take it, and the fields sent again besides the text.
LIVE_POST_VIEWS = ("onlinetalk_live_console", "onlinetalk_live_post")
LIVE_POST_FIELDS = (
    "stream",
    "role",
    "leader",
    "question",
    "asker",
    "image_alt",
    "image_caption",
    "flag",
)


def _uncacheable(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def declares_another_charset_than_utf8(request):
    """Exactly the requests Django refuses to read: a form body with a charset that is not
    spelled "utf-8" (Django ignores a charset it does not know, and so do we)."""
    return (
        request.method == "POST"
        and request.content_type == FORM_CONTENT_TYPE
        and request.encoding is not None
        and request.encoding.lower() != "utf-8"
    )


def _decoded(raw, charset):
    return unquote_to_bytes(raw.replace(b"+", b" ")).decode(charset)


def form_fields_in(body, charset):
    """The body's fields as (name, value) text, decoded strictly in `charset`.

    Percent-escapes and raw bytes alike are bytes of the declared charset. Raises UnicodeError
    (or LookupError) for a body that is not text in that charset.
    """
    fields = []
    for part in body.split(b"&"):
        if part:
            name, _equals, value = part.partition(b"=")
            fields.append((_decoded(name, charset), _decoded(value, charset)))
    return fields


class FormCharsetMiddleware:
    """Reads a form sent in GBK, UTF-16 or any other declared charset as what it says it is.

    The body is re-encoded as the UTF-8 form a browser would have sent, so that Django's own
    parsing (its limits included), the CSRF check and every view then read it as usual.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declares_another_charset_than_utf8(request):
            refusal = self.reencode_as_utf8(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def reencode_as_utf8(self, request):
        charset = request.encoding
        try:
            fields = form_fields_in(request.body, charset)
        except RequestDataTooBig:
            return self.refuse(status=413, too_large=True)
        except UnreadablePostError:
            return self.refuse(status=400)
        except (UnicodeError, LookupError):  # LookupError: a codec that does not make text
            logger.info("A form declared as %s could not be decoded: %s", charset, request.path)
            return self.refuse(status=400, charset=charset)
        body = urlencode(fields).encode("ascii")
        # HttpRequest keeps the body it read in these two attributes; replacing both is the only
        # way to hand the rest of the stack a different body. Setting `encoding` drops any
        # GET/POST already parsed.
        request._body = body
        request._stream = io.BytesIO(body)
        request.content_params = {**request.content_params, "charset": "utf-8"}
        request.encoding = "utf-8"
        return None

    def refuse(self, *, status, **context):
        html = render_to_string("onlinetalk/400_form.html", context)
        return _uncacheable(HttpResponse(html, status=status))


def is_question_form(request):
    """A POST to the public question form, whose URL is the session page's …/ask/."""
    return request.method == "POST" and request.path.endswith("/ask/")


def typed_question(request):
    """What the citizen typed in the question form, or None if the body has not its fields or
    cannot be read."""
    try:
        data = request.POST
    except (BadRequest, SuspiciousOperation, UnreadablePostError):
        return None
    if "text" not in data or "nickname" not in data:
        return None
    typed = {name: data.get(name, "") for name in TYPED_QUESTION_FIELDS}
    typed["consent_to_publish"] = bool(data.get("consent_to_publish"))
    return typed


def is_live_post(request):
    match = getattr(request, "resolver_match", None)
    return request.method == "POST" and match is not None and match.url_name in LIVE_POST_VIEWS


def typed_live_post(request):
    """The text and the other fields of a console post, or None if the body cannot be read."""
    try:
        data = request.POST
    except (BadRequest, SuspiciousOperation, UnreadablePostError):
        return None
    if "text" not in data:
        return None
    hidden = [(name, data[name]) for name in LIVE_POST_FIELDS if name in data]
    return {"text": data["text"], "hidden": hidden}


class DatabaseUnavailableMiddleware:
    """A page that needs the database while it is unreachable (or a query timed out) answers
    503 with `Retry-After` and says so in both languages, instead of a 500 that says nothing.

    A question being sent comes back in a standalone form holding what was typed, a fresh CSRF
    token and a fresh form token, so that the citizen can send it again once the site is back;
    so does a live console post sent without JavaScript (its image must be attached again).
    Nothing here queries the database, and no context processor runs (they might).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable, answered 503: %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        typed = typed_question(request) if is_question_form(request) else None
        live_post = typed_live_post(request) if is_live_post(request) else None
        if live_post is not None:
            html = render_to_string(
                "onlinetalk/503_live_post.html",
                {**live_post, "action": request.get_full_path(), "csrf_token": get_token(request)},
            )
        elif typed is not None:
            html = render_to_string(
                "onlinetalk/503_ask.html",
                {
                    "typed": typed,
                    "action": request.get_full_path(),
                    "csrf_token": get_token(request),
                    "issued": new_form_token(address_hash(request)),
                },
            )
        else:
            html = render_to_string("onlinetalk/503.html")
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return _uncacheable(response)
