"""A session's lifecycle facts are stored when they happen: the announcement when a page of the
session is first published live (by an editor or by scheduled publishing), the same on every
language's page, never part of a revision, never copied with the page."""

from io import StringIO

import time_machine
from django.core.management import call_command

from onlinetalk.sessions.lifecycle import record_replies_published, withdraw_replies
from onlinetalk.sessions.models import TalkSessionPage
from tests.clock import local
from tests.factories import TalkSessionPageFactory, english_version

START = local(2022, 9, 28, 10, 0)


def _draft(year_page, unit, **fields):
    return TalkSessionPageFactory(
        parent=year_page, departments=[unit], start=START, live=False, **fields
    )


def test_a_draft_is_not_announced(year_page, unit):
    session = _draft(year_page, unit)

    assert session.announced_at is None
    assert session.get_status(local(2022, 9, 27)) == "planned"


def test_publishing_records_the_announcement_once(year_page, unit):
    session = _draft(year_page, unit)
    with time_machine.travel(local(2022, 9, 21, 9, 0), tick=False):
        session.save_revision().publish()
    with time_machine.travel(local(2022, 9, 22, 9, 0), tick=False):
        session.title = "新标题"
        session.save_revision().publish()

    session.refresh_from_db()
    assert session.announced_at == local(2022, 9, 21, 9, 0)
    assert session.get_status(local(2022, 9, 27)) == "announced"


def test_scheduled_publishing_records_the_moment_the_page_goes_live(year_page, unit):
    session = _draft(year_page, unit)
    with time_machine.travel(local(2022, 9, 1, 9, 0), tick=False):
        session.go_live_at = local(2022, 9, 21, 10, 0)
        session.save_revision().publish()
    session.refresh_from_db()
    assert (session.live, session.announced_at) == (False, None)

    with time_machine.travel(local(2022, 9, 21, 10, 1), tick=False):
        call_command("publish_scheduled", stdout=StringIO())

    session.refresh_from_db()
    assert session.live
    assert session.announced_at == local(2022, 9, 21, 10, 1)


def test_publishing_an_old_revision_keeps_the_stored_facts(year_page, unit):
    session = _draft(year_page, unit)
    old_revision = session.save_revision()
    with time_machine.travel(local(2022, 9, 21, 9, 0), tick=False):
        session.save_revision().publish()
    session.refresh_from_db()
    record_replies_published(session, local(2022, 10, 10, 9, 0))

    old_revision.publish()

    session.refresh_from_db()
    assert session.announced_at == local(2022, 9, 21, 9, 0)
    assert session.replies_published_at == local(2022, 10, 10, 9, 0)


def test_every_language_page_shares_the_facts(year_page, unit):
    session = _draft(year_page, unit)
    with time_machine.travel(local(2022, 9, 21, 9, 0), tick=False):
        session.save_revision().publish()
    with time_machine.travel(local(2022, 9, 23, 9, 0), tick=False):
        english = english_version(TalkSessionPage.objects.get(pk=session.pk))

    assert english.announced_at == local(2022, 9, 21, 9, 0)
    record_replies_published(session, local(2022, 10, 10, 9, 0))
    english.refresh_from_db()
    assert english.replies_published_at == local(2022, 10, 10, 9, 0)
    assert english.get_status(local(2022, 10, 11)) == "replied"

    withdraw_replies(english)
    session.refresh_from_db()
    assert session.replies_published_at is None
    assert session.get_status(local(2022, 10, 11)) == "awaiting_replies"


def test_a_translation_made_after_the_replies_takes_the_recorded_facts(year_page, unit):
    """Copies leave the facts out; the translation published later takes its siblings'."""
    session = _draft(year_page, unit)
    with time_machine.travel(local(2022, 9, 21, 9, 0), tick=False):
        session.save_revision().publish()
    record_replies_published(session, local(2022, 10, 10, 9, 0))

    with time_machine.travel(local(2022, 10, 20, 9, 0), tick=False):
        english = english_version(TalkSessionPage.objects.get(pk=session.pk))

    english.refresh_from_db()
    assert english.announced_at == local(2022, 9, 21, 9, 0)
    assert english.replies_published_at == local(2022, 10, 10, 9, 0)
    assert english.get_status(local(2022, 10, 21)) == "replied"


def test_a_copy_of_a_session_starts_without_facts(year_page, unit):
    session = _draft(year_page, unit)
    session.save_revision().publish()
    record_replies_published(session, local(2022, 10, 10, 9, 0))

    copy = session.copy(update_attrs={"slug": "copy", "title": "复制"}, keep_live=False)

    assert (copy.announced_at, copy.replies_published_at) == (None, None)
