"""A bench must never destroy data: it refuses every database but its own `_bench` one, before it
connects, and drops only a database that carries the marker it leaves when it creates one.

The scripts are run for real in a subprocess. The "project database" they must not touch is a
listening socket standing in for its PostgreSQL server: a refusal that came after connecting would
show as an accepted connection (and a hang, cut short by the timeout).

The tests on a real server create and drop databases of their own. They run when
BENCH_SAFETY_TEST_DATABASE_URL names one ending in `_bench` (its server must let the user create
databases), or else when DATABASE_URL is PostgreSQL (as in CI), on that server as
`<its database>_safety_bench`; on SQLite alone they are skipped.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from bench.benchdb import (
    BENCH_MARKER,
    DEFAULT_BENCH_DATABASE_URL,
    BenchDatabase,
    RefusedDatabase,
    bench_database_from_environment,
    create_marked_database,
    database_marker,
    database_name,
    drop_marked_database,
    refuse_unless_bench_name,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH_SCRIPTS = [
    "bench/pages.py",
    "bench/questions_burst.py",
    "bench/live_poll.py",
    "bench/reminder_scan.py",
    "bench/search.py",
]
NAMES_NOT_ENDING_IN_BENCH = ["minsheng", "test_minsheng", "postgres", "minsheng_bench_x", "_bench"]


# -- the name rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES_NOT_ENDING_IN_BENCH)
def test_a_name_not_ending_in_bench_is_refused(name):
    with pytest.raises(RefusedDatabase, match="does not end in '_bench'"):
        refuse_unless_bench_name(name)


def test_a_name_ending_in_bench_is_accepted():
    refuse_unless_bench_name("minsheng_bench")  # raises nothing
    database = bench_database_from_environment(
        {"BENCH_DATABASE_URL": "postgres://postgres@db:5432/minsheng_bench"}
    )
    assert database == BenchDatabase("postgres://postgres@db:5432/minsheng_bench", "minsheng_bench")
    assert database.maintenance_url == "postgres://postgres@db:5432/postgres"


@pytest.mark.parametrize("name", NAMES_NOT_ENDING_IN_BENCH)
def test_a_bench_url_naming_another_database_is_refused(name):
    with pytest.raises(RefusedDatabase, match="does not end in '_bench'"):
        bench_database_from_environment(
            {"BENCH_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}
        )


def test_the_bench_reads_its_own_variable_not_database_url():
    environ = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/minsheng"}
    assert bench_database_from_environment(environ).url == DEFAULT_BENCH_DATABASE_URL
    assert bench_database_from_environment({}).name == "minsheng_bench"


def test_the_database_database_url_names_is_refused_even_when_it_ends_in_bench():
    url = "postgres://postgres@127.0.0.1:5432/minsheng_bench"
    with pytest.raises(RefusedDatabase, match="DATABASE_URL names too"):
        bench_database_from_environment({"BENCH_DATABASE_URL": url, "DATABASE_URL": url})


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("sqlite:///minsheng_bench", "must be a postgres:// URL"),
        ("postgres://postgres@127.0.0.1/minsheng_bench?dbname=minsheng", "dbname"),
        ("postgres://postgres@127.0.0.1/minsheng_bench?service=production", "service"),
    ],
)
def test_a_url_that_could_reach_another_database_is_refused(url, reason):
    with pytest.raises(RefusedDatabase, match=reason):
        bench_database_from_environment({"BENCH_DATABASE_URL": url})


def test_the_name_is_read_as_libpq_reads_it():
    assert database_name("postgres://h/minsheng%5Fbench") == "minsheng_bench"
    with pytest.raises(RefusedDatabase):
        bench_database_from_environment({"BENCH_DATABASE_URL": "postgres://h/minsheng%5Fbench%5Fx"})


# -- create and drop, against a recording stand-in for the server --------------------------------


class RecordingServer:
    """A maintenance connection that knows one database's comment and records the statements."""

    def __init__(self, databases):
        self.databases = databases  # name -> comment
        self.statements = []

    def execute(self, query, params=None):
        self.statements.append(str(query))
        if "pg_database" in str(query):
            name = params[0]
            rows = [(self.databases[name],)] if name in self.databases else []
            return _Result(rows)
        return _Result([])

    def kinds(self):
        return [
            kind
            for statement in self.statements
            for kind in ("CREATE DATABASE", "COMMENT ON DATABASE", "DROP DATABASE")
            if kind in statement
        ]


class _Result:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None


@pytest.mark.parametrize("comment", [None, "default administrative connection database"])
def test_drop_refuses_a_database_without_the_marker(comment):
    server = RecordingServer({"minsheng_bench": comment})
    with pytest.raises(RefusedDatabase, match="did not create it"):
        drop_marked_database(server, "minsheng_bench")
    assert server.kinds() == []


def test_drop_drops_a_database_with_the_marker():
    server = RecordingServer({"minsheng_bench": BENCH_MARKER})
    drop_marked_database(server, "minsheng_bench")
    assert server.kinds() == ["DROP DATABASE"]


def test_drop_refuses_a_name_not_ending_in_bench_without_asking_the_server():
    server = RecordingServer({"minsheng": BENCH_MARKER})
    with pytest.raises(RefusedDatabase):
        drop_marked_database(server, "minsheng")
    assert server.statements == []


def test_create_refuses_an_existing_database_without_the_marker():
    server = RecordingServer({"minsheng_bench": None})
    with pytest.raises(RefusedDatabase, match="the bench did not create it"):
        create_marked_database(server, "minsheng_bench")
    assert server.kinds() == []


def test_create_makes_a_new_database_and_marks_it():
    server = RecordingServer({})
    create_marked_database(server, "minsheng_bench")
    assert server.kinds() == ["CREATE DATABASE", "COMMENT ON DATABASE"]


def test_create_replaces_a_leftover_the_bench_made():
    server = RecordingServer({"minsheng_bench": BENCH_MARKER})
    create_marked_database(server, "minsheng_bench")
    assert server.kinds() == ["DROP DATABASE", "CREATE DATABASE", "COMMENT ON DATABASE"]


# -- the scripts' real refusal path -------------------------------------------------------------


@pytest.fixture
def project_server():
    """A listening socket in place of the project's PostgreSQL server; it records connections."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield listener
    listener.close()


def connections_made(listener):
    listener.setblocking(False)
    count = 0
    while True:
        try:
            connection, _address = listener.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def run_bench(script, **variables):
    """The script as a developer runs it, with the given variables and no other *DATABASE_URL."""
    environ = {key: value for key, value in os.environ.items() if not key.endswith("DATABASE_URL")}
    return subprocess.run(
        [sys.executable, script],
        cwd=ROOT,
        env={**environ, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("script", BENCH_SCRIPTS)
@pytest.mark.parametrize("name", NAMES_NOT_ENDING_IN_BENCH)
def test_a_bench_refuses_a_bad_name_before_connecting(script, name, project_server):
    server = f"postgres://postgres@127.0.0.1:{project_server.getsockname()[1]}"
    result = run_bench(
        script, BENCH_DATABASE_URL=f"{server}/{name}", DATABASE_URL=f"{server}/minsheng"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"the bench database name {name!r} does not end in '_bench'" in result.stderr
    assert connections_made(project_server) == 0


@pytest.mark.parametrize("script", BENCH_SCRIPTS)
def test_a_bench_refuses_the_project_database_even_named_like_a_bench(script, project_server):
    project = f"postgres://postgres@127.0.0.1:{project_server.getsockname()[1]}/minsheng_bench"
    result = run_bench(script, BENCH_DATABASE_URL=project, DATABASE_URL=project)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the database DATABASE_URL names too" in result.stderr
    assert connections_made(project_server) == 0


# -- on a real PostgreSQL server ----------------------------------------------------------------


def safety_test_database_url():
    explicit = os.environ.get("BENCH_SAFETY_TEST_DATABASE_URL")
    if explicit:
        return explicit
    project = os.environ.get("DATABASE_URL", "")
    if urlsplit(project).scheme not in ("postgres", "postgresql"):
        return None
    parts = urlsplit(project)
    return urlunsplit(parts._replace(path=f"/{database_name(project)}_safety_bench", query=""))


# This test's own marker: to the bench the database is one it did not create; to the test, a
# leftover of an interrupted run that it may drop.
TEST_MARKER = "minsheng-online bench safety test"


@pytest.fixture
def unmarked_database():
    """A `_bench` database the bench did not create, with one row in it; the test made it and
    drops it."""
    url = safety_test_database_url()
    if url is None:
        pytest.skip("needs PostgreSQL: BENCH_SAFETY_TEST_DATABASE_URL or a postgres DATABASE_URL")
    psycopg = pytest.importorskip("psycopg")
    from psycopg import sql

    database = bench_database_from_environment({"BENCH_DATABASE_URL": url})
    identifier = sql.Identifier(database.name)
    with psycopg.connect(database.maintenance_url, autocommit=True) as connection:
        exists, comment = database_marker(connection, database.name)
        if exists and comment != TEST_MARKER:
            pytest.fail(f"{database.name} exists and this test did not create it; not touching it")
        if exists:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(identifier))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(identifier, sql.Literal(TEST_MARKER))
        )
    with psycopg.connect(database.url) as connection:
        connection.execute("CREATE TABLE precious (value text)")
        connection.execute("INSERT INTO precious VALUES ('kept')")
    yield database
    with psycopg.connect(database.maintenance_url, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(identifier))


def precious_rows(database):
    import psycopg

    with psycopg.connect(database.url) as connection:
        return connection.execute("SELECT value FROM precious").fetchall()


def test_drop_refuses_a_real_database_without_the_marker(unmarked_database):
    with pytest.raises(RefusedDatabase, match="did not create it"):
        unmarked_database.drop()
    assert precious_rows(unmarked_database) == [("kept",)]


def test_create_refuses_a_real_database_without_the_marker(unmarked_database):
    with pytest.raises(RefusedDatabase, match="the bench did not create it"):
        unmarked_database.create()
    assert precious_rows(unmarked_database) == [("kept",)]


@pytest.mark.parametrize("script", BENCH_SCRIPTS)
def test_a_bench_leaves_a_real_database_it_did_not_create(script, unmarked_database):
    result = run_bench(script, BENCH_DATABASE_URL=unmarked_database.url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "already exists and the bench did not create it" in result.stderr
    assert precious_rows(unmarked_database) == [("kept",)]


def test_a_database_the_bench_created_carries_the_marker_and_is_dropped(unmarked_database):
    import psycopg

    with psycopg.connect(unmarked_database.maintenance_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{unmarked_database.name}"')
    unmarked_database.create()
    with psycopg.connect(unmarked_database.maintenance_url, autocommit=True) as connection:
        assert database_marker(connection, unmarked_database.name) == (True, BENCH_MARKER)
        unmarked_database.drop()
        assert database_marker(connection, unmarked_database.name) == (False, None)
