"""The extension's own public URLs (beside its pages: the live broadcast's poll, the answers beside
the ask form): include them in the host site's i18n_patterns, e.g.
`path("onlinetalk/", include("onlinetalk.urls"))`."""

from django.urls import include, path

urlpatterns = [
    path("", include("onlinetalk.live.urls")),
    path("", include("onlinetalk.search.urls")),
]
