"""Shared helpers of the question board tests: one session, announced a week before it starts,
its board open at NOW; the URLs of the board and sending its form. The page tree and the unit
are conftest's `column`, `year_page` and `unit` fixtures."""

import datetime
import re

import time_machine
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from tests.clock import SHANGHAI, local  # noqa: F401  (SHANGHAI: importable from here too)
from tests.factories import (
    AnnualSchedulePageFactory,
    DepartmentFactory,
    LeaderFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
)

START = local(2022, 9, 28, 10, 0)
END = START + datetime.timedelta(minutes=60)
PUBLISHED = START - datetime.timedelta(days=7)  # the announcement goes live: the board opens
NOW = local(2022, 9, 25, 10, 0)  # the board is open
MICROSECOND = datetime.timedelta(microseconds=1)
TEXT = "请问17路公交什么时候恢复原来的线路？"


def zh(message, **params):
    """A message as a Chinese page shows it (the msgid until it is translated)."""
    with translation.override("zh-hans"):
        text = gettext(message)
        return text % params if params else text


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


# --- the pages ----------------------------------------------------------------------------------

# conftest's `column`, `year_page` and `unit` fixtures build the tree; these helpers build the
# same pages without a fixture (kept for callers outside fixtures).


def new_column(home):
    return TalkIndexPageFactory(parent=home)


def new_year_page(column):
    return AnnualSchedulePageFactory(parent=column, year=2022)


def new_unit():
    return DepartmentFactory(name="市交通运输局")


def new_session(year_page, unit, **fields):
    """A session of `unit` in the `announced` state at NOW: it starts at START and was published
    (its board opened) at PUBLISHED, a week before START."""
    fields.setdefault("start", START)
    return TalkSessionPageFactory(
        announced=True,
        now=NOW,
        parent=year_page,
        departments=[unit],
        leaders=[LeaderFactory(department=unit)],
        **fields,
    )


def frozen_clock():
    """The clock frozen at NOW, while the board is open; tests move it with shift/move_to."""
    return time_machine.travel(NOW, tick=False)


# --- URLs ---------------------------------------------------------------------------------------


def ask_url(page):
    return page.url + page.reverse_subpage("ask_question")


def vote_url(page, question):
    return page.url + page.reverse_subpage("question_vote", args=[question.pk])


def receipt_url(page, code):
    return page.url + page.reverse_subpage("question_receipt", args=[code])


def lookup_url(column_page):
    return column_page.url + column_page.reverse_subpage("question_lookup")


# --- sending the form ---------------------------------------------------------------------------


def form_token(client, page, extra=None):
    """The signed token of the form as the ask page hands it out (to the address in `extra`'s
    REMOTE_ADDR and headers, by default the test client's)."""
    response = client.get(ask_url(page), **(extra or {}))
    assert response.status_code == 200
    return re.search(r'name="issued" value="([^"]+)"', response.content.decode()).group(1)


def form_data(token, **fields):
    """The form as a citizen fills it in; `fields` replace the defaults, None leaves one out."""
    data = {
        "nickname": "热心市民",
        "text": TEXT,
        "contact": "",
        "consent_to_publish": "on",
        "website": "",
        "issued": token,
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def ask(client, page, clock, extra=None, *, wait=30, **fields):
    """Open the form, take `wait` seconds (half a minute) to write, send it: `fields` go to
    form_data, `extra` to both requests (REMOTE_ADDR, headers: one connection)."""
    token = form_token(client, page, extra)
    clock.shift(datetime.timedelta(seconds=wait))
    return client.post(ask_url(page), form_data(token, **fields), **(extra or {}))
