"""The search feature's public URLs, included by onlinetalk.urls inside the host's i18n_patterns
(the language comes from the path prefix)."""

from django.urls import path

from . import answer_views

app_name = "onlinetalk_search"

urlpatterns = [path("search/answers/", answer_views.answers, name="similar_answers")]
