"""How the open data plugs into the pages: the session page and the year page get their
downloads (JSON, CSV tables, the schema) as routes and a block of links; the hot response page
gets the links to its session's downloads (its template includes the links block).

The routes are `open-data/json/`, `open-data/csv/` and `open-data/schema-v1/`: a page's address
in Wagtail is slash-separated words (wagtail.urls.serve_pattern), without dots; the files are
named `….json` and `….csv` by their Content-Disposition. A breaking change of the schema gets new
routes (`open-data/v2/json/`, …) beside these."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from onlinetalk.features import PageFeature
from onlinetalk.localization import language_tag
from onlinetalk.request_memo import active_locale

from . import opendata_views
from .opendata_views import DEFAULT_TABLE

LINKS_TEMPLATE = "onlinetalk/responses/includes/open_data_links.html"

ROUTES = (
    path("open-data/json/", opendata_views.session_json, name="open_data_json"),
    path("open-data/csv/", opendata_views.session_csv, name="open_data_csv"),
    path("open-data/schema-v1/", opendata_views.schema, name="open_data_schema"),
)
YEAR_ROUTES = (
    path("open-data/json/", opendata_views.year_json, name="open_data_json"),
    path("open-data/csv/", opendata_views.year_csv, name="open_data_csv"),
    path("open-data/schema-v1/", opendata_views.schema, name="open_data_schema"),
)

CSV_TABLES = (
    (DEFAULT_TABLE, _("Questions and their answers")),
    ("sessions", _("Deadlines and question counts")),
    ("commitments", _("Commitments")),
    ("updates", _("Progress updates of the commitments")),
)


def open_data_links(page, request):
    """The downloads of `page` (a session or a year page in the reader's language)."""
    base = page.get_url(request)
    if not base:
        return None
    csv_url = base + page.reverse_subpage("open_data_csv")
    return {
        "json_url": base + page.reverse_subpage("open_data_json"),
        "csv": [
            (csv_url if table == DEFAULT_TABLE else f"{csv_url}?table={table}", label)
            for table, label in CSV_TABLES
        ],
        "schema_url": base + page.reverse_subpage("open_data_schema"),
        "is_year": not hasattr(page, "start"),
        "hreflang": language_tag(active_locale().language_code),
    }


def page_context(page, request, now):
    return {"open_data": open_data_links(page, request)}


def response_context(response, request, now):
    """The hot response page: its session's downloads, in the reader's language when the
    session's page is live in it, else in the default language."""
    session = response.session
    if session is None:
        return {}
    locale = active_locale()
    if session.locale_id != locale.pk:
        session = (
            type(session)
            .objects.live()
            .filter(translation_key=session.translation_key, locale=locale)
            .first()
        ) or session
    if not session.live:
        return {}
    return {"open_data": open_data_links(session, request)}


SESSION_OPEN_DATA = PageFeature(
    page_type="onlinetalk.TalkSessionPage",
    name="open_data",
    routes=ROUTES,
    template=LINKS_TEMPLATE,
    get_context=page_context,
    order=90,
)

YEAR_OPEN_DATA = PageFeature(
    page_type="onlinetalk.AnnualSchedulePage",
    name="open_data",
    routes=YEAR_ROUTES,
    template=LINKS_TEMPLATE,
    get_context=page_context,
    order=90,
)

# No template: the hot response page's own template includes LINKS_TEMPLATE where it fits.
RESPONSE_OPEN_DATA = PageFeature(
    page_type="onlinetalk.HotResponsePage",
    name="open_data",
    get_context=response_context,
    order=90,
)
