"""Several staff posting to one session's stream at the same instant, in threads on PostgreSQL:
every post gets its own position and its own version, without a gap, positions and versions
agree, and the poll answers the latest state. Corrections and retractions of different entries
at once keep the versions unique too.

A transactional test in a file of its own (its flush would empty the database under the
others); on SQLite, which serialises writers by itself, it is skipped.
"""

import json
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, connections

from onlinetalk.live import stream
from onlinetalk.live.models import LiveEntry, LiveStream, StreamKind
from onlinetalk.live.stream import EntryInput
from tests.live_support import DURING, latest_url, new_live_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THREADS = 8
POSTS_PER_THREAD = 10
TOTAL = THREADS * POSTS_PER_THREAD


@pytest.fixture
def live(year_page, unit):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers by itself; the stream's row lock matters on PostgreSQL"
        )
    cache.clear()
    with time_machine.travel(DURING, tick=False):
        yield new_live_session(year_page, unit)
    cache.clear()


def in_threads(work, count):
    """Run work(number) in `count` threads released together; the errors they raised."""
    start = threading.Barrier(count)
    errors = []

    def run(number):
        try:
            start.wait()
            work(number)
        except Exception as error:  # the test reports it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def public_stream(session):
    return LiveStream.objects.get(session=session, kind=StreamKind.PUBLIC)


def test_concurrent_posts_get_distinct_positions_and_versions_without_a_gap(client, live):
    posted = []

    def post_ten(number):
        for index in range(POSTS_PER_THREAD):
            entry = stream.post_entry(
                live, None, EntryInput(role="host", text=f"线程{number}第{index}条"), now=DURING
            )
            posted.append((entry.pk, entry.changed_in_version))

    assert in_threads(post_ten, THREADS) == []

    ids = [pk for pk, _version in posted]
    versions = [version for _pk, version in posted]
    assert len(set(ids)) == TOTAL
    assert sorted(versions) == list(range(1, TOTAL + 1))
    assert public_stream(live).version == TOTAL
    stored = list(
        LiveEntry.objects.filter(stream__session=live).values_list("pk", "changed_in_version")
    )
    assert sorted(stored) == sorted(posted)
    by_id = [version for _pk, version in sorted(stored)]
    assert by_id == sorted(by_id)  # ordering by position is ordering by version

    response = client.get(latest_url(live))
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["version"] == TOTAL
    newest = sorted(ids)[-len(data["entries"]) :]
    assert [item["id"] for item in data["entries"]] == newest
    assert [item["version"] for item in data["entries"]] == sorted(versions)[-len(newest) :]
    # Asked again, the same answer (from the cache): the state holds the last version.
    again = client.get(latest_url(live), headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_concurrent_corrections_and_retractions_keep_versions_unique(client, live):
    entries = [
        stream.post_entry(live, None, EntryInput(role="host", text=f"原文{n}"), now=DURING)
        for n in range(THREADS * 2)
    ]
    changed = []

    def change(number):
        entry = LiveEntry.objects.get(pk=entries[number].pk)
        if number % 2:
            entry = stream.retract_entry(entry, None, "发错了", now=DURING)
        else:
            entry = stream.correct_entry(entry, None, text=f"更正{number}", now=DURING)
        changed.append(entry.changed_in_version)

    assert in_threads(change, len(entries)) == []

    first = len(entries)
    assert sorted(changed) == list(range(first + 1, 2 * first + 1))
    assert public_stream(live).version == 2 * first
    versions = list(
        LiveEntry.objects.filter(stream__session=live).values_list("changed_in_version", flat=True)
    )
    assert sorted(versions) == list(range(first + 1, 2 * first + 1))
    data = json.loads(client.get(latest_url(live)).content)
    assert data["version"] == 2 * first
    by_id = {item["id"]: item for item in data["entries"]}
    assert [by_id[entry.pk]["withdrawn"] for entry in entries] == [n % 2 == 1 for n in range(first)]
