import pytest
from django.core.management import call_command
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
