"""A hand-counted year for the statistics and inspection tests: 2022 with three units, as of
NOW (2022-11-30 12:00). Every figure the tests assert is counted by hand in the comments here.

Plan (5 rows): Mar A · May B · Sep A+B (joint) · Nov C · Dec A → planned A 3, B 2, C 1.
Sessions:
- s1  A   2022-03-16, announced 03-09 (7 days), replies 03-25 (due 03-30): on time
- s2  B   2022-05-18, announced 05-13 (5 days), replies 06-10 (due 06-01): late, 6 working days
        (06-03 is the Dragon Boat holiday), explained
- s3  A+B 2022-09-28, announced 09-21 (7 days), no replies (due 10-17): overdue, late
- s4  C   2022-11-16, announced 11-06 (10 days), no replies (due 11-30, today): not yet due
- s5  A   2022-12-14, not announced yet: not held
- s6  B   2022-10-12, announced 10-05, cancelled: not held
- s7  A   2022-06-15, announced 06-10 (5 days), replies 06-20: on time; not in the plan
- old A   2021-10-13: another year (its questions and commitment are not counted)
Held: A s1 s3 s7 = 3; B s2 s3 = 2; C s4 = 1; total 5 (s3 once).
Lead days: A 7 7 5 → mean 6.3, min 5; B 5 7 → 6.0, 5; C 10; total 7 5 7 10 5 → 6.8, 5.
Replies: A on time 2, late 1; B on time 0, late 2; C not yet due 1; total 2 / 2 / 1.
Questions: s1 accepted 1, answered live 2, answered later 1, declined 1, pending 1 (6);
  s3 answered live 1, merged 1, declined 2 (4); s2 answered later 2 (2); s6 pending 1 (1).
  A: received 10, accepted 5, live 3, later 1, declined 3.
  B: received 7, accepted 3, live 1, later 2, declined 2.
  Total: received 13, accepted 7, live 3, later 3, declined 3.
Commitments: s1 A done + in progress; s3 A not started, B done; s2 B dropped; s4 C not
  started. A open 2 done 1; B open 0 done 1 dropped 1; C open 1; total open 3 done 2 dropped 1.
"""

import datetime
from io import StringIO

from django.core.management import call_command
from wagtail.users.models import UserProfile

from tests.approval_support import role_users
from tests.clock import local
from tests.factories import (
    AnnualSchedulePageFactory,
    CitizenQuestionFactory,
    CommitmentFactory,
    DepartmentFactory,
    HotResponseIndexPageFactory,
    HotResponsePageFactory,
    TalkIndexPageFactory,
    TalkSessionPageFactory,
    add_slot,
)

NOW = local(2022, 11, 30, 12, 0)


def _session(parent, units, title, start, announced=None, **fields):
    return TalkSessionPageFactory(
        parent=parent,
        departments=units,
        title=title,
        slug=f"stats-{start:%Y%m%d}-{title[-2:]}",
        start=start,
        publish_at=announced,
        **fields,
    )


def _questions(session, **counts):
    for status, count in counts.items():
        for _number in range(count):
            CitizenQuestionFactory(session=session, status=status, submitted_at=session.start)


def inspection_year(home):
    """The year above; returns {"units": {"A", "B", "C"}, "sessions": {...}, "users": ...}."""
    a = DepartmentFactory(name="市教育局", short_name="教育局")
    b = DepartmentFactory(name="市民政局", short_name="民政局")
    c = DepartmentFactory(name="市交通运输局", short_name="交通局")
    column = TalkIndexPageFactory(parent=home, slug="minsheng-online")
    year = AnnualSchedulePageFactory(parent=column, year=2022)
    last_year = AnnualSchedulePageFactory(parent=column, year=2021, slug="2021")
    responses = HotResponseIndexPageFactory(parent=home, slug="hot-responses")

    s = {
        "s1": _session(
            year,
            [a],
            "义务教育招生访谈",
            local(2022, 3, 16, 10, 0),
            local(2022, 3, 9, 10, 0),
            replies_published_at=local(2022, 3, 25, 10, 0),
        ),
        "s2": _session(
            year, [b], "养老服务访谈", local(2022, 5, 18, 10, 0), local(2022, 5, 13, 9, 0)
        ),
        "s3": _session(
            year,
            [a, b],
            "困难学生资助联合访谈",
            local(2022, 9, 28, 10, 0),
            local(2022, 9, 21, 10, 0),
        ),
        "s4": _session(
            year, [c], "公交线网优化访谈", local(2022, 11, 16, 10, 0), local(2022, 11, 6, 10, 0)
        ),
        "s5": _session(year, [a], "课后服务访谈", local(2022, 12, 14, 10, 0)),
        "s6": _session(
            year,
            [b],
            "社会救助访谈",
            local(2022, 10, 12, 10, 0),
            local(2022, 10, 5, 10, 0),
            schedule_change="cancelled",
        ),
        "s7": _session(
            year,
            [a],
            "=SUM(A1:A9) 职业教育访谈",
            local(2022, 6, 15, 10, 0),
            local(2022, 6, 10, 10, 0),
            replies_published_at=local(2022, 6, 20, 10, 0),
        ),
        "old": _session(
            last_year,
            [a],
            "去年的教育访谈",
            local(2021, 10, 13, 10, 0),
            local(2021, 10, 6, 10, 0),
            replies_published_at=local(2021, 10, 20, 10, 0),
        ),
    }
    add_slot(year, 3, [a], planned_topic="义务教育招生", session=s["s1"])
    add_slot(year, 5, [b], planned_topic="养老服务", session=s["s2"])
    add_slot(year, 9, [a, b], planned_topic="困难学生资助", session=s["s3"])
    add_slot(year, 11, [c], planned_topic="公交线网")
    add_slot(year, 12, [a], planned_topic="课后服务", session=s["s5"])
    add_slot(last_year, 10, [a], planned_topic="去年的计划", session=s["old"])

    _questions(s["s1"], accepted=1, answered_live=2, answered_later=1, rejected=1, pending=1)
    _questions(s["s3"], answered_live=1, merged=1, rejected=2)
    _questions(s["s2"], answered_later=2)
    _questions(s["s6"], pending=1)
    _questions(s["old"], accepted=3)

    CommitmentFactory(session=s["s1"], department=a, done=True)
    CommitmentFactory(session=s["s1"], department=a, in_progress=True)
    CommitmentFactory(session=s["s3"], department=a)
    CommitmentFactory(session=s["s3"], department=b, done=True)
    CommitmentFactory(session=s["s2"], department=b, dropped=True)
    CommitmentFactory(session=s["s4"], department=c)
    CommitmentFactory(session=s["old"], department=a)

    HotResponsePageFactory(
        parent=responses,
        session=s["s2"],
        late_explanation="因端午假期及材料核实，答复延误。",
        published_at=local(2022, 6, 10, 15, 0),
    )
    call_command("setup_portal", stdout=StringIO())
    for page in s.values():
        page.refresh_from_db()
    users = role_users({"unit a": a, "unit b": b})
    return {"units": {"A": a, "B": b, "C": c}, "sessions": s, "users": users, "year": year}


def speaking(user, language):
    """`user`, whose admin now speaks `language`."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def more_sessions(world, unit, count, first=0):
    """`count` more held sessions of `unit` in 2022 (numbered from `first`), with a question
    and a commitment each."""
    for number in range(first, first + count):
        start = local(2022, 7, 1, 10, 0) + datetime.timedelta(days=number)
        page = TalkSessionPageFactory(
            parent=world["year"],
            departments=[unit],
            title=f"加场访谈{number}",
            slug=f"extra-{number}",
            start=start,
            replies_published_at=start + datetime.timedelta(days=3),
        )
        CitizenQuestionFactory(session=page, status="accepted", submitted_at=start)
        CommitmentFactory(session=page, department=unit)
