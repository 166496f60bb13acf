from django import template
from django.utils import formats
from django.utils.translation import pgettext

from onlinetalk.pages import ancestors_below_the_root

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
    from django.utils.timezone import is_aware, localtime

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


@register.filter
def in_reader_language(obj, localized):
    """A snippet chosen in a block, swapped for its translation from the page's lookup table
    (built once per page, so a long transcript costs no extra queries)."""
    if obj is None or not localized:
        return obj
    return localized.get((type(obj), obj.pk), obj)


@register.filter(name="video_mime_type")
def video_mime_type_filter(document):
    from onlinetalk.sessions.video import video_mime_type

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


@register.filter
def language_tag(code):
    """Django's language code → the BCP 47 tag for a lang attribute ("zh-hans" → "zh-Hans")."""
    language, _sep, rest = str(code).partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"
