"""Which questions this browser sent: a signed cookie of receipt codes.

A receipt code alone opens a question's status and fate. Its text is public anyway once the
question is published; a question that is not public shows its text only in the browser that
sent it (the code may have been read over a shoulder or passed on)."""

from django.core import signing

ASKED_COOKIE = "onlinetalk_asked"
SALT = "onlinetalk.questions.asked"
KEEP = 20  # the most recent codes; older questions still show their status and fate
MAX_AGE = 365 * 24 * 3600


def codes_asked_here(request):
    try:
        value = signing.loads(request.COOKIES.get(ASKED_COOKIE, ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    return [code for code in value if isinstance(code, str)] if isinstance(value, list) else []


def remember_asked(request, response, code):
    codes = [code, *[known for known in codes_asked_here(request) if known != code]][:KEEP]
    response.set_cookie(
        ASKED_COOKIE,
        signing.dumps(codes, salt=SALT),
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def may_read_text(request, question):
    return question.is_public or question.receipt_code in codes_asked_here(request)
