#!/usr/bin/env python
"""How many SQL queries and how much time each public page costs, as production serves it.

The bench creates its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/minsheng_bench; never DATABASE_URL, the project's; see
bench/benchdb.py for what it refuses), and in it, with `portal.settings.production` (DEBUG off):
`migrate`, `collectstatic` (into a temporary directory: the manifest storage needs it to render
any page) and `load_demo`. It then requests every public page type in Chinese and in English
through Django's test client and prints, per page, the response status, the SQL queries of one
request (counted with `connection.execute_wrapper`, which needs no DEBUG; the count of the first,
cold request in brackets), and the median and 90th-percentile time over --runs requests. It
prints figures and checks none: tests assert query counts, nothing asserts times.

For the run the bench sets DJANGO_SECRET_KEY (random) and DJANGO_ALLOWED_HOSTS=localhost, and
leaves out REDIS_URL and EMAIL_HOST (the project's cache and mail server; the cache is then one
per process). Requests are made as HTTPS (the proxy's view after TLS), so SECURE_SSL_REDIRECT
stays on. DATABASE_CONN_MAX_AGE is production's (0 unless set): each request opens a connection.
The database is dropped at the end unless --keep-db.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench \\
        .venv/bin/python bench/pages.py [--runs 20] [--keep-db]
"""

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchdb import (  # noqa: E402
    QueryCounter,
    RefusedDatabase,
    bench_database_from_environment,
    prepare_environment,
)

LANGUAGES = ("zh-hans", "en")
SEARCH_TERMS = {"zh-hans": "农业", "en": "agriculture"}


@dataclass
class Measurement:
    status: int
    first_queries: int
    queries: list
    milliseconds: list

    def query_figure(self):
        low, high = min(self.queries), max(self.queries)
        counted = str(low) if low == high else f"{low}–{high}"
        return f"{counted} ({self.first_queries})"

    def percentile(self, fraction):
        ordered = sorted(self.milliseconds)
        return ordered[max(0, round(fraction * len(ordered)) - 1)]


def load_site():
    from django.core.management import call_command

    output = io.StringIO()
    for command, options in (
        ("migrate", {"interactive": False}),
        ("collectstatic", {"interactive": False, "verbosity": 0}),
        ("load_demo", {}),
    ):
        started = time.perf_counter()
        call_command(command, stdout=output, **options)
        print(f"{command:<16}{time.perf_counter() - started:.1f} s", flush=True)


def public_pages():
    """(page type, {language: path}) for every kind of page a citizen can open."""
    from wagtail.models import Locale, Site

    from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
    from onlinetalk.sessions.models import TalkSessionPage

    locales = {language: Locale.objects.get(language_code=language) for language in LANGUAGES}

    def in_each_language(page, suffix=""):
        return {
            language: page.get_translation(locale).specific.url + suffix
            for language, locale in locales.items()
        }

    chinese = locales["zh-hans"]
    home = Site.objects.get(is_default_site=True).root_page.specific
    column = TalkIndexPage.objects.get(locale=chinese)
    year = AnnualSchedulePage.objects.get(locale=chinese, year=2022)

    def session(slug):
        return TalkSessionPage.objects.get(locale=chinese, slug=slug)

    past = session("2022-09-agriculture-and-rural-affairs")
    ended = session("showcase-ended")
    announced = session("showcase-announced")
    search = {
        language: in_each_language(home)[language] + f"search/?query={SEARCH_TERMS[language]}"
        for language in LANGUAGES
    }
    return [
        ("home", in_each_language(home)),
        ("column", in_each_language(column)),
        ("year 2022", in_each_language(year)),
        ("year iCalendar", in_each_language(year, year.reverse_subpage("ical"))),
        ("session, 2022 (past)", in_each_language(past)),
        ("session, ended (transcript)", in_each_language(ended)),
        ("session, board open", in_each_language(announced)),
        ("session iCalendar", in_each_language(announced, announced.reverse_subpage("ical"))),
        ("ask form", in_each_language(announced, announced.reverse_subpage("ask_question"))),
        ("question lookup", in_each_language(column, column.reverse_subpage("question_lookup"))),
        ("search", search),
    ]


def measure(client, path, runs):
    from django.db import connection

    def request():
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            started = time.perf_counter()
            response = client.get(path, secure=True)
            elapsed = (time.perf_counter() - started) * 1000
        return response, counter.count, elapsed

    response, first_queries, _ = request()  # cold: caches and templates fill here
    queries, milliseconds = [], []
    for _ in range(runs):
        response, count, elapsed = request()
        queries.append(count)
        milliseconds.append(elapsed)
    return Measurement(response.status_code, first_queries, queries, milliseconds)


def report(pages, client, runs):
    from django.conf import settings

    print(
        f"\nsettings {os.environ['DJANGO_SETTINGS_MODULE']}, DEBUG={settings.DEBUG}, "
        f"{runs} requests per page after one cold request; queries: per request (first request)\n"
    )
    print(
        f"{'page type':<28} {'lang':<7} {'status':>6} {'queries':>12} {'median ms':>9} "
        f"{'p90 ms':>7}  path"
    )
    for page_type, paths in pages:
        for language in LANGUAGES:
            path = paths[language]
            measured = measure(client, path, runs)
            print(
                f"{page_type:<28} {language:<7} {measured.status:>6} "
                f"{measured.query_figure():>12} {statistics.median(measured.milliseconds):>9.1f} "
                f"{measured.percentile(0.9):>7.1f}  {path}",
                flush=True,
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()
    try:
        database = bench_database_from_environment()
    except RefusedDatabase as error:
        raise SystemExit(f"pages refused: {error}") from None

    workdir = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    prepare_environment(database, workdir)
    print(
        f"database        {database.url}: create, migrate, collectstatic, load_demo …", flush=True
    )
    try:
        database.create()
    except RefusedDatabase as error:
        shutil.rmtree(workdir, ignore_errors=True)
        raise SystemExit(f"pages refused: {error}") from None
    django_ready = False
    try:
        import django

        django.setup()
        django_ready = True
        from django.test import Client

        load_site()
        report(public_pages(), Client(HTTP_HOST="localhost"), args.runs)
    finally:
        if django_ready:
            from django.db import connections

            connections.close_all()  # DROP DATABASE would end them anyway; this is politer
        shutil.rmtree(workdir, ignore_errors=True)
        if args.keep_db:
            print(f"database kept   {database.url}")
        else:
            database.drop()


if __name__ == "__main__":
    main()
