from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Site

# Tests with serialized_rollback (live servers, threads on PostgreSQL) restore the migrations' rows:
# make that restore safe for the whole test process.
import tests.serialized_rollback  # noqa: F401
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    LeaderFactory,
    TalkIndexPageFactory,
)
from tests.question_support import frozen_clock, new_session
from tests.serialized_rollback import restore_what_the_migrations_made
from tests.session_support import DEMO_NOW, demo_for_module


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "year_page(**fields): the `year_page` fixture with these AnnualSchedulePageFactory "
        "fields (published=True: published through a revision)",
    )
    config.addinivalue_line(
        "markers",
        "adapts(field): expectations that follow a model field a parallel change adds "
        "(the test checks hasattr and expects the new behaviour once the field exists)",
    )


@pytest.fixture(scope="session", autouse=True)
def _stray_connections_ended_before_the_test_database_is_dropped(
    django_db_setup, django_db_blocker
):
    """The live server's request threads (browser tests) keep idle PostgreSQL connections, which
    would stop pytest-django from dropping the test database at the end. They are ended then,
    once nothing needs them — never during the run, where a test's own connection may be among
    them (Playwright's event loop can give the code inside it a connection of its own)."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _migrations_data(request):
    """Every test that uses the database finds the rows the migrations made, even after another
    file's transactional test emptied it (see restore_what_the_migrations_made). Transactional
    tests restore them themselves (serialized_rollback)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or "live_server" in (
        request.fixturenames
    )
    if marker is not None:
        transactional = transactional or marker.kwargs.get("transaction", False)
    if ("db" in request.fixturenames or marker is not None) and not transactional:
        request.getfixturevalue("db")
        restore_what_the_migrations_made()


@pytest.fixture
def chinese(db):
    return Locale.objects.get(language_code="zh-hans")


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home(db):
    """The home page the migrations create: the default site's root, in Chinese."""
    return Site.objects.get(is_default_site=True).root_page.specific


# --- a page tree of our own (the column, a year, a unit and its leader) ---------------------------


@pytest.fixture
def column(home):
    """The column (民生在线, a TalkIndexPage) under the home page."""
    return TalkIndexPageFactory(parent=home)


@pytest.fixture
def year_page(request, column):
    """The 2022 schedule page under `column`: live, without a revision, March to December.

    A module or test that needs another year page says so with a marker, not a fixture of its
    own: `@pytest.mark.year_page(first_month=3, last_month=6, published=True)`. The fields go to
    AnnualSchedulePageFactory; `published=True` publishes the page through a revision.
    """
    marker = request.node.get_closest_marker("year_page")
    fields = {"year": 2022, **(marker.kwargs if marker else {})}
    published = fields.pop("published", False)
    page = AnnualSchedulePageFactory(parent=column, **fields)
    if published:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


@pytest.fixture
def unit(db):
    """A unit (Department) of the programme."""
    return DepartmentFactory(name="市农业农村局")


@pytest.fixture
def leader(unit):
    """A leader of `unit`."""
    return LeaderFactory(name="孙丽", position="市农业农村局局长", department=unit)


# --- the demo site -------------------------------------------------------------------------------


@pytest.fixture
def demo(db):
    """The demo site as `load_demo` builds it (2022 programme, Chinese and English)."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from onlinetalk.schedule.models import AnnualSchedulePage

    return AnnualSchedulePage.objects.get(year=2022, locale__language_code="zh-hans")


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """`load_demo` once for a whole test module, inside a transaction rolled back after it.

    Each test still runs in its own savepoint (the `db` fixture), so a test may change the demo
    without the next one seeing it. Loading the demo takes long; tests that only read it share
    one load this way.
    """
    with django_db_blocker.unblock():
        cache.clear()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            restore_what_the_migrations_made()
            call_command("load_demo", stdout=StringIO())
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        cache.clear()


@pytest.fixture
def shared_demo(_demo_for_module, db):
    """Like `demo`, loaded once per module: for tests that read the demo (or change it only
    inside their own transaction)."""
    from onlinetalk.schedule.models import AnnualSchedulePage

    return AnnualSchedulePage.objects.get(year=2022, locale__language_code="zh-hans")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """`load_demo --now DEMO_NOW` once for the module (tests/session_support.py)."""
    with demo_for_module(django_db_blocker):
        yield


@pytest.fixture
def frozen(demo_site, db):
    """The demo's moment: the showcase session is live, the 2022 sessions have their replies."""
    with time_machine.travel(DEMO_NOW, tick=False):
        yield DEMO_NOW


@pytest.fixture
def session(year_page, unit):
    """A session of `unit` announced on 2022-09-21 10:00, starting 2022-09-28 10:00: its question
    board is open at question_support.NOW. A module may define its own `session`."""
    return new_session(year_page, unit, title="优化公交线网", slug="transport")


@pytest.fixture
def clock(session):
    """The clock frozen at question_support.NOW, while the board is open; tests move it with
    shift/move_to."""
    with frozen_clock() as traveller:
        yield traveller


# --- the live broadcast ---------------------------------------------------------------------------


@pytest.fixture
def live_session(year_page, unit):
    """A session of `unit` (2022-09-28 10:00–11:00) with one leader; its stream is empty.
    Clear the cache: the poll's state lives there."""
    from tests.live_support import new_live_session

    cache.clear()
    yield new_live_session(year_page, unit)
    cache.clear()


@pytest.fixture
def during(live_session):
    """The clock frozen in the live hour (10:20)."""
    from tests.live_support import DURING

    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def office(live_session):
    """An Office editor (setup_portal's groups) whose admin speaks English, so that tests read
    the msgids."""
    from wagtail.users.models import UserProfile

    from tests.live_support import office_group, staff

    call_command("setup_portal", stdout=StringIO())
    user = staff("office-editor", office_group())
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def console(client, office, during):
    """The test client logged in as `office`, in the live hour."""
    client.force_login(office)
    return client


# --- hot responses: the column and its pages (issue 9) -------------------------------------------


@pytest.fixture
def response_column(home):
    """The 热点回应 column (a live HotResponseIndexPage) under the home page."""
    from tests.factories import HotResponseIndexPageFactory

    return HotResponseIndexPageFactory(parent=home, slug="hot-responses")


@pytest.fixture
def hot_response(response_column, session):
    """`session`'s hot response, published on time (2022-10-10, the deadline is 2022-10-17),
    with a reply and a suggestion."""
    from tests.factories import HotResponsePageFactory, local, reply_block, suggestion_block

    return HotResponsePageFactory(
        parent=response_column,
        session=session,
        body=[reply_block(summary="关于公交线路调整的问题"), suggestion_block()],
        published_at=local(2022, 10, 10, 10, 0),
    )


# --- statistics and inspection evidence (issue 11) -----------------------------------------------


@pytest.fixture
def inspection_world(home):
    """The hand-counted 2022 of tests/inspection_support.py: three units, seven sessions."""
    from tests.inspection_support import inspection_year

    return inspection_year(home)
