"""The public search page: `/search/` in Chinese, `/en/search/` in English (the host site routes
it inside its i18n_patterns, e.g. `path("search/", views.search, name="search")`).

Parameters: `q` (the older `query` still works; `q` wins), `type` (an ItemGroup), `unit` (a
default-language unit's pk), `year`, `page`. A value the page does not offer is ignored: every
address answers 200.
"""

import re
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department
from onlinetalk.localization import default_locale_only, localize_objects
from onlinetalk.request_memo import active_locale
from onlinetalk.segmentation.words import query_words

from .models import ItemGroup, SearchItem
from .service import Filters, clean_query, counts_by_group, search_items, with_relations

EXCERPT_BEFORE = 40  # characters of context before the first matched word
EXCERPT_LENGTH = 160  # characters of the excerpt in all
PROMOTIONS_APP = "wagtail.contrib.search_promotions"


def highlight_words(query):
    """What to mark in a result for `query`: its words, their parts and their variants, longest
    first (so that 养老保险 is marked whole, not as 养老 then 保险)."""
    found = set()
    for word in query_words(query) if query else []:
        found.update((word.word, *word.parts, *word.variants))
    return sorted((w for w in found if w), key=lambda w: (-len(w), w))


def _pattern(words):
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def marked(text, pattern):
    """`text` escaped, with the matches of `pattern` in <mark>: safe HTML."""
    if pattern is None:
        return conditional_escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(conditional_escape(text[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        position = match.end()
    pieces.append(conditional_escape(text[position:]))
    return mark_safe("".join(pieces))


def excerpt(text, pattern, length=EXCERPT_LENGTH, before=EXCERPT_BEFORE):
    """A piece of the plain `text` around its first match of `pattern` (or its beginning), about
    `length` characters, with an ellipsis where it is cut; escaped, matches marked."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    match = pattern.search(text) if pattern is not None else None
    start = max(0, match.start() - before) if match else 0
    start = max(0, min(start, len(text) - length))
    end = min(len(text), start + length)
    piece = marked(text[start:end], pattern)
    return format_html("{}{}{}", "…" if start > 0 else "", piece, "…" if end < len(text) else "")


def _whole_number(value):
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def _units_with_items(locale):
    """The default-language units that have items in `locale`, by pk, in the reader's language
    for display."""
    of_locale = SearchItem.departments.through.objects.filter(searchitem__locale=locale)
    units = list(
        Department.objects.filter(
            **default_locale_only(), pk__in=of_locale.values("department_id")
        ).order_by("name")
    )
    shown = localize_objects(units)
    return [(unit, name) for unit, name in zip(units, shown, strict=True)]


def _years(locale):
    return list(
        SearchItem.objects.filter(locale=locale, year__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def promotions(query, locale, request):
    """The Office's promoted results for `query` (wagtail.contrib.search_promotions, when the host
    site installs it), read only: live public pages of `locale` and external links."""
    if not query or not apps.is_installed(PROMOTIONS_APP):
        return []
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.models import Page
    from wagtail.search.utils import normalise_query_string

    normalised = normalise_query_string(query)
    if not normalised:
        return []
    pages = Page.objects.live().public().filter(locale=locale)
    external = Q(page__isnull=True) & ~Q(external_link_url="")
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalised)
        .filter(Q(page__in=pages) | external)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    shown = []
    for pick in picks:
        if pick.page_id:
            url, title = pick.page.get_url(request), pick.page.title
        else:
            url, title = pick.external_link_url, pick.external_link_text or pick.external_link_url
        if url:
            shown.append({"url": url, "title": title, "description": pick.description})
    return shown


def _query_of(request):
    if "q" in request.GET:
        return clean_query(request.GET.get("q"))
    return clean_query(request.GET.get("query"))


@require_safe
def search(request):
    locale = active_locale()
    query = _query_of(request)
    units = _units_with_items(locale)
    years = _years(locale)
    unit_by_pk = {unit.pk: unit for unit, _name in units}

    group = request.GET.get("type", "")
    group = group if group in ItemGroup.values else ""
    unit = unit_by_pk.get(_whole_number(request.GET.get("unit")))
    year = _whole_number(request.GET.get("year"))
    year = year if year in years else None
    filters = Filters(group=group, unit=unit, year=year)
    filtered = bool(group or unit or year)

    outcome = search_items(query, locale, filters)
    searched = outcome.searched or filtered
    results = page = None
    counts = {}
    if searched:
        paginator = Paginator(outcome.results, get_setting("SEARCH_RESULTS_PER_PAGE"))
        page = paginator.get_page(request.GET.get("page"))
        counts = counts_by_group(
            query if outcome.searched else "", locale, filters, relaxed=outcome.relaxed
        )
        pattern = _pattern(highlight_words(query))
        results = []
        items = with_relations(page.object_list)
        # The units of the whole page in the reader's language at once (one query).
        all_units = [unit for item in items for unit in item.departments.all()]
        shown_units = dict(zip([u.pk for u in all_units], localize_objects(all_units), strict=True))
        for item in items:
            item_units = [shown_units[u.pk] for u in item.departments.all()]
            results.append(
                {
                    "item": item,
                    "url": item.get_url(request),
                    "title": marked(item.title, pattern),
                    "kind": item.get_kind_display(),
                    "units": [u.name for u in item_units],
                    "excerpt": excerpt(item.text, pattern),
                }
            )

    kept = {"q": query, "type": group, "unit": unit.pk if unit else "", "year": year or ""}
    kept = {name: value for name, value in kept.items() if value}
    context = {
        "onlinetalk_base_template": get_setting("BASE_TEMPLATE"),
        "query": query,
        "searched": searched,
        "outcome": outcome,
        "results": results,
        "results_page": page,
        "total": page.paginator.count if page else 0,
        "group": group,
        "unit": unit,
        "year": year,
        "groups": [
            {"value": value, "label": label, "count": counts.get(value)}
            for value, label in ItemGroup.choices
        ],
        "units": [{"pk": u.pk, "name": shown.name} for u, shown in units],
        "years": years,
        "paging_query": urlencode(kept),
        "promotions": promotions(query, locale, request)
        if outcome.searched and (page is None or page.number == 1)
        else [],
    }
    return TemplateResponse(request, "onlinetalk/search/search_page.html", context)
