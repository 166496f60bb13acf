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


# --- citizens' questions (the question board) ---------------------------------------------------

import time_machine  # noqa: E402
from django.utils import timezone  # noqa: E402

from onlinetalk.localization import translate_in_code  # noqa: E402
from onlinetalk.questions.addresses import salted_hash  # noqa: E402
from onlinetalk.questions.models import CitizenQuestion  # noqa: E402
from onlinetalk.questions.receipts import new_receipt_code  # noqa: E402
from onlinetalk.questions.text import text_fingerprint  # noqa: E402


def published_session(published_at, **fields):
    """A session page published through a revision at `published_at` (its announcement goes
    live then, and so does its question board). `fields` go to TalkSessionPageFactory."""
    with time_machine.travel(published_at, tick=False):
        page = TalkSessionPageFactory(**fields)
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def english_version(page, strings=None):
    """The English version of `page`, with English versions of its ancestors that lack one."""
    english = Locale.objects.get(language_code="en")
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(english) is None:
            translate_in_code(ancestor, english, {})
    return translate_in_code(page, english, strings or {})


class CitizenQuestionFactory(factory.django.DjangoModelFactory):
    """A question as the board stores it (pass `session`, and `status`/`consent_to_publish`)."""

    class Meta:
        model = CitizenQuestion

    nickname = factory.Sequence(lambda n: f"网友{n}")
    text = factory.Sequence(lambda n: f"请问第{n}条公交线路什么时候调整？")
    submitted_at = factory.LazyFunction(timezone.now)
    language = "zh-hans"
    receipt_code = factory.LazyFunction(new_receipt_code)
    address_hash = factory.Sequence(lambda n: salted_hash("address", f"192.0.2.{n % 250}"))
    text_hash = factory.LazyAttribute(lambda question: text_fingerprint(question.text))
