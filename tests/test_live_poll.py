"""The readers' poll: one URL per session and language, the latest state with a version, a strong
ETag and 304, no query while nothing changed, corrections and retractions, catch-up and paging."""

import json

import pytest
import time_machine

from tests.live_support import (
    BEFORE,
    DURING,
    changes_url,
    correct,
    latest_url,
    older_url,
    post,
    retract,
)

pytestmark = pytest.mark.django_db


def poll(client, session, **headers):
    return client.get(latest_url(session), headers=headers)


def body(response):
    return json.loads(response.content)


def test_an_empty_stream_answers_version_0_and_live(client, live_session, during):
    response = poll(client, live_session)
    assert response.status_code == 200
    data = body(response)
    assert data["version"] == 0
    assert data["phase"] == "live"
    assert data["entries"] == []


def test_the_answer_is_public_cacheable_and_sets_no_cookie(client, live_session, during):
    post(live_session, text="各位网友，大家好！")
    response = poll(client, live_session)
    assert (
        response["Cache-Control"].replace(" ", "") == "public,max-age=3,stale-while-revalidate=10"
    )
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    # The language is in the path: an English answer varies with nothing. (For the default
    # language, whose path has no prefix, Django's LocaleMiddleware adds Vary: Accept-Language.)
    english = client.get(latest_url(live_session, "en"))
    assert "Vary" not in english


def test_a_post_raises_the_version_and_shows_in_the_next_answer(client, live_session, during):
    first = body(poll(client, live_session))
    entry = post(live_session, text="各位网友，大家好！")
    data = body(poll(client, live_session))
    assert data["version"] == first["version"] + 1
    assert [item["id"] for item in data["entries"]] == [entry.pk]
    assert "各位网友，大家好！" in data["entries"][0]["html"]
    assert f'id="entry-{entry.pk}"' in data["entries"][0]["html"]


def test_304_when_nothing_changed_and_200_after_a_post(client, live_session, during):
    post(live_session, text="开场")
    etag = poll(client, live_session)["ETag"]
    assert poll(client, live_session, if_none_match=etag).status_code == 304
    post(live_session, text="第二条")
    response = poll(client, live_session, if_none_match=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_an_unchanged_poll_runs_no_query(client, live_session, during, django_assert_num_queries):
    post(live_session, text="开场")
    etag = poll(client, live_session)["ETag"]
    with django_assert_num_queries(0):
        assert poll(client, live_session, if_none_match=etag).status_code == 304
    with django_assert_num_queries(0):
        assert poll(client, live_session).status_code == 200


def test_a_post_reaches_the_cache_without_a_reader_rebuilding_the_state(
    client, live_session, during, django_assert_num_queries
):
    post(live_session, text="开场")
    poll(client, live_session)
    post(live_session, text="第二条")
    # The new version is in the cache already; only the new answer is built.
    response = poll(client, live_session)
    assert body(response)["version"] == 2
    etag = response["ETag"]
    with django_assert_num_queries(0):
        assert poll(client, live_session, if_none_match=etag).status_code == 304


def test_a_correction_and_a_retraction_appear_in_the_poll(client, live_session, during):
    entry = post(live_session, text="公交线网明年优化")
    other = post(live_session, text="错发的一条")
    correct(entry, text="公交线网今年年底优化")
    retract(other, reason="发错了")
    data = body(poll(client, live_session))
    by_id = {item["id"]: item for item in data["entries"]}
    assert "今年年底" in by_id[entry.pk]["html"]
    assert "明年" not in by_id[entry.pk]["html"]
    assert by_id[other.pk]["withdrawn"] is True
    assert "错发" not in by_id[other.pk]["html"]
    assert "发错了" not in by_id[other.pk]["html"]  # the reason is for the staff
    assert by_id[entry.pk]["version"] < by_id[other.pk]["version"] == data["version"]


def test_the_answer_holds_the_latest_changes_and_says_since_when(
    client, live_session, during, settings
):
    settings.ONLINETALK_LIVE_POLL_WINDOW = 3
    entries = [post(live_session, text=f"第{n}条") for n in range(5)]
    data = body(poll(client, live_session))
    assert [item["id"] for item in data["entries"]] == [entry.pk for entry in entries[2:]]
    assert data["since"] == 2  # complete for a reader at version 2 or later
    rest = body(client.get(changes_url(live_session, 0)))
    assert [item["id"] for item in rest["entries"]] == [entry.pk for entry in entries]
    assert rest["reload"] is False


def test_a_reader_too_far_behind_is_told_to_reload(client, live_session, during, settings):
    settings.ONLINETALK_LIVE_CHANGES_LIMIT = 2
    for n in range(4):
        post(live_session, text=f"第{n}条")
    assert body(client.get(changes_url(live_session, 0)))["reload"] is True


def test_earlier_entries_page_by_position(client, live_session, during, settings):
    settings.ONLINETALK_LIVE_PAGE_SIZE = 2
    entries = [post(live_session, text=f"第{n}条") for n in range(5)]
    page = body(client.get(older_url(live_session, entries[4].pk)))
    assert [item["id"] for item in page["entries"]] == [entries[3].pk, entries[2].pk]
    assert page["older_url"] == older_url(live_session, entries[2].pk)
    last = body(client.get(page["older_url"]))
    assert [item["id"] for item in last["entries"]] == [entries[1].pk, entries[0].pk]
    assert last["older_url"] is None


def test_the_phase_is_ended_after_the_grace_period(client, live_session, during, settings):
    settings.ONLINETALK_LIVE_POLL_GRACE_MINUTES = 30
    post(live_session, text="开场")
    during.move_to(live_session.end.replace(minute=29))
    assert body(poll(client, live_session))["phase"] == "live"
    during.move_to(live_session.end.replace(minute=31))
    assert body(poll(client, live_session))["phase"] == "ended"


def test_before_the_start_the_phase_is_upcoming(client, live_session):
    with time_machine.travel(BEFORE, tick=False):
        assert body(poll(client, live_session))["phase"] == "upcoming"


@pytest.mark.parametrize(
    "path",
    [
        "/onlinetalk/live/999999/",
        "/onlinetalk/live/999999999999999999999/",
        "/onlinetalk/live/1/since/99999999999999999999999/",
        "/onlinetalk/live/1/before/99999999999999999999999/",
        "/onlinetalk/live/abc/",
    ],
)
def test_unknown_sessions_and_absurd_numbers_are_404(client, live_session, during, path):
    assert client.get(path).status_code == 404


def test_only_get_and_head(client, live_session, during):
    assert client.post(latest_url(live_session)).status_code == 405
    assert client.head(latest_url(live_session)).status_code == 200


def test_the_english_answer_has_english_labels(client, live_session, during):
    post(live_session, text="开场")
    data = body(client.get(latest_url(live_session, "en")))
    assert latest_url(live_session, "en").startswith("/en/")
    assert "Host" in data["entries"][0]["html"]
    assert 'lang="zh-Hans"' in data["entries"][0]["html"]


def test_posters_finishing_in_any_order_leave_the_latest_version(client, live_session, during):
    """Two posts commit; the first poster's update of the cache runs last (after the second's
    was lost, say): it writes what the database holds, never its own older version."""
    from django.test import TestCase

    from onlinetalk.live import stream
    from onlinetalk.live.stream import EntryInput

    poll(client, live_session)  # the state (version 0) is in the cache
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        stream.post_entry(live_session, None, EntryInput(role="host", text="一"), now=DURING)
        stream.post_entry(live_session, None, EntryInput(role="host", text="二"), now=DURING)
    first_posters_update = callbacks[0]
    first_posters_update()
    assert body(poll(client, live_session))["version"] == 2


def test_while_the_database_is_down_readers_keep_the_stream_from_the_cache(live_session, during):
    """The state and the answer are in the cache: an unchanged poll needs no database."""
    from django.test import Client

    from tests.test_resilience import database_down

    post(live_session, text="开场")
    client = Client(raise_request_exception=False)
    etag = poll(client, live_session)["ETag"]
    with database_down():
        assert poll(client, live_session, if_none_match=etag).status_code == 304
        assert body(poll(client, live_session))["version"] == 1
        # A session whose state is not in the cache: 503, as every page then, never a 500.
        assert (
            client.get(latest_url(live_session).replace(str(live_session.pk), "424242")).status_code
            == 503
        )


def test_a_catch_up_from_the_future_is_the_latest_answer(client, live_session, during):
    post(live_session, text="开场")
    latest = poll(client, live_session)
    ahead = client.get(changes_url(live_session, 999))
    assert ahead.status_code == 200
    assert ahead["ETag"] == latest["ETag"]
