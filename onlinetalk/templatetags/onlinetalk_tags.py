from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language, pgettext

from onlinetalk.localization import in_reader_language, language_tag
from onlinetalk.pages import ancestors_below_the_root
from onlinetalk.sessions.live_now import sessions_live_now
from onlinetalk.sessions.video import video_mime_type

register = template.Library()


@register.filter
def talk_date(value):
    """A date as readers expect it: 2022年9月28日 in Chinese, 28 September 2022 in English."""
    if not value:
        return ""
    return formats.date_format(value, pgettext("date format", "j F Y"))


@register.filter
def talk_datetime(value):
    """2022年9月28日 10:00 in Chinese, 28 September 2022, 10:00 in English (local time)."""
    if not value:
        return ""
    if is_aware(value):
        value = localtime(value)
    return formats.date_format(value, pgettext("datetime format", "j F Y, H:i"))


@register.inclusion_tag("onlinetalk/includes/breadcrumbs.html", takes_context=True)
def talk_breadcrumbs(context, page, current=""):
    """The trail to the page; with `current`, the page is a link and `current` (a view of the
    page, such as its question form) ends the trail."""
    return {
        "ancestors": ancestors_below_the_root(page),
        "page": page,
        "current": current,
        "request": context.get("request"),
    }


@register.inclusion_tag("onlinetalk/includes/live_now_banner.html", takes_context=True)
def live_now_banner(context):
    """A banner per session live now, linking to its broadcast: for the host site's home."""
    now = context.get("now") or timezone.now()
    return {"sessions": sessions_live_now(now), "request": context.get("request")}


@register.filter(name="in_reader_language")
def in_reader_language_filter(obj):
    """A translatable snippet (a unit, a leader, a category) in the reader's language."""
    return in_reader_language(obj)


@register.filter(name="video_mime_type")
def video_mime_type_filter(document):
    return video_mime_type(document)


@register.inclusion_tag("onlinetalk/includes/status_badge.html")
def status_badge(session, now=None):
    return {"status": session.get_status(now), "label": session.get_status_label(now)}


@register.filter
def name_and_position(leader):
    """陈立新（市发展改革局局长） in Chinese, Chen Lixin (Director, …) in English."""
    if leader is None:
        return ""
    if not leader.position:
        return leader.name
    return pgettext("leader name and position", "%(name)s (%(position)s)") % {
        "name": leader.name,
        "position": leader.position,
    }


register.filter("language_tag", language_tag)


@register.filter
def in_language(text, language):
    """The text (escaped) in a `<span lang>` when its language is not the page's: a Chinese
    citizen's nickname on the English page is read out in Chinese."""
    if not language or not text or str(language).lower() == (get_language() or "").lower():
        return text
    return format_html('<span lang="{}">{}</span>', language_tag(language), text)


@register.simple_tag
def gap():
    """The space after a label's colon or before a parenthesis: none in Chinese, whose
    full-width colon (：) and brackets (（）) carry their own spacing; one space otherwise."""
    return "" if (get_language() or "").startswith("zh") else " "
