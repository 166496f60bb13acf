from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language
from wagtail.models import Page

from onlinetalk.pages import publicly_viewable
from onlinetalk.request_memo import active_locale
from onlinetalk.schedule.models import TalkIndexPage

register = template.Library()


def _bcp47(code):
    return "zh-Hans" if code == "zh-hans" else code


@register.filter
def bcp47(code):
    """Django's language code as an HTML lang value (zh-hans → zh-Hans)."""
    return _bcp47(code or "")


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page in that language where it exists, else that
    language's home. Non-page views (search) keep their path. One query for a page."""
    request = context.get("request")
    # Django's 404 view puts request_path in the context: a missing page has no translation.
    fallback_home = "request_path" in context
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request)
        elif page is None and request is not None and not fallback_home:
            url = translate_url(request.get_full_path(), code)
        else:
            url = _home_url(code)
        links.append(
            {
                "code": code,
                "lang": _bcp47(code),
                "name": name,
                "url": url,
                "is_current": code == current,
                "has_page": target is not None or (page is None and not fallback_home),
            }
        )
    return links


@register.simple_tag
def column_page():
    """The Minsheng Online column in the reader's language, for the header link."""
    return (
        publicly_viewable(TalkIndexPage.objects.live().filter(locale=active_locale()))
        .only("id", "url_path", "title", "locale_id")
        .first()
    )


def _home_url(language_code):
    with translation.override(language_code):
        return reverse("wagtail_serve", args=[""])


@register.simple_tag
def home_url():
    """The home page in the reader's language: / for Chinese, /en/ for English."""
    return _home_url(get_language())
