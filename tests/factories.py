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
    """Add a published slot to a year page."""
    slot = ScheduleSlot(page=page, month=month, **fields)
    slot.save()
    slot.departments.set(units)
    return slot
