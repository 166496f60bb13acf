"""Wagtail's own page search finds a Chinese word inside a sentence (issue #12): the pages index
their text as segmented words (`search_words`) and the backend segments the query, so
`Page.objects.live().search(…)` — what the admin's page search calls — and the admin page search
itself list a session whose body holds the word only inside a longer sentence."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from tests.factories import DepartmentFactory, TalkSessionPageFactory, local

SENTENCE = "灵活就业人员参加城乡居民养老保险的缴费标准由个人自主选择。"


@pytest.fixture
def session(year_page, unit, django_capture_on_commit_callbacks):
    """A session whose summary holds 养老保险 inside a sentence, published through a revision as
    an editor publishes it, and a live session that does not hold it; indexed as the site
    indexes them."""
    with django_capture_on_commit_callbacks(execute=True):
        found = TalkSessionPageFactory(
            parent=year_page,
            title="灵活就业人员社保政策解读",
            slug="flexible-workers",
            summary=SENTENCE,
            departments=[unit],
            publish_at=local(2022, 9, 21, 10, 0),
        )
        TalkSessionPageFactory(
            parent=year_page,
            title="优化公交线网",
            slug="buses",
            summary="市民关心的公交线路调整。",
            departments=[DepartmentFactory(name="市交通运输局", short_name="交通局")],
        )
    return found


@pytest.mark.parametrize("word", ["养老保险", "缴费标准", "灵活就业", "市农业农村局"])
def test_wagtails_page_search_finds_a_word_inside_a_sentence(session, word):
    assert [page.pk for page in Page.objects.live().search(word)] == [session.pk]


def test_wagtails_page_search_finds_nothing_for_a_word_that_is_not_there(session):
    assert list(Page.objects.live().search("潜水艇")) == []


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.gov.cn", "x")


@pytest.mark.parametrize("word", ["养老保险", "缴费标准", "市农业农村局"])
def test_the_admin_page_search_lists_the_page(client, superuser, session, word):
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": word})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    edit = reverse("wagtailadmin_pages:edit", args=[session.pk])
    assert soup.find("a", href=edit) is not None
    other = Page.objects.get(slug="buses")
    assert soup.find("a", href=reverse("wagtailadmin_pages:edit", args=[other.pk])) is None
