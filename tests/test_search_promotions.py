"""Promoted results (wagtail.contrib.search_promotions): the Office's pick for a query is shown
first, for that query and in its page's language only, never for a page that is not live and
public; showing them writes nothing; only the Office editors manage them (setup_portal grants
them, idempotently), not the units."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Locale, Page, PageViewRestriction

from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department
from tests.live_support import staff

pytestmark = pytest.mark.django_db

PERMISSIONS = {"add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"}


def column(language):
    return Page.objects.get(slug="minsheng-online", locale__language_code=language)


def promote(query_string, page=None, **fields):
    query, _ = Query.objects.get_or_create(query_string=query_string)
    return SearchPromotion.objects.create(query=query, page=page, sort_order=0, **fields)


def parse(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def promoted_links(soup):
    return [a["href"] for a in soup.select(".ot-search__promoted a")]


def first_link(soup):
    return soup.select_one("main article h3 a")["href"]


def test_the_site_installs_search_promotions():
    assert apps.is_installed("wagtail.contrib.search_promotions")


@pytest.mark.parametrize(
    ("language", "prefix", "query", "other_prefix"),
    [("zh-hans", "", "养老保险", "/en"), ("en", "/en", "pension", "")],
)
def test_a_promoted_page_comes_first_for_its_query_in_its_language_only(
    shared_demo, client, language, prefix, query, other_prefix
):
    page = column(language)
    promote(query, page, description="The Office's pick")

    soup = parse(client.get(f"{prefix}/search/", {"q": query.upper()}))
    assert promoted_links(soup) == [page.url]
    assert first_link(soup) == page.url
    assert soup.select_one(".ot-search__promoted").find_next("ol", class_="ot-search__results")
    assert "The Office's pick" in soup.select_one(".ot-search__promoted").get_text()

    assert promoted_links(parse(client.get(f"{other_prefix}/search/", {"q": query}))) == []
    assert promoted_links(parse(client.get(f"{prefix}/search/", {"q": f"{query} 政策"}))) == []
    assert promoted_links(parse(client.get(f"{prefix}/search/"))) == []


def test_a_page_that_is_not_live_or_not_public_is_never_promoted(shared_demo, client):
    hidden = column("zh-hans").get_children().live().first()
    draft = column("zh-hans").get_children().live().last()
    promote("养老保险", hidden)
    promote("养老保险", draft)
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    Page.objects.filter(pk=draft.pk).update(live=False)

    assert promoted_links(parse(client.get("/search/", {"q": "养老保险"}))) == []


def test_an_external_link_is_promoted_in_both_languages(shared_demo, client):
    promote(
        "社保",
        external_link_url="https://example.org/shebao",
        external_link_text="社保服务指南",
    )
    for prefix in ("", "/en"):
        soup = parse(client.get(f"{prefix}/search/", {"q": "社保"}))
        assert promoted_links(soup) == ["https://example.org/shebao"]


def test_showing_promotions_writes_nothing(shared_demo, client):
    promote("养老保险", column("zh-hans"))
    queries = Query.objects.count()

    client.get("/search/", {"q": "养老保险"})
    client.get("/search/", {"q": "从未搜过的词"})

    assert Query.objects.count() == queries
    assert not QueryDailyHits.objects.exists()


def test_the_promoted_link_is_escaped(shared_demo, client):
    promote("社保", external_link_url="https://example.org/", external_link_text="<b>x</b>")
    html = client.get("/search/", {"q": "社保"}).content.decode()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


# --- who manages them ------------------------------------------------------------------------------


def group_permissions(name):
    return set(
        Group.objects.get(name=name)
        .permissions.filter(content_type__app_label="wagtailsearchpromotions")
        .values_list("codename", flat=True)
    )


def unit_editor_group():
    unit = Department.objects.filter(locale=Locale.get_default()).order_by("pk").first()
    return f"{unit.name}{get_setting('UNIT_EDITORS_SUFFIX')}"


def test_setup_portal_grants_the_office_editors_only_idempotently(shared_demo):
    call_command("setup_portal", stdout=StringIO())
    call_command("setup_portal", stdout=StringIO())

    assert group_permissions(get_setting("OFFICE_EDITORS_GROUP")) == PERMISSIONS
    assert group_permissions(get_setting("OFFICE_APPROVERS_GROUP")) == set()
    assert group_permissions(unit_editor_group()) == set()
    office = Group.objects.get(name=get_setting("OFFICE_EDITORS_GROUP"))
    assert office.permissions.filter(codename__in=PERMISSIONS).count() == len(PERMISSIONS)


def test_the_office_editor_opens_the_promotions_admin_and_a_unit_editor_cannot(shared_demo, client):
    call_command("setup_portal", stdout=StringIO())
    index = reverse("wagtailsearchpromotions:index")
    add = reverse("wagtailsearchpromotions:add")

    client.force_login(staff("office-promoter", get_setting("OFFICE_EDITORS_GROUP")))
    assert client.get(index).status_code == 200
    assert client.get(add).status_code == 200

    client.force_login(staff("unit-promoter", unit_editor_group()))
    for address in (index, add):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
