from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from home import views as home_views
from home.sitemaps import TranslatedSitemap
from onlinetalk.search.views import search as search_page

# Admin, documents and the sitemap have one address; pages and search exist per language:
# Chinese at /, English at /en/.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_page, name="search"),
    # The extension's own public URLs (the live broadcast's poll, the answers beside the ask form).
    path("onlinetalk/", include("onlinetalk.urls")),
    # Wagtail's page view, routed from the home page in the reader's language (fewer queries):
    # it takes the addresses before Wagtail's own catch-all below.
    re_path(serve_pattern, home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
