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

import time_machine  # noqa: E402
from django.utils import timezone  # noqa: E402

from onlinetalk.departments.models import Leader  # noqa: E402
from onlinetalk.sessions.models import SessionLeader, TalkSessionPage  # noqa: E402
from tests.clock import SHANGHAI, local  # noqa: E402  (SHANGHAI: also imported from here)


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"测试领导{n}")
    position = "局长"
    department = factory.SubFactory(DepartmentFactory)
    locale = factory.LazyFunction(Locale.get_default)


ANNOUNCEMENT_LEAD = datetime.timedelta(days=7)  # the announcement milestone's default offset


def _announcement_moment(page):
    """When a lifecycle trait publishes the page: a week before the start (the announcement
    milestone), or at `now` if that is earlier, so that the page is live at `now`."""
    return min(page.start - ANNOUNCEMENT_LEAD, page.now)


def _replies_moment(page):
    """When the `replied` trait says the replies were published: an hour before `now`, never
    before the session's end."""
    end = page.start + datetime.timedelta(minutes=page.duration_minutes)
    return max(end, page.now - datetime.timedelta(hours=1))


class TalkSessionPageFactory(wagtail_factories.PageFactory):
    """A session page: live, without a revision, unless `publish_at` or a trait says otherwise.

    Pass `departments=[unit]` and `leaders=[leader, …]`; both are saved with the page.
    `publish_at=moment` creates the page and publishes it through a revision with the clock at
    that moment (its announcement, and its question board, go live then).

    Lifecycle traits put the session in a state at the moment `now` (default: the current,
    usually frozen, time); explicit fields such as `start` still win over the trait's:

    - `announced=True`: published, the board open, the start 3 days after `now`;
    - `live_now=True`: start ≤ now < end (started 15 minutes before `now`). Not `live`: that is
      Wagtail's own field (`live=False` is an unpublished page);
    - `ended=True`: ended the day before `now`, awaiting replies;
    - `replied=True`: ended, and its replies published (`replies_published_at`, an hour
      before `now`) once TalkSessionPage has that field; until then the same as `ended`.

    Each trait publishes the page at `_announcement_moment`; when TalkSessionPage has an
    `announced_at` field it gets that moment too.
    """

    class Meta:
        model = TalkSessionPage

    class Params:
        now = factory.LazyFunction(timezone.now)
        announced = factory.Trait(
            start=factory.LazyAttribute(lambda page: page.now + datetime.timedelta(days=3)),
            publish_at=factory.LazyAttribute(_announcement_moment),
        )
        live_now = factory.Trait(
            start=factory.LazyAttribute(lambda page: page.now - datetime.timedelta(minutes=15)),
            publish_at=factory.LazyAttribute(_announcement_moment),
        )
        ended = factory.Trait(
            start=factory.LazyAttribute(lambda page: page.now - datetime.timedelta(days=1)),
            publish_at=factory.LazyAttribute(_announcement_moment),
        )
        replied = factory.Trait(
            ended=True,
            replies_published_at=factory.LazyAttribute(_replies_moment),
        )

    title = factory.Sequence(lambda n: f"测试访谈{n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start = local(2022, 9, 28, 10, 0)
    duration_minutes = 60
    summary = "访谈简介。"
    publish_at = None

    @classmethod
    def _create(cls, model_class, *args, leaders=(), publish_at=None, **kwargs):
        kwargs["session_leaders"] = [SessionLeader(leader=leader) for leader in leaders]
        # The stored facts the lead developer is adding to the model: set once they exist.
        replies_published_at = kwargs.pop("replies_published_at", None)
        if replies_published_at is not None and hasattr(model_class, "replies_published_at"):
            kwargs["replies_published_at"] = replies_published_at
        if publish_at is None:
            return super()._create(model_class, *args, **kwargs)
        if hasattr(model_class, "announced_at"):
            kwargs.setdefault("announced_at", publish_at)
        with time_machine.travel(publish_at, tick=False):
            page = super()._create(model_class, *args, **kwargs)
            page.save_revision().publish()
        page.refresh_from_db()
        return page


# --- citizens' questions (the question board) ---------------------------------------------------

from onlinetalk.localization import translate_in_code  # noqa: E402
from onlinetalk.questions.addresses import salted_hash  # noqa: E402
from onlinetalk.questions.models import CitizenQuestion  # noqa: E402
from onlinetalk.questions.receipts import new_receipt_code  # noqa: E402
from onlinetalk.questions.text import text_fingerprint  # noqa: E402


def published_session(published_at, **fields):
    """A session page published through a revision at `published_at` (its announcement goes
    live then, and so does its question board). `fields` go to TalkSessionPageFactory."""
    return TalkSessionPageFactory(publish_at=published_at, **fields)


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


# --- hot responses (issue 9, the column and the response pages) ---------------------------------

from onlinetalk.responses.lateness import publication_time  # noqa: E402
from onlinetalk.responses.models import HotResponseIndexPage, HotResponsePage  # noqa: E402


class HotResponseIndexPageFactory(wagtail_factories.PageFactory):
    """The 热点回应 column (live, without a revision): pass `parent=home`."""

    class Meta:
        model = HotResponseIndexPage

    title = "热点回应"
    slug = factory.Sequence(lambda n: f"hot-responses-{n}")
    intro = "<p>各单位在访谈后10个工作日内答复网友留言。</p>"


def reply_block(questions=(), reply="<p>答复内容。</p>", summary="", answered_by=""):
    """A reply block's raw value for a response's body."""
    return (
        "reply",
        {
            "questions": [question.pk for question in questions],
            "question_summary": summary,
            "reply": reply,
            "answered_by": answered_by,
        },
    )


def suggestion_block(text="建议增加公交班次。", adoption="adopted", explanation="<p>已采纳。</p>"):
    return (
        "suggestion",
        {"suggestion": text, "adoption": adoption, "explanation": explanation, "live_entry": None},
    )


class HotResponsePageFactory(wagtail_factories.PageFactory):
    """A hot response, a draft (not live) under `parent` (a column) for `session`.

    `body` is a list of (block type, raw value) pairs (reply_block, suggestion_block).
    `published_at=moment` publishes it through a revision as of that moment (the session's
    replies-published fact is then that moment): the `published` trait does so a day after
    the session.
    """

    class Meta:
        model = HotResponsePage

    class Params:
        published = factory.Trait(
            published_at=factory.LazyAttribute(
                lambda page: page.session.start + datetime.timedelta(days=1)
            )
        )

    title = factory.LazyAttribute(lambda page: f"{page.session.title}热点回应")
    slug = factory.Sequence(lambda n: f"response-{n}")
    summary = "本期访谈后，各单位对网友留言作出答复。"
    live = False
    published_at = None

    @classmethod
    def _create(cls, model_class, *args, body=(), published_at=None, **kwargs):
        kwargs["body"] = [
            {"type": kind, "value": value, "id": f"block-{number}-{kind}"}
            for number, (kind, value) in enumerate(body)
        ]
        page = super()._create(model_class, *args, **kwargs)
        if published_at is not None:
            publish_response(page, published_at)
        return page


def publish_response(page, at, user=None):
    """Publish the response's latest revision (a new one) as of `at`; returns it fresh."""
    with time_machine.travel(at, tick=False), publication_time(at):
        page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


# --- commitments (issue 9) ----------------------------------------------------------------------

from onlinetalk.responses.commitments import Progress, make_commitment, record_progress  # noqa: E402
from onlinetalk.responses.models import Commitment, CommitmentStatus  # noqa: E402

COMMITMENT_STEPS = {
    "in_progress": [(CommitmentStatus.IN_PROGRESS, 40, "已完成线路调研。")],
    "done": [
        (CommitmentStatus.IN_PROGRESS, 50, "新线路方案已公示。"),
        (CommitmentStatus.DONE, 100, "新线路已开通运营。"),
    ],
    "dropped": [(CommitmentStatus.DROPPED, 0, "")],
}


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment made through `make_commitment`, moved through `record_progress` by its
    trait, one update a week after it was made: `in_progress=True` (40%), `done=True` (50%, then
    100%), `dropped=True` (with its public reason); none: not started. Pass `session` and
    `department`."""

    class Meta:
        model = Commitment

    class Params:
        in_progress = factory.Trait(steps=COMMITMENT_STEPS["in_progress"])
        done = factory.Trait(steps=COMMITMENT_STEPS["done"])
        dropped = factory.Trait(steps=COMMITMENT_STEPS["dropped"])

    text = factory.Sequence(lambda n: f"三个月内优化第{n}条公交线路的站点设置。")
    owner = "公交管理科"
    expected_on = None
    made_at = factory.LazyAttribute(lambda commitment: commitment.session.start)
    steps = ()

    @classmethod
    def _create(cls, model_class, *args, steps=(), **kwargs):
        commitment = make_commitment(**kwargs)
        for number, (status, progress, note) in enumerate(steps, start=1):
            record_progress(
                commitment,
                Progress(
                    status=status,
                    progress=progress,
                    note=note,
                    dropped_reason="经评估，该路段不具备设站条件。"
                    if status == CommitmentStatus.DROPPED
                    else "",
                ),
                at=commitment.made_at + datetime.timedelta(weeks=number),
            )
        commitment.refresh_from_db()
        return commitment


from io import StringIO  # noqa: E402

from django.core.management import call_command  # noqa: E402


def two_unit_programme(home):
    """Two units (市教育局, 市民政局) with a 2022 session each under one column and year, and the
    portal's groups made by setup_portal: the world in which one unit's editor probes another's
    admin URLs. Returns {"unit a", "unit b", "session a", "session b"}."""
    education = DepartmentFactory(name="市教育局", short_name="教育局")
    civil = DepartmentFactory(name="市民政局", short_name="民政局")
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, year=2022)
    session_a = TalkSessionPageFactory(parent=year, departments=[education])
    session_b = TalkSessionPageFactory(
        parent=year,
        departments=[civil],
        start=datetime.datetime(2022, 11, 16, 10, 0, tzinfo=SHANGHAI),
    )
    call_command("setup_portal", stdout=StringIO())
    return {"unit a": education, "unit b": civil, "session a": session_a, "session b": session_b}
