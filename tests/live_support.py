"""Shared helpers of the live-broadcast tests: a session in its live hour, posting as staff, and
the poll's URLs."""

import datetime

from django.test import TestCase
from django.urls import reverse

from onlinetalk.live import stream
from onlinetalk.live.models import StreamKind
from onlinetalk.live.stream import EntryInput
from tests.clock import local
from tests.factories import LeaderFactory, TalkSessionPageFactory

# The live hour of the test session: 2022-09-28 10:00–11:00, Beijing time.
START = local(2022, 9, 28, 10, 0)
DURING = START + datetime.timedelta(minutes=20)
BEFORE = START - datetime.timedelta(days=1)
AFTER = START + datetime.timedelta(days=1)


def new_live_session(year_page, unit, **fields):
    """A session of `unit` with one leader, published a week before its start."""
    leader = LeaderFactory(department=unit, name="孙丽", position="市农业农村局局长")
    fields.setdefault("start", START)
    return TalkSessionPageFactory(
        publish_at=fields["start"] - datetime.timedelta(days=7),
        parent=year_page,
        departments=[unit],
        leaders=[leader],
        title=fields.pop("title", "乡村振兴"),
        slug=fields.pop("slug", "rural"),
        **fields,
    )


def committed(change, *args, **kwargs):
    """A change of the stream as in production: its after-commit work (the poll's state in the
    cache) runs, although the test's transaction is never committed."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return change(*args, **kwargs)


def post(session, user=None, *, kind=StreamKind.PUBLIC, now=DURING, **fields):
    fields.setdefault("role", "host")
    return committed(stream.post_entry, session, user, EntryInput(**fields), kind=kind, now=now)


def correct(entry, user=None, **fields):
    return committed(stream.correct_entry, entry, user, **fields)


def retract(entry, user=None, reason=""):
    return committed(stream.retract_entry, entry, user, reason)


def guest(session):
    return session.session_leaders.first().leader


def latest_url(session, language="zh-hans"):
    from django.utils import translation

    with translation.override(language):
        return reverse("onlinetalk_live:latest", args=[session.pk])


def changes_url(session, version):
    return reverse("onlinetalk_live:changes", args=[session.pk, version])


def older_url(session, before):
    return reverse("onlinetalk_live:older", args=[session.pk, before])
