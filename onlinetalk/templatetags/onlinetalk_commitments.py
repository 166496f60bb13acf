"""What the commitment templates need beyond the fields: the reader's unit, how long a
commitment has been open, whether it is overdue, what an update changed, the legend."""

from django import template

from onlinetalk.live.render import content_language
from onlinetalk.localization import in_reader_language
from onlinetalk.request_memo import active_locale
from onlinetalk.responses.commitment_facts import days_open, is_overdue, legend, what_changed

register = template.Library()


@register.simple_tag
def commitment_content_lang():
    """The lang tag of commitments' text (the default language) for a reader of another
    language; empty for a reader of the default language."""
    return content_language() or ""


@register.simple_tag
def commitment_legend():
    return legend()


@register.filter
def reader_unit(commitment):
    return in_reader_language(commitment.department)


@register.filter
def unit_lang(unit):
    """The lang tag of a unit's name that has no translation in the reader's language."""
    if unit.locale_id == active_locale().pk:
        return ""
    return content_language() or ""


register.filter("days_open", days_open)
register.filter("overdue", is_overdue)
register.filter("what_changed", what_changed)
