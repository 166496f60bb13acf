"""Factories for page trees and snippets. Pages are built under the migrated home page."""

import factory
import wagtail_factories
from wagtail.models import Locale

from onlinetalk.departments.models import Department
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot, TalkIndexPage


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"市测试局{n}")
    short_name = factory.Sequence(lambda n: f"测试局{n}")
    reminder_email = factory.Sequence(lambda n: f"unit{n}@example.gov.cn")
    locale = factory.LazyFunction(Locale.get_default)


class TalkIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TalkIndexPage

    title = "民生在线"
    slug = factory.Sequence(lambda n: f"minsheng-online-{n}")
    intro = "<p>栏目简介</p>"


class AnnualSchedulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AnnualSchedulePage

    title = factory.LazyAttribute(lambda page: f"{page.year}年民生在线")
    slug = factory.LazyAttribute(lambda page: str(page.year))
    year = 2022
    notice = "<p>通知正文</p>"
    issuing_office = "珠海市人民政府办公室"
    first_month = 3
    last_month = 12


def add_slot(page, month, units, **fields):
    """Add a published slot to a year page (the live row, no revision)."""
    slot = ScheduleSlot(page=page, month=month, **fields)
    # A ParentalManyToManyField keeps its value in memory until the slot is saved.
    slot.departments.set(units)
    slot.save()
    return slot


# --- sessions (issue 3) -----------------------------------------------------------------------

import datetime  # noqa: E402
import zoneinfo  # noqa: E402

from onlinetalk.departments.models import Leader  # noqa: E402
from onlinetalk.sessions.models import SessionLeader, TalkSessionPage  # noqa: E402

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"测试领导{n}")
    position = "局长"
    department = factory.SubFactory(DepartmentFactory)
    locale = factory.LazyFunction(Locale.get_default)


class TalkSessionPageFactory(wagtail_factories.PageFactory):
    """A session page (live, never published through a revision unless the test does it).

    Pass `departments=[unit]` and `leaders=[leader, …]`; both are saved with the page.
    """

    class Meta:
        model = TalkSessionPage

    title = factory.Sequence(lambda n: f"测试访谈{n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start = datetime.datetime(2022, 9, 28, 10, 0, tzinfo=SHANGHAI)
    duration_minutes = 60
    summary = "访谈简介。"

    @classmethod
    def _create(cls, model_class, *args, leaders=(), **kwargs):
        kwargs["session_leaders"] = [SessionLeader(leader=leader) for leader in leaders]
        return super()._create(model_class, *args, **kwargs)
