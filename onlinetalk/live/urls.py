"""The readers' poll. A host site includes these inside its i18n_patterns (the language comes
from the path, so the answers need no Vary header):

    urlpatterns += i18n_patterns(path("onlinetalk/", include("onlinetalk.urls")), ...)
"""

from django.urls import path

from . import views

app_name = "onlinetalk_live"

urlpatterns = [
    path("live/<int:session_id>/", views.latest, name="latest"),
    path("live/<int:session_id>/since/<int:version>/", views.changes, name="changes"),
    path("live/<int:session_id>/before/<int:entry_id>/", views.older, name="older"),
]
