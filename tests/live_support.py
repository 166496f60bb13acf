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


# --- the live console ---------------------------------------------------------------------------


def console_url(session, name="console", *args):
    return reverse(f"onlinetalk_live_{name}", args=[session.pk, *args])


def staff(username, group_name):
    """A user in one of the groups `setup_portal` makes (run it first)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def office_group():
    from onlinetalk.conf import get_setting

    return get_setting("OFFICE_EDITORS_GROUP")


def accepted_question(session, text, *, nickname="网友小李", upvotes=0, status="accepted"):
    import datetime as dt

    from onlinetalk.questions.models import CitizenQuestion
    from onlinetalk.questions.receipts import new_receipt_code
    from onlinetalk.questions.text import text_fingerprint

    return CitizenQuestion.objects.create(
        session=session,
        text=text,
        nickname=nickname,
        upvotes=upvotes,
        status=status,
        submitted_at=START - dt.timedelta(days=3),
        language="zh-hans",
        consent_to_publish=True,
        receipt_code=new_receipt_code(),
        address_hash="hash",
        text_hash=text_fingerprint(text),
    )
