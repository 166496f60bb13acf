#!/usr/bin/env python
"""A burst of citizens' questions against a real server: does the board keep its limits and lose
nothing when many people send at once?

What it does, on PostgreSQL only (the limits rely on row locks):

1. creates its own database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/minsheng_bench; never DATABASE_URL, the project's), runs
   `manage.py migrate` and `manage.py load_demo`; the demo's session `showcase-announced` has an
   open question board. bench/benchdb.py refuses a name that does not end in `_bench` and a
   database of that name the bench did not create, before anything is written;
2. starts gunicorn (portal.wsgi, several workers × threads, a free loopback port) with
   bench/settings_questions.py: DEBUG off, X-Forwarded-For trusted (one proxy), so each simulated
   citizen has an address of its own, and a minimum fill time of one second;
3. fetches one form per submission (CSRF cookie, signed `issued` token), waits the minimum fill
   time once, then sends all submissions from concurrent clients in a shuffled order. By default
   500 submissions from 20 clients and 120 addresses: 20 addresses send 8 questions each (the
   limit is 5 per address in 10 minutes), the others 3 or 4; 10 addresses send their first
   question a second time right after it (deliberate duplicates, counted apart). Every other text
   is distinct. 500 submissions exceed the 300 per session in 10 minutes, so both limits bite;
4. checks the database against the responses: each 302 has its receipt code and maps to exactly
   one question row with that code, text and address; there are no new rows without a response
   (the demo's own questions, there before the burst, are left out); no address and no session
   got past its limit; the limiter refused no more than it had to; every refusal was a 429 (a
   duplicate of a stored question: 409, or 429 once a limit is reached); no response was a 5xx;
5. prints the figures (requests, statuses, wall time, submissions per second, median and p95 POST
   latency), PASS/FAIL per check, and exits 1 if any check failed. The server is stopped and
   the bench database dropped in all cases (--keep-db keeps it for inspection; the next run
   drops it, as it carries the bench's marker).

    .venv/bin/python bench/questions_burst.py [--submissions 500] [--clients 20] [--addresses 120]
        [--workers 4] [--threads 4] [--keep-db] [--keep-log]

Run with another interpreter, it starts again with the project's .venv if there is one.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import shutil
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
if Path(sys.prefix).resolve() != VENV.resolve() and (VENV / "bin" / "python").exists():
    os.execv(VENV / "bin" / "python", [str(VENV / "bin" / "python"), *sys.argv])

sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import requests  # noqa: E402

from bench.benchdb import (  # noqa: E402
    RefusedDatabase,
    bench_database_from_environment,
    without_project_services,
)

SETTINGS = "bench.settings_questions"
SESSION_SLUG = "showcase-announced"
HEAVY_ADDRESSES = 20  # addresses that send more than the per-address limit
HEAVY_SENDS = 8
DUPLICATES = 10
# Which limit a 429 names, recognised by words of its message (English source, Chinese
# catalogue): for the report only, the checks do not depend on it.
REFUSAL_MARKERS = {
    "address": ("from one connection", "同一网络连接"),
    "session": ("Very many questions", "收到的留言很多"),
}
RECEIPT = re.compile(r"/questions/([A-Z0-9]{10})/\?received=1$")
HIDDEN = {
    name: re.compile(rf'name="{name}" value="([^"]*)"|value="([^"]*)" name="{name}"')
    for name in ("csrfmiddlewaretoken", "issued")
}


@dataclass
class Planned:
    """One submission: who sends what, and later what came back."""

    number: int
    address: str
    nickname: str
    text: str
    duplicate_of: "Planned | None" = None
    form: dict = field(default_factory=dict)  # csrf cookie and hidden fields of its fetched form
    get_status: int | None = None
    get_ms: float | None = None
    status: int | None = None  # of the POST
    post_ms: float | None = None
    receipt: str | None = None
    refusal: str | None = None  # which limit a 429 names
    error: str | None = None


# -- preparing ----------------------------------------------------------------------------------


def manage(*args, env, capture=False):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")
    return result.stdout if capture else None


SITE_FACTS = """
import json, os
from django.utils import timezone
from wagtail.models import Page
from onlinetalk.conf import get_setting
from onlinetalk.questions.addresses import salted_hash
from onlinetalk.questions.board import board_window
page = Page.objects.get(slug="%s", locale__language_code="zh-hans").specific
names = ["QUESTIONS_PER_ADDRESS", "QUESTIONS_PER_SESSION", "QUESTION_RATE_WINDOW_MINUTES",
         "QUESTION_MIN_FILL_SECONDS", "TRUSTED_PROXY_COUNT"]
print("BENCH-JSON:" + json.dumps({
    "session_id": page.pk,
    "ask_path": page.url + page.reverse_subpage("ask_question"),
    "board_open": board_window(page, timezone.now()).is_open,
    "limits": {name: get_setting(name) for name in names},
    "hashes": {a: salted_hash("address", a) for a in os.environ["BENCH_ADDRESSES"].split(",")},
}))
"""


def site_facts(env, addresses):
    """What the application itself says, with the server's settings: the session's form URL, the
    limits, and the salted hash of each simulated address."""
    output = manage(
        "shell",
        "-c",
        SITE_FACTS % SESSION_SLUG,
        env={**env, "BENCH_ADDRESSES": ",".join(addresses)},
        capture=True,
    )
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON:"))
    return json.loads(line.removeprefix("BENCH-JSON:"))


def plan(submissions, addresses, seed):
    """Who sends how many: HEAVY_ADDRESSES addresses send HEAVY_SENDS each, the rest share what
    is left; DUPLICATES light addresses send their first text twice."""
    rng = random.Random(seed)
    heavy = min(HEAVY_ADDRESSES, addresses - 1)
    counts = [HEAVY_SENDS] * heavy
    light = addresses - heavy
    left = submissions - sum(counts)
    counts += [left // light + (1 if i < left % light else 0) for i in range(light)]
    if left < light or min(counts) < 1:
        raise SystemExit("too few submissions for that many addresses")
    planned, jobs = [], []
    duplicates_left = DUPLICATES
    for index, count in enumerate(counts):
        address = f"198.51.{100 + index // 250}.{index % 250 + 1}"
        own = []
        for _ in range(count):
            number = len(planned) + 1
            item = Planned(
                number,
                address,
                nickname=f"市民{index + 1:03d}",
                text=f"关于公交线路 {number} 的问题: 何时延长到新区? (bench 提问 #{number})",
            )
            planned.append(item)
            own.append(item)
        if index >= heavy and duplicates_left and count >= 2:
            # The last text of this address becomes the first one again, sent right after it
            # by the same client: a citizen pressing "send" twice.
            duplicates_left -= 1
            original, copy = own[0], own[-1]
            copy.text, copy.duplicate_of = original.text, original
            jobs.append([original, copy])
            jobs.extend([item] for item in own[1:-1])
        else:
            jobs.extend([item] for item in own)
    rng.shuffle(jobs)
    return planned, jobs


# -- the server ---------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, port, workers, threads, log_file):
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "portal.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--timeout=60",
        "--log-level=warning",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)


def wait_until_up(server, url, timeout=120):
    """Until the form answers 200: the first request of a cold worker takes seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            if requests.get(url, timeout=30).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within {timeout} s")


def stop_server(server):
    if server is None or server.poll() is not None:
        return
    server.terminate()  # gunicorn's master stops its workers gracefully
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# -- the clients --------------------------------------------------------------------------------

_local = threading.local()


def _http():
    """One keep-alive connection pool per client thread; cookies are sent explicitly."""
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


def _timed(method, url, **kwargs):
    http = _http()
    started = time.perf_counter()
    response = http.request(method, url, allow_redirects=False, timeout=120, **kwargs)
    elapsed = (time.perf_counter() - started) * 1000
    http.cookies.clear()  # every submission is a browser of its own
    return response, elapsed


def fetch_form(item, url):
    try:
        response, item.get_ms = _timed("GET", url, headers={"X-Forwarded-For": item.address})
    except requests.RequestException as error:
        item.error = f"GET: {error}"
        return
    item.get_status = response.status_code
    item.form = {"cookie": response.cookies.get("csrftoken")}
    for name, pattern in HIDDEN.items():
        match = pattern.search(response.text)
        item.form[name] = (match.group(1) or match.group(2)) if match else None


def send(item, url):
    if item.get_status != 200:
        return
    data = {
        "nickname": item.nickname,
        "text": item.text,
        "contact": f"1380000{item.number:04d}" if item.number % 3 else "",
        "website": "",
        "issued": item.form["issued"],
        "csrfmiddlewaretoken": item.form["csrfmiddlewaretoken"],
    }
    if item.number % 2:
        data["consent_to_publish"] = "on"
    try:
        response, item.post_ms = _timed(
            "POST",
            url,
            data=data,
            headers={"X-Forwarded-For": item.address, "Referer": url},
            cookies={"csrftoken": item.form["cookie"] or ""},
        )
    except requests.RequestException as error:
        item.error = f"POST: {error}"
        return
    item.status = response.status_code
    if response.status_code == 302:
        match = RECEIPT.search(response.headers.get("Location", ""))
        item.receipt = match.group(1) if match else None
    elif response.status_code == 429:
        item.refusal = next(
            (
                limit
                for limit, markers in REFUSAL_MARKERS.items()
                if any(marker in response.text for marker in markers)
            ),
            "unrecognised",
        )


def run_jobs(function, jobs, clients):
    """Run each job (a list of submissions handled in order by one client) on `clients` threads."""
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(lambda job=job: [function(item) for item in job]) for job in jobs]
        for future in futures:
            future.result()
    return time.perf_counter() - started


# -- checking -----------------------------------------------------------------------------------


def stored_questions(database_url, window_minutes):
    """Every question row, and whether it counts in the rate window now."""
    query = """
        SELECT q.receipt_code, q.session_id, q.nickname, q.text, q.address_hash,
               (SELECT count(*) FROM onlinetalk_questionevent e
                WHERE e.question_id = q.id AND e.action = 'submitted'),
               q.submitted_at > now() - make_interval(mins => %s)
        FROM onlinetalk_citizenquestion q
    """
    with psycopg.connect(database_url) as connection:
        return connection.execute(query, [window_minutes]).fetchall()


def checks(planned, baseline, rows, facts):
    """The checks, each (name, passed, detail). `baseline` are the rows before the burst (the
    demo's own questions): they are no one's response, and they count in the limits if recent."""
    limits = facts["limits"]
    per_address, per_session = limits["QUESTIONS_PER_ADDRESS"], limits["QUESTIONS_PER_SESSION"]
    hashes = facts["hashes"]
    successes = [item for item in planned if item.status == 302]
    old_codes = {row[0] for row in baseline}
    recent = [row for row in rows if row[6]]  # what the limits count now
    rows = [row for row in rows if row[0] not in old_codes]
    by_code = collections.defaultdict(list)
    for row in rows:
        by_code[row[0]].append(row)
    results = []

    def check(name, ok, detail=""):
        results.append((name, bool(ok), detail))

    statuses = [item.get_status for item in planned] + [item.status for item in planned]
    server_errors = sum(1 for status in statuses if status and status >= 500)
    check("no 5xx responses", server_errors == 0, f"{server_errors} responses were 5xx")
    errors = [item.error for item in planned if item.error]
    check("every request got a response", not errors, "; ".join(errors[:3]))
    check(
        "every form GET was 200 with a CSRF cookie and an issued token",
        all(
            item.get_status == 200
            and all(item.form.get(key) for key in ("cookie", "csrfmiddlewaretoken", "issued"))
            for item in planned
        ),
    )

    def matches(item):
        found = by_code.get(item.receipt, [])
        if len(found) != 1:
            return False
        _code, session_id, nickname, text, address_hash, events, _recent = found[0]
        return (
            session_id == facts["session_id"]
            and nickname == item.nickname
            and text == item.text
            and address_hash == hashes[item.address]
            and events == 1
        )

    unmatched = [item for item in successes if not item.receipt or not matches(item)]
    check(
        "each 302 maps to one question row (code, text, address hash, one 'submitted' event)",
        not unmatched,
        f"{len(unmatched)} did not, e.g. #{unmatched[0].number}" if unmatched else "",
    )
    codes = {item.receipt for item in successes}
    orphans = [code for code in by_code if code not in codes]
    check(
        "new rows == successes (no row without a 302)",
        len(rows) == len(successes) and not orphans,
        f"{len(rows)} new rows ({len(baseline)} demo rows before), {len(successes)} successes, "
        f"{len(orphans)} rows without a response",
    )

    sent = collections.Counter(item.address for item in successes)
    stored = collections.Counter(row[4] for row in recent)
    worst_sent = max(sent.values(), default=0)
    worst_stored = max(stored.values(), default=0)
    check(
        f"no address got more than {per_address} questions through",
        worst_sent <= per_address and worst_stored <= per_address,
        f"most per address: {worst_sent} by responses, {worst_stored} in the database",
    )
    session_rows = sum(1 for row in recent if row[1] == facts["session_id"])
    earlier = sum(1 for row in baseline if row[6] and row[1] == facts["session_id"])
    capacity = per_session - earlier  # what the session could still take when the burst began
    check(
        f"the session got no more than {per_session} questions in the window",
        len(successes) <= capacity and session_rows <= per_session,
        f"{len(successes)} successes, {session_rows} rows in the window ({earlier} before)",
    )

    # Not too strict either: unless the session limit was reached, every address got as many
    # of its distinct texts through as its own limit allows.
    distinct = collections.defaultdict(set)
    for item in planned:
        distinct[item.address].add(item.text)
    short = [
        address
        for address, texts in distinct.items()
        if sent[address] < min(len(texts), per_address)
    ]
    check(
        "the limiter refused nothing it had to take",
        len(successes) == capacity or not short,
        f"session limit reached ({len(successes)} + {earlier} earlier = {per_session})"
        if len(successes) == capacity
        else f"{len(short)} addresses got fewer than their share",
    )

    regular = [item for item in planned if item.duplicate_of is None]
    odd = collections.Counter(item.status for item in regular if item.status not in (302, 429))
    check("every refusal of a distinct text was a 429", not odd, f"other statuses: {dict(odd)}")
    repeats = [item for item in planned if item.duplicate_of and item.duplicate_of.status == 302]
    stored_twice = [item for item in repeats if item.status not in (409, 429)]
    check(
        "no duplicate of a stored question was stored (409, or 429 once a limit was reached)",
        not stored_twice,
        f"{len(repeats)} duplicates of stored questions; statuses "
        f"{dict(collections.Counter(item.status for item in repeats))}",
    )
    return results


# -- reporting ----------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, round(fraction * len(ordered)) - 1)] if ordered else float("nan")


def report(args, facts, planned, timings, results, ask_url):
    posts = [item for item in planned if item.status is not None]
    post_ms = [item.post_ms for item in posts]
    get_ms = [item.get_ms for item in planned if item.get_ms is not None]
    statuses = collections.Counter(item.status for item in posts)
    refusals = collections.Counter(item.refusal for item in posts if item.refusal)
    duplicates = [item for item in planned if item.duplicate_of]
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    total = timings["prepare"] + timings["forms"] + timings["wait"] + timings["posts"]
    limits = facts["limits"]
    print()
    print(f"form URL        {ask_url}")
    print(
        f"server          gunicorn portal.wsgi, {args.workers} workers × {args.threads} threads; "
        f"limits {limits['QUESTIONS_PER_ADDRESS']}/address and "
        f"{limits['QUESTIONS_PER_SESSION']}/session per {limits['QUESTION_RATE_WINDOW_MINUTES']} "
        f"min, fill time {limits['QUESTION_MIN_FILL_SECONDS']} s"
    )
    print(
        f"plan            {len(planned)} submissions from {args.addresses} addresses "
        f"({HEAVY_ADDRESSES} send {HEAVY_SENDS}), {len(duplicates)} deliberate duplicates, "
        f"{args.clients} concurrent clients"
    )
    print(
        f"requests        {len(get_ms) + len(posts)} ({len(get_ms)} form GETs, {len(posts)} POSTs)"
    )
    print(f"successes       {statuses.get(302, 0)} (302 with a receipt code)")
    refused = {status: count for status, count in sorted(statuses.items()) if status != 302}
    print(f"refusals        {sum(refused.values())} by status: {refused}")
    print(
        f"429 by limit    per address {refusals.get('address', 0)}, per session "
        f"{refusals.get('session', 0)}, unrecognised {refusals.get('unrecognised', 0)}"
    )
    print(
        f"duplicates      {len(duplicates)} sent: "
        f"{dict(collections.Counter(item.status for item in duplicates))}"
    )
    print(f"5xx             {server_errors}")
    print(
        f"wall time       {total:.1f} s (database and demo {timings['prepare']:.1f} s, forms "
        f"{timings['forms']:.1f} s, fill wait {timings['wait']:.1f} s, POSTs {timings['posts']:.2f} s)"
    )
    print(
        f"throughput      {len(posts) / timings['posts']:.1f} submissions/s during the POST burst, "
        f"{len(get_ms) / timings['forms']:.1f} forms/s"
    )
    print(
        f"POST latency    median {statistics.median(post_ms):.0f} ms, "
        f"p95 {percentile(post_ms, 0.95):.0f} ms, max {max(post_ms):.0f} ms"
    )
    print(
        f"GET latency     median {statistics.median(get_ms):.0f} ms, "
        f"p95 {percentile(get_ms, 0.95):.0f} ms"
    )
    print()
    for name, ok, detail in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f" — {detail}" if detail else ""))


def print_server_errors(log_path):
    text = Path(log_path).read_text(errors="replace")
    if "Traceback" in text or " 500" in text or "[ERROR]" in text:
        print(f"\n--- server log ({log_path}), last 150 lines ---")
        print("\n".join(text.splitlines()[-150:]))


# -- main ---------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--addresses", type=int, default=120)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep-db", action="store_true", help="do not drop the bench database")
    parser.add_argument("--keep-log", action="store_true", help="keep the server log file")
    args = parser.parse_args()

    try:
        database = bench_database_from_environment()
    except RefusedDatabase as error:
        raise SystemExit(f"questions_burst refused: {error}") from None
    database_url = database.url
    # The server and manage.py read BENCH_DATABASE_URL (bench/settings_questions.py); the
    # project's DATABASE_URL is not passed on, so nothing below can fall back to it.
    env = {
        **without_project_services(os.environ),
        "BENCH_DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONUNBUFFERED": "1",
    }
    planned, jobs = plan(args.submissions, args.addresses, args.seed)
    started = time.perf_counter()
    print(f"database        {database_url}: create, migrate, load_demo …", flush=True)
    try:
        database.create()
    except RefusedDatabase as error:
        raise SystemExit(f"questions_burst refused: {error}") from None
    workdir = Path(tempfile.mkdtemp(prefix="questions-burst-"))
    log_path = workdir / "gunicorn.log"
    server = None
    failed = True
    try:
        manage("migrate", "--no-input", env=env)
        manage("load_demo", env=env)
        facts = site_facts(env, sorted({item.address for item in planned}))
        window = facts["limits"]["QUESTION_RATE_WINDOW_MINUTES"]
        baseline = stored_questions(database_url, window)
        if not facts["board_open"]:
            raise SystemExit(f"the board of {SESSION_SLUG} is not open")
        port = free_port()
        ask_url = f"http://127.0.0.1:{port}{facts['ask_path']}"
        with open(log_path, "wb") as log_file:
            server = start_server(env, port, args.workers, args.threads, log_file)
        wait_until_up(server, ask_url)
        timings = {"prepare": time.perf_counter() - started}

        print(f"forms           fetching {len(planned)} forms …", flush=True)
        timings["forms"] = run_jobs(
            lambda item: fetch_form(item, ask_url), [[item] for item in planned], args.clients
        )
        started = time.perf_counter()
        time.sleep(facts["limits"]["QUESTION_MIN_FILL_SECONDS"] + 0.3)
        timings["wait"] = time.perf_counter() - started
        print(f"burst           {len(planned)} POSTs from {args.clients} clients …", flush=True)
        timings["posts"] = run_jobs(lambda item: send(item, ask_url), jobs, args.clients)

        rows = stored_questions(database_url, window)
        results = checks(planned, baseline, rows, facts)
        report(args, facts, planned, timings, results, ask_url)
        failed = not all(ok for _name, ok, _detail in results)
    finally:
        stop_server(server)
        if log_path.exists() and failed:
            print_server_errors(log_path)
        if args.keep_log:
            print(f"server log      {log_path}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        if args.keep_db:
            print(f"database kept   {database_url}")
        else:
            try:
                database.drop()
            except (RefusedDatabase, psycopg.Error) as error:
                print(f"could not drop the bench database: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
