"""The one place where a bench decides which PostgreSQL database it may create, write and drop.

A bench recreates its database on every run. Pointed at the wrong one it would wipe real data:
DATABASE_URL names the project's database (the README, CI and deployments set it), so no bench
reads it. A bench takes its database from BENCH_DATABASE_URL instead and refuses, before it
connects to anything:

- a URL that is not PostgreSQL, or whose database name does not end in `_bench`;
- a URL that could make the driver connect to another database than its path names (`dbname`
  or `service` among the query parameters);
- the database DATABASE_URL names, even when that name ends in `_bench`.

On the server it then creates the database itself and leaves a marker on it (a comment on the
database). It refuses a database of that name that exists without the marker, and drops only a
database that carries the marker: a database the bench did not make is never written or dropped.
"""

import os
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

BENCH_DATABASE_VARIABLE = "BENCH_DATABASE_URL"
DEFAULT_BENCH_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/minsheng_bench"
BENCH_NAME_SUFFIX = "_bench"
BENCH_MARKER = "minsheng-online bench"
# The database every PostgreSQL server has, from which another one can be created and dropped.
MAINTENANCE_DATABASE = "postgres"
# libpq lets these query parameters override the database a URL's path names.
DATABASE_CHOOSING_PARAMETERS = {"dbname", "service"}
# What a developer's shell may point at the project's own services: a bench passes none of them on
# to what it runs (the cache falls back to one per process, e-mail to the console).
PROJECT_SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST")


class RefusedDatabase(Exception):
    """The bench will not use this database; the message says why and what to do instead."""


def refuse_unless_bench_name(name):
    if not name.endswith(BENCH_NAME_SUFFIX) or name == BENCH_NAME_SUFFIX:
        raise RefusedDatabase(
            f"the bench database name {name!r} does not end in {BENCH_NAME_SUFFIX!r}: a bench "
            f"drops and recreates its database, so it only uses one named like "
            f"'minsheng{BENCH_NAME_SUFFIX}'. Set {BENCH_DATABASE_VARIABLE} to such a URL."
        )


def database_name(url):
    """The database a PostgreSQL URL names (its path, percent-decoded as libpq reads it)."""
    return unquote(urlsplit(url).path.removeprefix("/"))


def is_postgresql(url):
    return urlsplit(url).scheme in ("postgres", "postgresql")


@dataclass(frozen=True)
class BenchDatabase:
    """A checked bench database URL. Checking needs no connection; create and drop do."""

    url: str
    name: str

    @property
    def maintenance_url(self):
        return urlunsplit(urlsplit(self.url)._replace(path=f"/{MAINTENANCE_DATABASE}"))

    def create(self):
        """Create the database with the marker; a marked leftover of an earlier run (--keep-db,
        an interrupted run) is dropped first."""
        import psycopg

        with psycopg.connect(self.maintenance_url, autocommit=True) as connection:
            create_marked_database(connection, self.name)

    def drop(self):
        import psycopg

        with psycopg.connect(self.maintenance_url, autocommit=True) as connection:
            drop_marked_database(connection, self.name)


def bench_database_from_environment(environ=None):
    """The bench database BENCH_DATABASE_URL names (or the default), or RefusedDatabase."""
    environ = os.environ if environ is None else environ
    url = environ.get(BENCH_DATABASE_VARIABLE) or DEFAULT_BENCH_DATABASE_URL
    if not is_postgresql(url):
        raise RefusedDatabase(
            f"{BENCH_DATABASE_VARIABLE} must be a postgres:// URL (the bench creates and drops "
            f"its database on a PostgreSQL server), not {urlsplit(url).scheme or url!r}"
        )
    choosing = DATABASE_CHOOSING_PARAMETERS & set(parse_qs(urlsplit(url).query))
    if choosing:
        raise RefusedDatabase(
            f"{BENCH_DATABASE_VARIABLE} has the parameter(s) {', '.join(sorted(choosing))}, "
            f"which could choose another database than the one its path names; leave them out"
        )
    name = database_name(url)
    refuse_unless_bench_name(name)
    project_url = environ.get("DATABASE_URL") or ""
    if is_postgresql(project_url) and database_name(project_url) == name:
        raise RefusedDatabase(
            f"{BENCH_DATABASE_VARIABLE} names {name!r}, the database DATABASE_URL names too: the "
            f"bench never uses the project's database; give it a database of its own"
        )
    return BenchDatabase(url=url, name=name)


def without_project_services(environ):
    """A copy of `environ` without the variables that point at the project's database, cache
    and mail server."""
    return {key: value for key, value in environ.items() if key not in PROJECT_SERVICE_VARIABLES}


def database_marker(connection, name):
    """(exists, comment) of the database `name` on the server of `connection`."""
    row = connection.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    ).fetchone()
    return (False, None) if row is None else (True, row[0])


def create_marked_database(connection, name):
    from psycopg import sql

    refuse_unless_bench_name(name)
    exists, comment = database_marker(connection, name)
    if exists and comment != BENCH_MARKER:
        raise RefusedDatabase(
            f"a database {name!r} already exists and the bench did not create it (it has no "
            f"comment {BENCH_MARKER!r}); the bench leaves it alone. Drop it yourself if it is "
            f"yours to drop, or set {BENCH_DATABASE_VARIABLE} to a new name ending in "
            f"{BENCH_NAME_SUFFIX!r}"
        )
    if exists:
        drop_marked_database(connection, name)
    identifier = sql.Identifier(name)
    connection.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
    connection.execute(
        sql.SQL("COMMENT ON DATABASE {} IS {}").format(identifier, sql.Literal(BENCH_MARKER))
    )


def drop_marked_database(connection, name):
    """Drop the database `name` if the bench made it; refuse one without the marker. A database
    that does not exist (already dropped, never created) is nothing to do."""
    from psycopg import sql

    refuse_unless_bench_name(name)
    exists, comment = database_marker(connection, name)
    if not exists:
        return
    if comment != BENCH_MARKER:
        raise RefusedDatabase(
            f"the database {name!r} has no comment {BENCH_MARKER!r}: the bench did not create "
            f"it and does not drop it"
        )
    connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


# --- what the benches that run production settings share ---------------------------------------


class QueryCounter:
    """An execute wrapper: counts what reaches the database, whatever DEBUG says."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def prepare_environment(database, workdir):
    """Production settings on the bench database, and nothing of the project's services."""
    environ = without_project_services(os.environ)
    environ.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    os.environ.clear()
    os.environ.update(environ)
