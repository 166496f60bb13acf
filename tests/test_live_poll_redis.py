"""The poll on the production cache path: Redis (REDIS_TEST_URL, a database of its own), shared by
every process — and a Redis that is down costs queries, never an error."""

import json
import os

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.live_support import latest_url, post

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
# Parallel test processes share the Redis database: each keeps to keys of its own.
PREFIX = f"minsheng-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": PREFIX,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


@pytest.fixture
def on_redis(live_session):
    """Redis as the cache for the test only: the override ends before other fixtures' teardown
    clears "the" cache (clear() would empty the Redis database of every test process)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_TEST_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not running at {REDIS_TEST_URL} (.ci/run starts it).")
    with override_settings(CACHES=redis_cache(REDIS_TEST_URL)):
        cache.delete_pattern("*")  # this process's keys only
        yield
        cache.delete_pattern("*")


def test_an_unchanged_poll_runs_no_query_on_redis(
    client, on_redis, live_session, during, django_assert_num_queries
):
    post(live_session, text="开场")
    response = client.get(latest_url(live_session))
    with django_assert_num_queries(0):
        again = client.get(latest_url(live_session), headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_a_post_reaches_readers_through_redis(client, on_redis, live_session, during):
    post(live_session, text="开场")
    client.get(latest_url(live_session))
    post(live_session, text="第二条")
    from django_redis import get_redis_connection

    keys = [key.decode() for key in get_redis_connection("default").keys(f"{PREFIX}:*")]
    assert any(key.endswith(f"onlinetalk:live:{live_session.pk}:state") for key in keys)
    data = json.loads(client.get(latest_url(live_session)).content)
    assert data["version"] == 2


def test_redis_down_the_poll_still_answers_from_the_database(client, live_session, during):
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:1/0")):  # nothing listens there
        post(live_session, text="开场")
        response = client.get(latest_url(live_session))
    assert response.status_code == 200
    assert json.loads(response.content)["version"] == 1
