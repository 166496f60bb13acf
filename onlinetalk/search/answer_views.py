"""The answers already given to questions like the one being typed: a small HTML fragment the ask
form's aside fetches (answers_aside.html, similar_answers.js).

The answer depends only on the path (the language is its prefix) and `q`: it never reads the
session, the user or the CSRF token, sets no cookie and adds no `Vary: Cookie`, so a proxy may
serve one answer to every citizen typing the same words.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from onlinetalk.conf import get_setting

from .answers import shown
from .service import similar_answers

FRAGMENT_TEMPLATE = "onlinetalk/search/similar_answers.html"


@require_safe
def answers(request):
    # Cut before anything else looks at it: the typed text may be a whole letter.
    text = request.GET.get("q", "")[: get_setting("SEARCH_SIMILAR_MAX_LENGTH")]
    found = similar_answers(text, Locale.get_active()) if text.strip() else []
    body = render_to_string(
        FRAGMENT_TEMPLATE, {"answers": [shown(item, item.get_url(request)) for item in found]}
    )
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    patch_cache_control(response, public=True, max_age=get_setting("SEARCH_SIMILAR_MAX_AGE"))
    response["X-Robots-Tag"] = "noindex"
    return response
