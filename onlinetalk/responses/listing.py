"""The 热点回应 column's list: the published responses in the reader's language, newest
publication first, filtered by unit, year and kind, one page at a time.

A query per concern, never one per response: the page of responses with their sessions, the
sessions' units, the sessions in the reader's language, the units' translations, and the
choices of the filter form. Nonsense in a parameter leaves that filter off.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models.functions import ExtractYear

from onlinetalk.departments.models import Department
from onlinetalk.localization import language_tag, localize_objects
from onlinetalk.pages import publicly_viewable
from onlinetalk.request_memo import active_locale, default_locale
from onlinetalk.sessions.models import TalkSessionPage

from .deadlines import punctuality
from .models import HotResponsePage, ResponseKind

PER_PAGE = 10
KIND_FIELDS = {
    ResponseKind.REPLY: "has_replies",
    ResponseKind.COMMITMENT: "has_commitments",
    ResponseKind.SUGGESTION: "has_suggestions",
}
# Large fields no list shows.
DEFERRED = ("body", "session__announcement", "session__transcript", "session__plan_notes")


@dataclass
class ResponseItem:
    page: HotResponsePage
    session: TalkSessionPage  # in the reader's language where it is published in it
    session_lang: str | None  # the session's language tag when it is not the reader's
    units: list
    timing: object  # deadlines.Punctuality

    @property
    def published_at(self):
        return self.page.session.replies_published_at


@dataclass
class Filters:
    unit: int | None = None
    year: int | None = None
    kind: str = ""

    @property
    def active(self):
        return self.unit is not None or self.year is not None or bool(self.kind)

    def query(self):
        """The filters as a query string for the pages' links (no `page`)."""
        parts = []
        if self.unit is not None:
            parts.append(f"unit={self.unit}")
        if self.year is not None:
            parts.append(f"year={self.year}")
        if self.kind:
            parts.append(f"kind={self.kind}")
        return "&".join(parts)


def _small_number(value):
    """An ASCII number of at most nine digits, else None ("²", "%00", 1e99 are nonsense)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def published_responses(index_page):
    """The live, publicly viewable responses of the column whose publication is recorded (the
    default-language response went public: the session's replies_published_at)."""
    return publicly_viewable(
        HotResponsePage.objects.child_of(index_page)
        .live()
        .filter(locale=index_page.locale_id, session__replies_published_at__isnull=False)
    )


def filter_choices(responses):
    """The units (default language) and years that the column's responses have."""
    units = list(
        Department.objects.filter(sessions__hot_responses__in=responses.values("pk"))
        .distinct()
        .order_by("name")
    )
    years = list(
        responses.annotate(session_year=ExtractYear("session__start"))
        .order_by("-session_year")
        .values_list("session_year", flat=True)
        .distinct()
    )
    return units, years


def read_filters(params, unit_ids, years):
    unit = _small_number(params.get("unit"))
    year = _small_number(params.get("year"))
    kind = params.get("kind", "")
    return Filters(
        unit=unit if unit in unit_ids else None,
        year=year if year in years else None,
        kind=kind if kind in KIND_FIELDS else "",
    )


def apply_filters(responses, filters):
    if filters.unit is not None:
        responses = responses.filter(session__departments=filters.unit)
    if filters.year is not None:
        responses = responses.filter(session__start__year=filters.year)
    if filters.kind:
        responses = responses.filter(**{KIND_FIELDS[filters.kind]: True})
    return responses


def sessions_in_reader_language(sessions):
    """`{translation key: session page}` of the live sessions in the reader's language (one
    query, in every language, so that a list costs the same in each)."""
    keys = {session.translation_key for session in sessions}
    if not keys:
        return {}
    pages = publicly_viewable(
        TalkSessionPage.objects.live().filter(translation_key__in=keys, locale=active_locale())
    ).defer("announcement", "transcript", "plan_notes")
    return {page.translation_key: page for page in pages}


def reader_session(session, by_key):
    """The session in the reader's language, or the default-language one with its lang tag."""
    translated = by_key.get(session.translation_key)
    if translated is not None:
        return translated, None
    return session, language_tag(default_locale().language_code)


def index_context(index_page, request):
    """What the column's page shows: the filter form's choices, the filters read from the
    query string and one page of responses."""
    responses = published_responses(index_page)
    units, years = filter_choices(responses)
    filters = read_filters(request.GET, {unit.pk for unit in units}, years)
    chosen = (
        apply_filters(responses, filters)
        .select_related("session")
        .prefetch_related("session__departments")
        .defer(*DEFERRED)
        .order_by("-session__replies_published_at", "-pk")
    )
    page = Paginator(chosen, PER_PAGE).get_page(request.GET.get("page"))
    pages = list(page.object_list)
    sessions = [response.session for response in pages]
    by_key = sessions_in_reader_language(sessions)
    units_of = [list(session.departments.all()) for session in sessions]
    # One look-up of translations for the form's units and every listed response's.
    localized = localize_objects([*units, *(unit for group in units_of for unit in group)])
    unit_choices = list(zip((unit.pk for unit in units), localized[: len(units)], strict=True))
    rest = iter(localized[len(units) :])
    items = []
    for response, session, group in zip(pages, sessions, units_of, strict=True):
        shown, lang = reader_session(session, by_key)
        items.append(
            ResponseItem(
                page=response,
                session=shown,
                session_lang=lang,
                units=[next(rest) for _unit in group],
                timing=punctuality(session, published_at=session.replies_published_at),
            )
        )
    page.object_list = items
    return {
        "responses": page,
        "filters": filters,
        "unit_choices": unit_choices,
        "year_choices": years,
        "kind_choices": list(ResponseKind.choices),
    }
