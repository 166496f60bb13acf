"""An entry as readers see it: one template for the page, the poll and the console's preview."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

from onlinetalk.localization import language_tag, prefetch_translations

from .models import LiveEntry

ENTRY_TEMPLATE = "onlinetalk/live/entry.html"


def entries_for_display(queryset):
    """The entries with what their template shows, in a bounded number of queries."""
    entries = list(queryset.select_related("leader", "image").prefetch_related("image__renditions"))
    prefetch_translations([entry.leader for entry in entries if entry.leader is not None])
    return entries


def content_language():
    """The broadcast is typed in the site's default language: a reader of another language is
    told so by the text's lang attribute (None when it is the reader's own)."""
    if get_language() == settings.LANGUAGE_CODE:
        return None
    return language_tag(settings.LANGUAGE_CODE)


def render_entry(entry, *, staff=False):
    return render_to_string(
        ENTRY_TEMPLATE, {"entry": entry, "staff": staff, "content_lang": content_language()}
    )


def entry_payload(entry):
    """An entry in the poll: its position, the version that last changed it, and its HTML."""
    return {
        "id": entry.pk,
        "version": entry.changed_in_version,
        "withdrawn": entry.is_withdrawn,
        "html": render_entry(entry),
    }


def public_entries(session_id):
    return LiveEntry.objects.filter(stream__session_id=session_id, stream__kind="public")
