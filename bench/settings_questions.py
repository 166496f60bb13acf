"""Settings for bench/questions_burst.py: the development settings, served as in production
(DEBUG off) by gunicorn behind a pretend reverse proxy, on the database DATABASE_URL names.

- ONLINETALK_TRUSTED_PROXY_COUNT = 1: the last X-Forwarded-For entry is the client's address,
  so every simulated citizen has an address of its own although all connect from 127.0.0.1.
- ONLINETALK_QUESTION_MIN_FILL_SECONDS = 1: the bench waits one second, not three, before sending.

Every other limit (5 questions per address and 300 per session in 10 minutes, the duplicate
rule) keeps its default: those are what the bench checks.
"""

import os

import dj_database_url

from portal.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/minsheng_bench",
        conn_max_age=0,
        conn_health_checks=True,
    )
}

ONLINETALK_TRUSTED_PROXY_COUNT = 1
ONLINETALK_QUESTION_MIN_FILL_SECONDS = 1
