"""The rehearsal (彩排) stays private: nothing posted to it reaches the public page (Chinese and
English), the poll (latest, since, before), the poll's cache entries or the search (the site's
search page and Wagtail's index); the public stream's version does not move. The page's admin
preview shows it, and "reset rehearsal" clears it and leaves the public entries alone."""

import json
import pickle
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.models import IndexEntry

from onlinetalk.live import stream
from onlinetalk.live.models import LiveEntry, LiveStream, StreamKind
from onlinetalk.search.items import rebuild as rebuild_search_items
from onlinetalk.search.models import SearchItem
from tests.factories import english_version
from tests.live_support import (
    BEFORE,
    DURING,
    changes_url,
    committed,
    latest_url,
    older_url,
    post,
)

pytestmark = pytest.mark.django_db

# Latin words, so that the search backend finds them inside a text (it does not segment Chinese).
PUBLIC_WORD = "Publicmarkword"
REHEARSAL_WORD = "Rehearsalmarkword"
REHEARSAL_TEXTS = [f"彩排开场 {REHEARSAL_WORD}", f"彩排第二条 {REHEARSAL_WORD}"]


@pytest.fixture
def rehearsed(live_session, during):
    """A public opening, then two rehearsal entries (one after a second public entry, so the
    rehearsal's positions lie between the public ones), and the English page."""
    english = english_version(live_session)
    public = [post(live_session, text=f"各位网友，大家好 {PUBLIC_WORD}")]
    rehearsal = [post(live_session, kind=StreamKind.REHEARSAL, now=BEFORE, text=REHEARSAL_TEXTS[0])]
    public.append(post(live_session, text="第二条公开"))
    rehearsal.append(
        post(live_session, kind=StreamKind.REHEARSAL, now=BEFORE, text=REHEARSAL_TEXTS[1])
    )
    return {"public": public, "rehearsal": rehearsal, "english": english}


def public_version(session):
    return LiveStream.objects.get(session=session, kind=StreamKind.PUBLIC).version


def assert_no_rehearsal(text):
    assert REHEARSAL_WORD not in text
    assert "彩排开场" not in text
    assert "彩排第二条" not in text


def test_rehearsal_posts_leave_the_public_version_and_etag_alone(client, live_session, during):
    post(live_session, text="开场")
    first = client.get(latest_url(live_session))
    assert json.loads(first.content)["version"] == 1
    for text in REHEARSAL_TEXTS:
        post(live_session, kind=StreamKind.REHEARSAL, now=BEFORE, text=text)

    assert public_version(live_session) == 1
    again = client.get(latest_url(live_session), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert LiveStream.objects.get(session=live_session, kind=StreamKind.REHEARSAL).version == 2


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_public_page_shows_no_rehearsal(client, rehearsed, live_session, language):
    page = live_session if language == "zh-hans" else rehearsed["english"]
    html = client.get(page.url).content.decode()
    assert f'id="entry-{rehearsed["public"][0].pk}"' in html
    for entry in rehearsed["rehearsal"]:
        assert f'id="entry-{entry.pk}"' not in html
    assert_no_rehearsal(html)
    # Nor the page of earlier entries, bounded above every rehearsal entry.
    paged = client.get(f"{page.url}?before={rehearsed['rehearsal'][-1].pk + 1}")
    assert f'id="entry-{rehearsed["public"][1].pk}"' in paged.content.decode()
    assert_no_rehearsal(paged.content.decode())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_poll_shows_no_rehearsal(client, rehearsed, live_session, language):
    from django.utils import translation

    public_ids = [entry.pk for entry in rehearsed["public"]]
    with translation.override(language):
        addresses = [
            latest_url(live_session, language),
            changes_url(live_session, 0),
            older_url(live_session, rehearsed["rehearsal"][-1].pk + 1),
        ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        data = json.loads(response.content)
        assert sorted(item["id"] for item in data["entries"]) == public_ids, address
        assert data["version"] == 2
        assert_no_rehearsal(response.content.decode())


def cached_values():
    """Every key and value in the (local-memory) cache, unpickled, as text."""
    return [f"{key} {pickle.loads(value)!r}" for key, value in cache._cache.items()]


def test_the_polls_cache_entries_hold_no_rehearsal(client, rehearsed, live_session):
    cache.clear()
    client.get(latest_url(live_session))
    client.get(latest_url(live_session, "en"))
    client.get(changes_url(live_session, 0))
    client.get(older_url(live_session, rehearsed["rehearsal"][-1].pk + 1))
    post(live_session, kind=StreamKind.REHEARSAL, now=BEFORE, text=f"又一条 {REHEARSAL_WORD}")

    entries = [value for value in cached_values() if "onlinetalk:live:" in value]
    assert len(entries) >= 5  # the state and four answers
    assert any(PUBLIC_WORD in value for value in entries)
    for value in cached_values():
        assert_no_rehearsal(value)


def test_search_finds_no_rehearsal(client, rehearsed, live_session):
    index.insert_or_update_object(live_session)
    index.insert_or_update_object(rehearsed["english"])
    rebuild_search_items()

    title = client.get(f"/search/?q={live_session.title}").content.decode()
    assert live_session.url in title  # the search works, and finds the page by its title
    for address in (f"/search/?q={REHEARSAL_WORD}", f"/en/search/?q={REHEARSAL_WORD}"):
        html = client.get(address).content.decode()
        assert 'class="ot-search__results"' not in html
        assert live_session.url not in html and rehearsed["english"].url not in html
    assert_no_rehearsal(
        " ".join(f"{item.title} {item.text} {item.words}" for item in SearchItem.objects.all())
    )
    assert list(Page.objects.live().search(REHEARSAL_WORD)) == []
    indexed = " ".join(
        f"{entry.title} {entry.body} {entry.autocomplete}" for entry in IndexEntry.objects.all()
    )
    assert live_session.title in indexed
    assert_no_rehearsal(indexed)


@pytest.fixture
def office_editor(django_user_model):
    call_command("setup_portal", stdout=StringIO())
    editor = django_user_model.objects.create_user("office-editor", password="x")
    editor.groups.add(Group.objects.get(name="市政府办公室-编辑"))
    return editor


@pytest.mark.parametrize("moment", [BEFORE, DURING], ids=["the day before", "live"])
def test_the_admin_preview_shows_the_rehearsal(
    client, rehearsed, live_session, office_editor, moment
):
    """Wagtail's view of a revision is a preview (request.is_preview): the rehearsal shows,
    beside the public stream, the day before and during the hour alike."""
    client.force_login(office_editor)
    revision = live_session.latest_revision
    with time_machine.travel(moment, tick=False):
        response = client.get(
            reverse("wagtailadmin_pages:revisions_view", args=[live_session.pk, revision.pk])
        )
    assert response.status_code == 200
    html = response.content.decode()
    for entry in rehearsed["rehearsal"]:
        assert f'id="entry-{entry.pk}"' in html
    assert REHEARSAL_TEXTS[0] in html
    assert "ot-live__rehearsal" in html


def test_the_public_page_as_the_office_shows_no_rehearsal(
    client, rehearsed, live_session, office_editor
):
    client.force_login(office_editor)
    assert_no_rehearsal(client.get(live_session.url).content.decode())


def test_reset_rehearsal_clears_it_and_leaves_the_public_entries(client, rehearsed, live_session):
    etag = client.get(latest_url(live_session))["ETag"]

    removed = committed(stream.reset_rehearsal, live_session, None)

    assert removed == 2
    rehearsal = LiveStream.objects.get(session=live_session, kind=StreamKind.REHEARSAL)
    assert not rehearsal.entries.exists()
    public = LiveEntry.objects.filter(stream__session=live_session, stream__kind=StreamKind.PUBLIC)
    assert sorted(public.values_list("pk", flat=True)) == [e.pk for e in rehearsed["public"]]
    assert public_version(live_session) == 2
    assert client.get(latest_url(live_session), headers={"if-none-match": etag}).status_code == 304
