#!/usr/bin/env python
"""Render the public pages of the demo and print, per page, the number of SQL queries and the
median render time over several runs. Uses the database DATABASE_URL names (default: the dev
SQLite file); run `manage.py load_demo` first.

    .venv/bin/python bench/pages.py [--runs 20]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PAGES = [
    "/",
    "/minsheng-online/",
    "/minsheng-online/2022/",
    "/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/",
    "/en/minsheng-online/2022/2022-09-agriculture-and-rural-affairs/",
    "/minsheng-online/2022/ical/",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    print(f"{'page':<66} {'status':>6} {'queries':>7} {'median ms':>9} {'p90 ms':>7}")
    for path in PAGES:
        client.get(path)  # warm caches (site root paths, templates)
        timings = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"{path:<66} {response.status_code:>6} {len(queries.captured_queries):>7} "
            f"{statistics.median(timings):>9.1f} {p90:>7.1f}"
        )


if __name__ == "__main__":
    main()
