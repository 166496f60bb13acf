"""The search feature's public URLs, included by onlinetalk.urls inside the host's i18n_patterns
(the language comes from the path prefix)."""

from django.urls import path

from . import views

app_name = "onlinetalk_search"

urlpatterns = [path("search/answers/", views.answers, name="similar_answers")]
