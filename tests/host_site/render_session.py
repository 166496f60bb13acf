"""Run in a subprocess with DJANGO_SETTINGS_MODULE=tests.host_site.settings: migrate from zero,
build a column, a year and a session with the extension's own code, render the session page.
Prints the status code and the page; the test reads them."""

import datetime
import io
import zoneinfo

import django

django.setup()

from django.core.management import call_command  # noqa: E402  (after django.setup)
from django.test import Client  # noqa: E402
from wagtail.models import Site  # noqa: E402

from onlinetalk.departments.models import Department, Leader  # noqa: E402
from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage  # noqa: E402
from onlinetalk.sessions.models import SessionLeader, TalkSessionPage  # noqa: E402

call_command("migrate", verbosity=0)
call_command("setup_portal", stdout=io.StringIO())

root = Site.objects.get(is_default_site=True).root_page
column = root.add_child(instance=TalkIndexPage(title="民生在线", slug="minsheng-online"))
column.save_revision().publish()
year = column.add_child(
    instance=AnnualSchedulePage(
        title="2022年民生在线",
        slug="2022",
        year=2022,
        notice="<p>通知</p>",
        issuing_office="市府办",
    )
)
year.save_revision().publish()
unit = Department.objects.create(name="市教育局")
leader = Leader.objects.create(name="王老师", position="局长", department=unit)
session = TalkSessionPage(
    title="办好人民满意的教育",
    slug="education",
    start=datetime.datetime(2022, 11, 16, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
    live=False,
    announcement=[("guest_introduction", {"leader": leader, "introduction": "介绍"})],
)
session.session_leaders = [SessionLeader(leader=leader)]
session.departments.set([unit])
year.add_child(instance=session)
session.save_revision().publish()

response = Client().get(session.url)
print(response.status_code)
print(response.content.decode())
