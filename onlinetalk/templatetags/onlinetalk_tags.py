from django import template
from django.utils import formats
from django.utils.translation import pgettext

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
def talk_breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
    return {"ancestors": list(ancestors), "page": page, "request": context.get("request")}
