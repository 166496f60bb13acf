"""Builds the demo site idempotently: what exists is left as it is, what is missing is made."""

import re

from django.db import transaction
from wagtail.models import Locale

from home.models import HomePage
from onlinetalk.departments.models import Department
from onlinetalk.localization import translate_in_code
from onlinetalk.schedule.models import AnnualSchedulePage, ScheduleSlot, TalkIndexPage

from . import programme_2022 as demo


def _paragraph_text(html):
    return re.sub(r"^<p>|</p>$", "", html)


def _strings(*pairs):
    """Source → translation map for translate_in_code; rich text is matched per paragraph."""
    strings = {}
    for chinese, english in pairs:
        strings[_paragraph_text(chinese)] = _paragraph_text(english)
    return strings


class DemoLoader:
    def __init__(self, log=print):
        self.log = log
        self.chinese = Locale.get_default()
        self.english = Locale.objects.get(language_code="en")

    @transaction.atomic
    def run(self):
        home = self.home()
        units = self.units()
        column = self.column(home)
        self.year_2022(column, units)

    def _publish(self, page):
        page.save_revision().publish()
        page.refresh_from_db()

    def _translate(self, instance, strings):
        if instance.get_translation_or_none(self.english) is None:
            translate_in_code(instance, self.english, strings)
            self.log(f"+ English: {instance}")

    def home(self):
        home = HomePage.objects.get(locale=self.chinese, depth=2)
        if not home.intro:
            home.title, home.draft_title = demo.HOME["title"][0], demo.HOME["title"][0]
            home.intro = demo.HOME["intro"][0]
            self._publish(home)
            self.log("~ home page text")
        self._translate(home, _strings(demo.HOME["title"], demo.HOME["intro"]))
        return home

    def units(self):
        units = {}
        for name, short_name, english_name, english_short, mailbox in demo.UNITS:
            unit, created = Department.objects.get_or_create(
                locale=self.chinese,
                name=name,
                defaults={
                    "short_name": short_name,
                    "reminder_email": f"{mailbox}@example.gov.cn",
                },
            )
            if created:
                self.log(f"+ unit: {name}")
            self._translate(unit, {name: english_name, short_name: english_short})
            units[name] = unit
        return units

    def column(self, home):
        column = TalkIndexPage.objects.child_of(home).filter(slug=demo.COLUMN["slug"]).first()
        if column is None:
            column = home.add_child(
                instance=TalkIndexPage(
                    title=demo.COLUMN["title"][0],
                    slug=demo.COLUMN["slug"],
                    intro=demo.COLUMN["intro"][0],
                )
            )
            self._publish(column)
            self.log(f"+ page: {column.title}")
        self._translate(
            column.specific,
            _strings(demo.COLUMN["title"], demo.COLUMN["intro"], (column.slug, column.slug)),
        )
        return column

    def year_2022(self, column, units):
        year = AnnualSchedulePage.objects.child_of(column).filter(slug=demo.YEAR["slug"]).first()
        if year is None:
            year = AnnualSchedulePage(
                title=demo.YEAR["title"][0],
                slug=demo.YEAR["slug"],
                year=demo.YEAR["year"],
                issuing_office=demo.YEAR["issuing_office"][0],
                issue_date=demo.YEAR["issue_date"],
                first_month=demo.YEAR["first_month"],
                last_month=demo.YEAR["last_month"],
                join_deadline=demo.YEAR["join_deadline"],
                notice="".join(f"<p>{chinese}</p>" for chinese, _ in demo.NOTICE),
            )
            slots = []
            for order, (month, names) in enumerate(demo.ANNEX):
                slot = ScheduleSlot(month=month, sort_order=order)
                slot.departments.set([units[name] for name in names])
                slots.append(slot)
            year.schedule_slots.set(slots)
            column.add_child(instance=year)
            self._publish(year)
            self.log(f"+ page: {year.title}")
        self._translate(
            year,
            _strings(
                demo.YEAR["title"],
                demo.YEAR["issuing_office"],
                (year.slug, year.slug),
                *demo.NOTICE,
            ),
        )
        return year
