#!/usr/bin/env python
"""What thousands of readers of a live session cost: the readers' poll against a real server,
compared with rendering the session page.

1. creates its own PostgreSQL database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/minsheng_bench; never DATABASE_URL, the project's; see
   bench/benchdb.py for what it refuses) and, in this process with `portal.settings.production`
   (DEBUG off): `migrate`, `collectstatic` (into a temporary directory), `load_demo` (its showcase
   session `showcase-live` is live at the real current time), then --entries entries on that
   session's stream through the services (host, leader, citizens, notices, a photo every tenth,
   a correction and a withdrawal), whose after-commit work puts the stream's version in Redis;
2. uses Redis database --redis-db (default 13) on 127.0.0.1:6379 as the site's cache
   (REDIS_URL, as in production), and refuses it unless it is empty: at the end it deletes the
   site's keys (`minsheng:*`) from it;
3. starts gunicorn on a free loopback port: portal.wsgi, gthread workers (--workers 2 --threads 4
   by default), the same settings and environment, plus `-c bench/gunicorn_live.py`, which adds
   an `X-Bench-Queries` header (the request's SQL queries) to every response — bench only.
   Requests come as from the TLS proxy (X-Forwarded-Proto: https, DJANGO_SECURE_PROXY_SSL_HEADER)
   for the host `localhost`. DATABASE_CONN_MAX_AGE is production's (0 unless set);
4. runs each scenario for --seconds seconds with --connections concurrent keep-alive
   connections (threads with http.client in --client-processes processes):
   - poll, If-None-Match: readers with nothing new, each sending back the ETag it last got (as a
     browser does): 304;
   - poll, no If-None-Match: the same readers without the header: 200 from the cached answer;
   - poll while posting: as the first, while this process posts an entry every --post-every
     seconds (through the service, so the new version reaches Redis after the commit);
   - session page: GET of the full session page (what the poll saves readers from);
5. prints per scenario the requests per second, median and 99th-percentile latency, the status
   mix, the SQL queries per response, and checks the targets: an unchanged poll runs 0 queries
   and serves at least 10× the requests per second of the session page. Exits 1 if a check
   failed or setup failed. gunicorn is stopped on every exit (Ctrl-C too) and the bench
   database dropped (unless --keep-db).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/minsheng_bench \\
        .venv/bin/python bench/live_poll.py [--seconds 15] [--connections 100] [--workers 2]
        [--threads 4] [--client-processes 1] [--post-every 2.5] [--entries 60] [--redis-db 13]
        [--keep-db] [--keep-log]

Run with another interpreter, it starts again with the project's .venv if there is one.
"""

import argparse
import collections
import concurrent.futures
import http.client
import multiprocessing
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
if (
    __name__ == "__main__"
    and Path(sys.prefix).resolve() != VENV.resolve()
    and (VENV / "bin" / "python").exists()
):
    os.execv(VENV / "bin" / "python", [str(VENV / "bin" / "python"), *sys.argv])

sys.path.insert(0, str(ROOT))

from bench.benchdb import (  # noqa: E402
    RefusedDatabase,
    bench_database_from_environment,
    without_project_services,
)

SESSION_SLUG = "showcase-live"
HOST = "localhost"
CACHE_KEY_PATTERN = "minsheng:*"  # the site's KEY_PREFIX (portal/settings/base.py)
TARGET_RATIO = 10
CLIENT_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https", "Accept": "application/json"}


class SetupFailed(Exception):
    pass


# -- the load (runs in client processes: no Django here) ----------------------------------------


def load(port, path, seconds, connections, send_etag):
    """`connections` threads, each a keep-alive connection asking `path` until the time is up.
    Returns what came back: statuses, query counts, latencies (ms), distinct ETags, errors."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    totals = {
        "statuses": collections.Counter(),
        "queries": collections.Counter(),
        "milliseconds": [],
        "etags": set(),
        "errors": collections.Counter(),
    }
    start = threading.Barrier(connections)

    def reader():
        statuses, queries, milliseconds, etags, errors = (
            collections.Counter(),
            collections.Counter(),
            [],
            set(),
            collections.Counter(),
        )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        etag = None
        start.wait()
        while time.monotonic() < deadline:
            headers = dict(CLIENT_HEADERS)
            if send_etag and etag:
                headers["If-None-Match"] = etag
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as error:
                errors[type(error).__name__] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            milliseconds.append((time.perf_counter() - began) * 1000)
            statuses[response.status] += 1
            queries[response.getheader("X-Bench-Queries", "?")] += 1
            if response.status == 200 and response.getheader("ETag"):
                etag = response.getheader("ETag")
                etags.add(etag)
            if response.will_close:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.close()
        with lock:
            totals["statuses"].update(statuses)
            totals["queries"].update(queries)
            totals["milliseconds"].extend(milliseconds)
            totals["etags"].update(etags)
            totals["errors"].update(errors)

    began = time.monotonic()
    threads = [threading.Thread(target=reader) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    totals["seconds"] = time.monotonic() - began
    return totals


# -- scenarios ----------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    path: str
    send_etag: bool
    posting: bool = False
    result: dict = field(default_factory=dict)
    posts: int = 0

    @property
    def requests(self):
        return sum(self.result["statuses"].values())

    @property
    def rps(self):
        return self.requests / self.result["seconds"]

    def percentile(self, fraction):
        ordered = sorted(self.result["milliseconds"])
        return ordered[max(0, round(fraction * len(ordered)) - 1)] if ordered else float("nan")


def run_scenario(pool, args, port, scenario, poster=None):
    """The scenario's load split over the client processes, the poster beside it."""
    processes = args.client_processes
    shares = [
        args.connections // processes + (i < args.connections % processes) for i in range(processes)
    ]
    stop = threading.Event()
    posting = None
    if scenario.posting and poster is not None:
        posting = threading.Thread(target=poster, args=(stop, scenario), daemon=True)
        posting.start()
    futures = [
        pool.submit(load, port, scenario.path, args.seconds, share, scenario.send_etag)
        for share in shares
        if share
    ]
    results = [future.result() for future in futures]
    stop.set()
    if posting is not None:
        posting.join()
    merged = {
        "statuses": collections.Counter(),
        "queries": collections.Counter(),
        "milliseconds": [],
        "etags": set(),
        "errors": collections.Counter(),
        "seconds": max(result["seconds"] for result in results),
    }
    for result in results:
        for key in ("statuses", "queries", "errors", "etags"):
            merged[key].update(result[key])
        merged["milliseconds"].extend(result["milliseconds"])
    scenario.result = merged
    return scenario


# -- the site -----------------------------------------------------------------------------------


def prepare_environment(database, workdir, redis_url):
    """Production settings on the bench database and the bench's Redis database, and nothing of
    the project's services. Also what gunicorn gets."""
    environ = without_project_services(os.environ)
    environ.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
        REDIS_URL=redis_url,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
    )
    os.environ.clear()
    os.environ.update(environ)
    return environ


def build_site(entries):
    """migrate, collectstatic, load_demo, and `entries` entries on the live showcase session.
    Returns (session, its page path, its poll path)."""
    import io

    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import translation

    output = io.StringIO()
    for command, options in (
        ("migrate", {"interactive": False}),
        ("collectstatic", {"interactive": False, "verbosity": 0}),
        ("load_demo", {}),
    ):
        started = time.perf_counter()
        call_command(command, stdout=output, **options)
        print(f"{command:<16}{time.perf_counter() - started:.1f} s", flush=True)

    from onlinetalk.sessions.models import TalkSessionPage

    session = TalkSessionPage.objects.get(slug=SESSION_SLUG, locale__language_code="zh-hans")
    started = time.perf_counter()
    post_entries(session, entries)
    print(f"{f'{entries} entries':<16}{time.perf_counter() - started:.1f} s", flush=True)
    with translation.override("zh-hans"):
        poll_path = reverse("onlinetalk_live:latest", args=[session.pk])
    return session, session.get_url(), poll_path


def entry_values(session, number):
    from wagtail.images import get_image_model

    from onlinetalk.live.stream import EntryInput

    leader = session.session_leaders.first().leader
    image = get_image_model().objects.first()
    kind = number % 4
    if number % 10 == 9 and image is not None:
        return EntryInput(role="host", image=image, image_alt="访谈现场", image_caption="访谈现场")
    if kind == 0:
        return EntryInput(role="host", text=f"<p>主持人：第{number}条，欢迎各位网友。</p>")
    if kind == 1:
        return EntryInput(role="citizen", asker=f"网友{number}", text=f"请问第{number}个问题？")
    if kind == 2:
        return EntryInput(
            role="guest", leader=leader, text=f"<p>第{number}条答复：<b>今年</b>落实。</p>"
        )
    return EntryInput(role="notice", text=f"<p>公告{number}</p>")


def post_entries(session, count):
    from onlinetalk.live import stream

    posted = [stream.post_entry(session, None, entry_values(session, n)) for n in range(count)]
    if len(posted) > 3:
        stream.correct_entry(posted[2], None, text="请问第2个问题（更正）？")
        stream.retract_entry(posted[3], None, "发错了")


def make_poster(session, every):
    """The staff member of scenario (b): an entry every `every` seconds through the service."""
    from django.db import connection

    from onlinetalk.live import stream
    from onlinetalk.live.stream import EntryInput

    def poster(stop, scenario):
        number = 0
        try:
            while not stop.wait(every):
                number += 1
                stream.post_entry(
                    session, None, EntryInput(role="host", text=f"<p>新条目 {number}</p>")
                )
                scenario.posts += 1
        finally:
            connection.close()

    return poster


# -- redis --------------------------------------------------------------------------------------


def redis_client(url):
    import redis

    return redis.Redis.from_url(url)


def check_redis_is_free(url):
    try:
        client = redis_client(url)
        size = client.dbsize()
    except Exception as error:  # the message says which
        raise SetupFailed(f"Redis at {url} does not answer: {error}") from None
    if size:
        raise SetupFailed(
            f"the Redis database {url} holds {size} keys: the bench uses an empty one of its own "
            f"(--redis-db N) and leaves others alone"
        )


def clear_site_keys(url):
    client = redis_client(url)
    keys = list(client.scan_iter(CACHE_KEY_PATTERN, count=1000))
    if keys:
        client.delete(*keys)
    return len(keys)


# -- the server ---------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port, args, log_file):
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "portal.wsgi",
        "-c",
        str(ROOT / "bench" / "gunicorn_live.py"),
        f"--bind=127.0.0.1:{port}",
        "--worker-class=gthread",
        f"--workers={args.workers}",
        f"--threads={args.threads}",
        "--keep-alive=30",
        "--timeout=60",
        "--graceful-timeout=5",
        "--log-level=warning",
    ]
    # A session of its own: Ctrl-C reaches the bench, which stops the server itself.
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_up(server, port, paths, timeout=120):
    """Until every path answers 200 (the first request of a cold worker takes a while)."""
    deadline = time.monotonic() + timeout
    pending = list(paths)
    while pending and time.monotonic() < deadline:
        if server.poll() is not None:
            raise SetupFailed(f"gunicorn exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", pending[0], headers=CLIENT_HEADERS)
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                pending.pop(0)
                continue
            if status >= 300:
                raise SetupFailed(f"{pending[0]} answered {status}, not 200")
        except OSError:
            pass
        time.sleep(0.2)
    if pending:
        raise SetupFailed(f"the server did not answer {pending[0]} within {timeout} s")


def stop_server(server):
    if server is None or server.poll() is not None:
        return
    server.terminate()  # gunicorn's master stops its workers gracefully
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def print_server_errors(log_path):
    text = Path(log_path).read_text(errors="replace")
    if text.strip():
        print(f"\n--- server log ({log_path}), last 60 lines ---")
        print("\n".join(text.splitlines()[-60:]))


# -- reporting ----------------------------------------------------------------------------------


def query_figure(counter):
    """'0' when every response ran 0 queries; else the counts with how many responses ran them."""
    if list(counter) == ["0"]:
        return "0"
    return ", ".join(f"{count}×{queries}" for queries, count in sorted(counter.items()))


def report(args, scenarios, session_entries):
    print(
        f"\nserver          gunicorn portal.wsgi, gthread, {args.workers} workers × "
        f"{args.threads} threads, portal.settings.production (DEBUG off), PostgreSQL and "
        f"Redis on 127.0.0.1\nload            {args.connections} keep-alive connections in "
        f"{args.client_processes} client process(es), {args.seconds:g} s per scenario; "
        f"the stream has {session_entries} entries\n"
    )
    print(
        f"{'scenario':<30}{'requests':>9}{'req/s':>9}{'median ms':>10}{'p99 ms':>8}  "
        f"{'statuses':<22}queries per response"
    )
    for scenario in scenarios:
        statuses = ", ".join(
            f"{status}: {count}" for status, count in sorted(scenario.result["statuses"].items())
        )
        print(
            f"{scenario.name:<30}{scenario.requests:>9}{scenario.rps:>9.0f}"
            f"{statistics.median(scenario.result['milliseconds']):>10.1f}"
            f"{scenario.percentile(0.99):>8.1f}  {statuses:<22}"
            f"{query_figure(scenario.result['queries'])}"
        )
        extra = []
        if scenario.posting:
            extra.append(
                f"{scenario.posts} entries posted, {len(scenario.result['etags'])} distinct "
                f"answers seen"
            )
        if scenario.result["errors"]:
            extra.append(f"client errors {dict(scenario.result['errors'])}")
        if extra:
            print(f"{'':<30}{'; '.join(extra)}")


def checks(scenarios):
    by_name = {scenario.name: scenario for scenario in scenarios}
    unchanged = by_name["poll, If-None-Match"]
    plain = by_name["poll, no If-None-Match"]
    posting = by_name["poll while posting"]
    page = by_name["session page"]
    ratio = unchanged.rps / page.rps if page.rps else float("inf")
    results = [
        (
            "an unchanged poll runs 0 queries (both poll scenarios without posting)",
            list(unchanged.result["queries"]) == ["0"] and list(plain.result["queries"]) == ["0"],
            f"{query_figure(unchanged.result['queries'])} / {query_figure(plain.result['queries'])}",
        ),
        (
            "an unchanged poll answers 304 to its own ETag",
            set(unchanged.result["statuses"]) <= {200, 304}
            and unchanged.result["statuses"][304] > unchanged.result["statuses"][200],
            f"{dict(unchanged.result['statuses'])}",
        ),
        (
            f"an unchanged poll ≥ {TARGET_RATIO}× the requests per second of the session page",
            ratio >= TARGET_RATIO,
            f"{unchanged.rps:.0f} vs {page.rps:.0f} req/s: {ratio:.1f}×",
        ),
        (
            "readers saw the new entries while posting (an answer per post, at least)",
            len(posting.result["etags"]) >= posting.posts >= 1,
            f"{posting.posts} posts, {len(posting.result['etags'])} distinct answers",
        ),
        (
            "no 5xx and no client errors",
            not any(status >= 500 for s in scenarios for status in s.result["statuses"])
            and not any(s.result["errors"] for s in scenarios),
            "",
        ),
    ]
    print()
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f" — {detail}" if detail else ""))
    return all(ok for _name, ok, _detail in results)


# -- main ---------------------------------------------------------------------------------------


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def stop_on_signals():
    """SIGTERM and SIGINT end the run through its cleanup. Installed again after the setup:
    something in it (django-q2's cluster class) puts its own handlers in place."""
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15, help="per scenario")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--client-processes", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--post-every", type=float, default=2.5, help="seconds between posts")
    parser.add_argument("--entries", type=int, default=60, help="entries before the run")
    parser.add_argument("--redis-db", type=int, default=13)
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    parser.add_argument("--keep-log", action="store_true", help="keep the server log file")
    args = parser.parse_args()

    try:
        database = bench_database_from_environment()
    except RefusedDatabase as error:
        raise SystemExit(f"live_poll refused: {error}") from None
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"

    stop_on_signals()
    workdir = Path(tempfile.mkdtemp(prefix="live-poll-bench-"))
    log_path = workdir / "gunicorn.log"
    print(
        f"database        {database.url}: create, migrate, collectstatic, load_demo …", flush=True
    )
    try:
        database.create()
    except RefusedDatabase as error:
        shutil.rmtree(workdir, ignore_errors=True)
        raise SystemExit(f"live_poll refused: {error}") from None

    server = pool = None
    django_ready = redis_checked = False
    failed = True
    try:
        check_redis_is_free(redis_url)
        redis_checked = True
        env = prepare_environment(database, workdir, redis_url)
        import django

        django.setup()
        django_ready = True
        session, page_path, poll_path = build_site(args.entries)
        stop_on_signals()
        from onlinetalk.live.models import LiveEntry

        entries = LiveEntry.objects.filter(stream__session=session, stream__kind="public").count()

        port = free_port()
        with open(log_path, "wb") as log_file:
            server = start_server(env, port, args, log_file)
        wait_until_up(server, port, [page_path, poll_path])
        print(f"server          http://127.0.0.1:{port}{page_path} and {poll_path}", flush=True)

        pool = concurrent.futures.ProcessPoolExecutor(
            args.client_processes, mp_context=multiprocessing.get_context("spawn")
        )
        # Warm every worker thread: templates, catalogues, the answer in the cache.
        warm = argparse.Namespace(**{**vars(args), "seconds": 1.5})
        for path in (page_path, poll_path):
            run_scenario(pool, warm, port, Scenario("warm-up", path, send_etag=False))

        scenarios = [
            Scenario("poll, If-None-Match", poll_path, send_etag=True),
            Scenario("poll, no If-None-Match", poll_path, send_etag=False),
            Scenario("poll while posting", poll_path, send_etag=True, posting=True),
            Scenario("session page", page_path, send_etag=False),
        ]
        poster = make_poster(session, args.post_every)
        for scenario in scenarios:
            print(f"running         {scenario.name} …", flush=True)
            run_scenario(pool, args, port, scenario, poster)
        report(args, scenarios, entries)
        failed = not checks(scenarios)
    except SetupFailed as error:
        print(f"live_poll setup failed: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
    finally:
        # A second Ctrl-C (or the group's SIGINT after the process's own) must not cut the
        # cleanup short: gunicorn is stopped and the database dropped whatever comes.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if pool is not None:
            for process in list((pool._processes or {}).values()):
                process.terminate()  # the client processes, mid-scenario on Ctrl-C
            pool.shutdown(wait=False, cancel_futures=True)
        stop_server(server)
        if failed and log_path.exists():
            print_server_errors(log_path)
        if args.keep_log:
            print(f"server log      {log_path}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        if django_ready:
            from django.db import connections

            connections.close_all()
        if redis_checked:
            try:
                removed = clear_site_keys(redis_url)
                print(f"redis           {removed} keys of the site removed from {redis_url}")
            except Exception as error:  # reported, the database is still dropped
                print(f"could not clear {redis_url}: {error}", file=sys.stderr)
        if args.keep_db:
            print(f"database kept   {database.url}")
        else:
            try:
                database.drop()
            except Exception as error:  # reported; the exit status says it failed
                print(f"could not drop the bench database: {error}", file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
