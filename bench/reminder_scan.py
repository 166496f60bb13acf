#!/usr/bin/env python
"""How long the reminder scan takes and how many SQL queries it makes, at 1,000 and 10,000
sessions: what it reads must not grow with the number of sessions (one query for the sessions
with their units, one for the commitments, the working-day calendar once per scan), only the
sending grows, with the number of reminders due.

The bench creates its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/minsheng_bench; never DATABASE_URL, the project's; see
bench/benchdb.py for what it refuses), runs `migrate` with `portal.settings.production` (DEBUG
off), makes a column, a year page, 40 units, `setup_portal`'s groups and a few people (the
Office's editor and approver, an editor and a reviewer in 10 of the units), then grows the year
to each size and scans at a fixed moment (2022-11-15 09:05, Beijing time). The sessions are
cloned in bulk from one made through Wagtail (correct tree path, depth and numchild; the build
time is printed apart). The mix, per 1,000 sessions:

- 850 past and replied (not read by the scan), 30 past awaiting their replies (due soon or late),
- 60 upcoming within the reminders' horizon (plans incomplete, announcements not approved, the
  briefing and rehearsal due tomorrow, some live within the hour), 60 upcoming later,
- a commitment on each of 100 past sessions: half open (due soon or overdue), half done.

Per size it prints the build time, the scan's time and queries (counted with
`connection.execute_wrapper`, which needs no DEBUG), the reminders due, rows claimed and mails
sent (to Django's in-memory mail backend), and the queries and time of the rules alone
(`due_reminders`: what the scan reads). The reminder log is emptied before each measured scan,
so each scan claims and sends everything due at its size. It prints figures and checks none
(tests/test_reminder_scan_queries.py asserts the rules' queries do not grow). The database is
dropped at the end unless --keep-db.

With `--mix history` only the first thousand sessions follow the mix and every further one is a
past, replied session with its commitment done — a city's archive growing over the years: the work
due stays the same, and so should the whole scan's queries.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench \\
        .venv/bin/python bench/reminder_scan.py [--sizes 1000 10000] [--mix history] [--keep-db]
"""

import argparse
import datetime
import io
import shutil
import sys
import tempfile
import time
import uuid
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.benchdb import (  # noqa: E402
    QueryCounter,
    RefusedDatabase,
    bench_database_from_environment,
    prepare_environment,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2022, 11, 15, 9, 5, tzinfo=SHANGHAI)
UNITS = 40
UNITS_WITH_PEOPLE = 10
DAY = datetime.timedelta(days=1)
BATCH = 1000


def timed(label, work):
    started = time.perf_counter()
    result = work()
    print(f"{label:<34}{time.perf_counter() - started:8.1f} s", flush=True)
    return result


# --- the world ---------------------------------------------------------------------------------


class World:
    """The column, the year page, the units, the people, and a template session to clone."""

    def __init__(self):
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from wagtail.models import Locale, Site
        from wagtail.users.models import UserProfile

        from onlinetalk.access.models import AccessGroup, AccessRole
        from onlinetalk.departments.models import Department, Leader
        from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage
        from onlinetalk.sessions.models import TalkSessionPage

        self.locale = Locale.get_default()
        home = Site.objects.get(is_default_site=True).root_page
        column = home.add_child(instance=TalkIndexPage(title="民生在线", slug="minsheng-online"))
        self.year = column.add_child(
            instance=AnnualSchedulePage(
                title="2022年民生在线",
                slug="2022",
                year=2022,
                notice="<p>年度安排通知。</p>",
                issuing_office="市政府办公室",
            )
        )
        self.units = [
            Department.objects.create(name=f"市测试{number:02}局", short_name=f"测试{number:02}")
            for number in range(UNITS)
        ]
        self.leaders = [
            Leader.objects.create(name=f"领导{number:02}", position="局长", department=unit)
            for number, unit in enumerate(self.units)
        ]
        call_command("setup_portal", stdout=io.StringIO())
        users = get_user_model().objects

        def person(username, role, unit=None, language="zh-hans"):
            user = users.create_user(username, f"{username}@example.gov.cn", "pw")
            user.groups.add(AccessGroup.objects.get(role=role, department=unit).group)
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()

        person("office-editor", AccessRole.OFFICE_EDITOR)
        person("office-approver", AccessRole.OFFICE_APPROVER, language="en")
        for number, unit in enumerate(self.units[:UNITS_WITH_PEOPLE]):
            person(f"unit{number:02}-editor", AccessRole.UNIT_EDITOR, unit)
            person(f"unit{number:02}-reviewer", AccessRole.UNIT_REVIEWER, unit, language="en")
        self.template = self.year.add_child(
            instance=TalkSessionPage(
                title="模板访谈",
                slug="template",
                start=datetime.datetime(2022, 1, 5, 10, 0, tzinfo=SHANGHAI),
                summary="访谈简介。",
                replies_published_at=datetime.datetime(2022, 1, 12, 10, 0, tzinfo=SHANGHAI),
            )
        )
        self.template.departments.add(self.units[0])
        self.sessions = 1


MIX = {"mix": "proportional"}  # set from --mix


def kind_of(number):
    """The kind of the number-th session of each thousand (see the docstring's mix); with
    `--mix history`, every session past the first thousand is a past, replied one."""
    if in_the_archive(number):
        return "replied"
    slot = number % 1000
    if slot < 850:
        return "replied"
    if slot < 880:
        return "awaiting replies"
    if slot < 940:
        return "upcoming soon"
    return "upcoming later"


def in_the_archive(number):
    """With `--mix history`, a session past the first thousand: replied, its commitment done."""
    return MIX["mix"] == "history" and number >= 1000


def start_of(number, kind):
    """A start spread over the kind's period (10:00 or 15:00, Beijing time)."""
    hour = 10 if number % 2 else 15
    if kind == "replied":
        day = datetime.date(2022, 1, 3) + DAY * (number % 280)
    elif kind == "awaiting replies":
        day = NOW.date() - DAY * (1 + number % 25)
    elif kind == "upcoming soon":
        day = NOW.date() + DAY * (number % 20)
    else:
        day = NOW.date() + DAY * (30 + number % 40)
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)
    if kind == "upcoming soon" and number % 20 == 0:
        start = NOW + datetime.timedelta(minutes=40)  # live within the hour
    return start


def grow(world, size):
    """Clone sessions of the template under the year page until it holds `size` of them."""
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Page

    from onlinetalk.responses.models import Commitment, CommitmentStatus
    from onlinetalk.sessions.models import SessionLeader, TalkSessionPage

    template, year = world.template, world.year
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    session_fields = TalkSessionPage._meta.local_concrete_fields
    departments = TalkSessionPage.departments.through
    numbers = range(world.sessions, size)
    for first in range(numbers.start, numbers.stop, BATCH):
        batch = range(first, min(first + BATCH, numbers.stop))
        with transaction.atomic():
            pages, sessions = [], []
            for number in batch:
                kind = kind_of(number)
                page = Page(
                    **{field.attname: getattr(template, field.attname) for field in page_fields}
                )
                page.path = Page._get_path(year.path, year.depth + 1, number + 1)
                page.title = page.draft_title = f"测试访谈{number:05}"
                page.slug = f"session-{number:05}"
                page.url_path = f"{year.url_path}{page.slug}/"
                page.translation_key = uuid.uuid4()
                page.live = kind != "upcoming later" or number % 2 == 0
                pages.append(page)
                session = TalkSessionPage(
                    **{field.attname: getattr(template, field.attname) for field in session_fields}
                )
                session.start = start_of(number, kind)
                session.replies_published_at = (
                    session.start + 7 * DAY if kind == "replied" else None
                )
                session.announced_at = session.start - 7 * DAY if page.live else None
                sessions.append(session)
            Page.objects.bulk_create(pages)
            for page, session in zip(pages, sessions, strict=True):
                session.page_ptr_id = page.pk
            TalkSessionPage.objects._insert(sessions, fields=session_fields)
            unit_of = {
                page.pk: world.units[number % UNITS]
                for number, page in zip(batch, pages, strict=True)
            }
            departments.objects.bulk_create(
                [
                    departments(talksessionpage_id=page_id, department_id=unit.pk)
                    for page_id, unit in unit_of.items()
                ]
            )
            SessionLeader.objects.bulk_create(
                [
                    SessionLeader(
                        page_id=page.pk,
                        leader=world.leaders[number % UNITS],
                        locale=world.locale,
                        translation_key=uuid.uuid4(),
                        sort_order=0,
                    )
                    for number, page in zip(batch, pages, strict=True)
                    if number % 3  # a third of the plans are incomplete (no leaders)
                ]
            )
            Commitment.objects.bulk_create(
                [
                    Commitment(
                        session_id=page.pk,
                        department=unit_of[page.pk],
                        text=f"第{number:05}项承诺。",
                        owner=unit_of[page.pk].name,
                        made_at=session.start,
                        expected_on=NOW.date() + DAY * (number % 90 - 60),
                        status=CommitmentStatus.IN_PROGRESS
                        if number % 20 < 10 and not in_the_archive(number)
                        else CommitmentStatus.DONE,
                        progress=40,
                    )
                    for number, page, session in zip(batch, pages, sessions, strict=True)
                    if number % 10 == 0 and session.start < NOW
                ]
            )
            Page.objects.filter(pk=year.pk).update(numchild=F("numchild") + len(pages))
    world.sessions = size
    year.refresh_from_db()


# --- the measurements --------------------------------------------------------------------------


def counted(work):
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = work()
        elapsed = (time.perf_counter() - started) * 1000
    return result, counter.count, elapsed


def measure(world, size):
    import time_machine
    from django.core import mail
    from django.test.utils import override_settings

    from onlinetalk.reminders.models import ReminderLog
    from onlinetalk.reminders.rules import due_reminders
    from onlinetalk.reminders.scan import scan
    from onlinetalk.request_memo import remembering
    from onlinetalk.sessions.models import TalkSessionPage

    build_started = time.perf_counter()
    grow(world, size)
    build_seconds = time.perf_counter() - build_started
    assert TalkSessionPage.objects.count() == size
    ReminderLog.objects.all().delete()
    mail.outbox = []
    with time_machine.travel(NOW, tick=False), remembering():
        rules_due, rules_queries, rules_ms = counted(lambda: due_reminders(NOW))
    with (
        time_machine.travel(NOW, tick=False),
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ONLINETALK_REMINDER_BATCH=100_000,  # one scan sends everything, for the figures
        ),
    ):
        result, scan_queries, scan_ms = counted(lambda: scan(NOW))
        again, again_queries, again_ms = counted(lambda: scan(NOW))
    return {
        "sessions": size,
        "build s": build_seconds,
        "scan ms": scan_ms,
        "scan queries": scan_queries,
        "due": result.due,
        "claimed": result.claimed,
        "sent": result.sent,
        "mails": len(mail.outbox),
        "rules ms": rules_ms,
        "rules queries": rules_queries,
        "rules due": len(rules_due),
        "rescan ms": again_ms,
        "rescan queries": again_queries,
        "rescan sent": again.sent,
    }


COLUMNS = [
    ("sessions", "{:>9}"),
    ("build s", "{:>8.1f}"),
    ("scan ms", "{:>9.0f}"),
    ("scan queries", "{:>13}"),
    ("due", "{:>5}"),
    ("claimed", "{:>8}"),
    ("sent", "{:>5}"),
    ("mails", "{:>6}"),
    ("rules ms", "{:>9.0f}"),
    ("rules queries", "{:>14}"),
    ("rescan ms", "{:>10.0f}"),
    ("rescan queries", "{:>15}"),
    ("rescan sent", "{:>12}"),
]


def report(rows):
    print()
    header = []
    for name, fmt in COLUMNS:
        width = int(fmt.strip("{:>}").split(".")[0].rstrip("f"))
        header.append(f"{name:>{width}}")
    print(" ".join(header))
    for row in rows:
        print(" ".join(fmt.format(row[name]) for name, fmt in COLUMNS), flush=True)
    print(
        "\nscan: claim, retire and send everything due (each mail: a few queries under its row"
        " lock);\nrules: due_reminders alone (what the scan reads); rescan: the same scan again"
        " (all claimed: nothing sent)."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--mix",
        choices=["proportional", "history"],
        default="proportional",
        help="proportional: the work due grows with the sessions (the mix per thousand); "
        "history: the first thousand as mixed, every further session past and replied (the "
        "work due stays the same, so the whole scan should not grow)",
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    args = parser.parse_args()
    MIX["mix"] = args.mix
    try:
        database = bench_database_from_environment()
    except RefusedDatabase as error:
        raise SystemExit(f"reminder_scan refused: {error}") from None

    workdir = Path(tempfile.mkdtemp(prefix="reminder-bench-"))
    prepare_environment(database, workdir)
    print(f"database                          {database.url}: create, migrate …", flush=True)
    try:
        database.create()
    except RefusedDatabase as error:
        shutil.rmtree(workdir, ignore_errors=True)
        raise SystemExit(f"reminder_scan refused: {error}") from None
    django_ready = False
    try:
        import django

        django.setup()
        django_ready = True
        from django.core.management import call_command

        timed("migrate", lambda: call_command("migrate", interactive=False, stdout=io.StringIO()))
        world = timed("units, people, setup_portal", World)
        rows = []
        for size in sorted(args.sizes):
            row = measure(world, size)
            print(f"grow the year to {size:<17}{row['build s']:8.1f} s", flush=True)
            rows.append(row)
        report(rows)
    finally:
        if django_ready:
            from django.db import connections

            connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
        if args.keep_db:
            print(f"database kept   {database.url}")
        else:
            database.drop()


if __name__ == "__main__":
    main()
