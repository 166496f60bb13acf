"""Settings for bench/questions_burst.py: the development settings, served as in production
(DEBUG off) by gunicorn behind a pretend reverse proxy, on the bench's own database.

- The database is the one BENCH_DATABASE_URL names, checked by bench/benchdb.py (a name ending
  in `_bench`, not the one DATABASE_URL names), so a server or manage.py started with these
  settings cannot reach the project's database even when DATABASE_URL is set.
- ONLINETALK_TRUSTED_PROXY_COUNT = 1: the last X-Forwarded-For entry is the client's address,
  so every simulated citizen has an address of its own although all connect from 127.0.0.1.
- ONLINETALK_QUESTION_MIN_FILL_SECONDS = 1: the bench waits one second, not three, before sending.

Every other limit (5 questions per address and 300 per session in 10 minutes, the duplicate
rule) keeps its default: those are what the bench checks.
"""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from bench.benchdb import RefusedDatabase, bench_database_from_environment
from portal.settings.dev import *  # noqa: F403

try:
    BENCH_DATABASE = bench_database_from_environment()
except RefusedDatabase as error:
    raise ImproperlyConfigured(str(error)) from None

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": dj_database_url.parse(BENCH_DATABASE.url, conn_max_age=0, conn_health_checks=True)
}

ONLINETALK_TRUSTED_PROXY_COUNT = 1
ONLINETALK_QUESTION_MIN_FILL_SECONDS = 1
