from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale, Site


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
