"""Whose log entries a user may read in the audit report, and which pages a unit's filter means.

The Office reads every entry on the column's pages (the columns, year pages, sessions and hot
responses, in every language); a unit's editors and reviewers read the entries on their own
units' sessions and on those sessions' hot responses; anyone else reads none. Units are matched
by translation key, so a unit's pages are found in every language's tree (an English session
may have no units of its own: it shares its source's translation key)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import PageLogEntry

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.responses.models import HotResponseIndexPage, HotResponsePage
from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
from onlinetalk.sessions.models import TalkSessionPage

COLUMN_PAGE_MODELS = (
    TalkIndexPage,
    AnnualSchedulePage,
    TalkSessionPage,
    HotResponseIndexPage,
    HotResponsePage,
)


def may_read_audit(user):
    return is_office_user(user) or units_for_user(user).exists()


def pages_of_units(unit_keys):
    """Ids of the sessions of these units (translation keys) and of their hot responses, in
    every language: a subquery each, no query here."""
    sessions = TalkSessionPage.objects.filter(
        translation_key__in=TalkSessionPage.translation_keys_of_units(unit_keys)
    )
    responses = HotResponsePage.objects.filter(
        translation_key__in=HotResponsePage.translation_keys_of_units(unit_keys)
    )
    return Q(page_id__in=sessions.values("pk")) | Q(page_id__in=responses.values("pk"))


def column_entries():
    types = ContentType.objects.get_for_models(*COLUMN_PAGE_MODELS, for_concrete_models=False)
    return PageLogEntry.objects.filter(content_type__in=types.values())


def entries_for_user(user):
    """The page log entries the user may read in the audit report."""
    if is_office_user(user):
        return column_entries()
    if not (user.is_authenticated and user.is_active):
        return PageLogEntry.objects.none()
    units = units_for_user(user).values("translation_key")
    return column_entries().filter(pages_of_units(units))
