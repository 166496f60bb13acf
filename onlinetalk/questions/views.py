"""The board's public views, reached through the routes it adds to the session page (features.py).

The session page itself carries no form and no CSRF cookie, so it stays cacheable; the form,
the receipt and the vote have URLs of their own that are never cached.
"""

from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse, UnreadablePostError
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.models import Page

from onlinetalk.conf import get_setting
from onlinetalk.features import field_additions_for
from onlinetalk.sessions.models import TalkSessionPage

from .addresses import address_hash
from .asked import may_read_text, remember_asked
from .board import board_window
from .fates import public_fates
from .forms import QuestionForm, new_form_token
from .models import CitizenQuestion
from .public import questions_of
from .receipts import clean_receipt_code
from .submission import Refusal, Submission, submit_question
from .votes import (
    VOTER_COOKIE,
    QuestionVotesExhausted,
    VoteRefused,
    add_vote,
    new_voter_token,
)

ASK_TEMPLATE = "onlinetalk/questions/ask.html"
# The ask form's name for the features that add a template beside one of its fields.
ASK_FORM = "questions.ask"


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_form(request, page, form, *, status=200, refusal=None, retry_after=None):
    # A refused form gets a fresh token, so that sending it again is not refused for the same
    # reason; everything the citizen typed stays in the form.
    if form.is_bound:
        form.data = form.data.copy()
        form.data["issued"] = new_form_token(address_hash(request))
    now = timezone.now()
    response = page.render(
        request,
        template=ASK_TEMPLATE,
        context_overrides={
            "form": form,
            "refusal": refusal,
            # Every language's page carries the session's facts and board settings.
            "window": board_window(page, now),
            "text_additions": field_additions_for(ASK_FORM, "text"),
        },
    )
    response.status_code = status
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return _private(response)


@sensitive_post_parameters("contact")
def ask(request, page):
    if request.method == "POST":
        form = QuestionForm(request.POST, address_hash=address_hash(request))
        if not form.is_valid():
            return _render_form(request, page, form, status=400)
        data = form.cleaned_data
        try:
            question = submit_question(
                page,
                Submission(
                    nickname=data["nickname"],
                    text=data["text"],
                    contact=data["contact"],
                    consent_to_publish=data["consent_to_publish"],
                    language=get_language(),
                    address_hash=address_hash(request),
                ),
                timezone.now(),
            )
        except Refusal as refusal:
            return _render_form(
                request,
                page,
                form,
                status=refusal.status,
                refusal=refusal.message,
                retry_after=refusal.retry_after,
            )
        url = page.reverse_subpage("question_receipt", args=[question.receipt_code])
        response = redirect(f"{page.url}{url}?received=1")
        return _private(remember_asked(request, response, question.receipt_code))
    form = QuestionForm(initial={"issued": new_form_token(address_hash(request))})
    return _render_form(request, page, form)


def receipt(request, page, code):
    """The status and fate of one question, for whoever holds its receipt code; the text of a
    question that is not public only for the browser that sent it (asked.py)."""
    code = clean_receipt_code(code)
    question = (
        questions_of(page)
        .filter(receipt_code=code)
        .select_related("merged_into", "category")
        .defer("contact", "address_hash", "merged_into__contact", "merged_into__address_hash")
        .first()
        if code
        else None
    )
    if question is None:
        raise Http404
    response = page.render(
        request,
        template="onlinetalk/questions/receipt.html",
        context_overrides={
            "question": question,
            "fate": public_fates([question], page).get(question.pk),
            "received": "received" in request.GET,
            "show_text": may_read_text(request, question),
        },
    )
    return _private(response)


def vote(request, page, question_id):
    question = questions_of(page).filter(pk=question_id).defer("contact", "address_hash").first()
    if question is None or not question.is_public:
        raise Http404
    wants_json = "application/json" in request.headers.get("Accept", "")
    message = None
    status = 200
    retry_after = None
    voter_token = request.COOKIES.get(VOTER_COOKIE) or new_voter_token()
    if request.method == "POST":
        try:
            added = add_vote(
                question,
                voter_token=voter_token,
                address_hash=address_hash(request),
                now=timezone.now(),
            )
        except VoteRefused as refusal:
            status, retry_after = 429, refusal.retry_after
            message = _("Too many clicks from your connection; please try again in a few minutes.")
        except QuestionVotesExhausted:
            status = 409
            message = _(
                "Your connection has already said %(count)s times that it wants to ask this, the "
                "most the board counts from one connection."
            ) % {"count": get_setting("VOTES_PER_QUESTION_PER_ADDRESS")}
        else:
            if added:
                message = _("Counted: you want to ask this too.")
            else:
                message = _("You have already said you want to ask this.")
        question.refresh_from_db(fields=["upvotes"])
    if wants_json:
        response = JsonResponse(
            {"upvotes": question.upvotes, "message": message, "csrf": get_token(request)},
            status=status,
        )
    else:
        response = page.render(
            request,
            template="onlinetalk/questions/vote.html",
            context_overrides={"question": question, "message": message},
        )
        response.status_code = status
    if retry_after:
        response["Retry-After"] = str(retry_after)
    response.set_cookie(
        VOTER_COOKIE,
        voter_token,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return _private(response)


def lookup_receipt(request, index_page):
    """The column's “look up my question” form: a receipt code leads to its question."""
    code = clean_receipt_code(request.GET.get("code", ""))
    question = None
    if code:
        question = (
            CitizenQuestion.objects.filter(receipt_code=code)
            .only("pk", "receipt_code", "session_id")
            .first()
        )
    if question is not None:
        session = question.session.localized
        url = session.url + session.reverse_subpage("question_receipt", args=[code])
        return _private(redirect(url))
    response = index_page.render(
        request,
        template="onlinetalk/questions/lookup.html",
        context_overrides={"code": request.GET.get("code", ""), "not_found": "code" in request.GET},
    )
    if "code" in request.GET:
        response.status_code = 404
    return _private(response)


def _ask_page_for(request):
    """The session page whose question form this request was sent from, or None."""
    try:
        match = resolve(request.path_info)  # the page path without the language prefix
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve" or not match.args:
        return None
    route = Page.route_for_request(request, match.args[0])
    if route is None:
        return None
    page, args, _kwargs = route
    view = args[0] if args else None
    if isinstance(page, TalkSessionPage) and getattr(view, "__name__", "") == "ask_question":
        return page
    return None


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a question refused for a missing or stale security cookie (blocked
    cookies, a form left open past a cookie reset) comes back with everything typed and a fresh
    token; any other request gets Django's own page."""
    page = _ask_page_for(request) if request.method == "POST" else None
    try:
        posted = request.POST if page is not None else None
    except (BadRequest, UnreadablePostError):
        posted = None  # a body Django cannot read (see onlinetalk.middleware): nothing to keep
    if posted is None:
        return django_csrf_failure(request, reason)
    typed = {name: posted.get(name, "") for name in ("nickname", "text", "contact")}
    typed["consent_to_publish"] = bool(posted.get("consent_to_publish"))
    form = QuestionForm(initial={**typed, "issued": new_form_token(address_hash(request))})
    return _render_form(
        request,
        page,
        form,
        status=403,
        refusal=_(
            "The form's security check failed (cookies may be blocked or were reset). Please "
            "send it again; if it fails again, allow cookies for this site."
        ),
    )
