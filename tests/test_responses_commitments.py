"""The commitment services: a commitment is made with its first public update, and every change
of status or progress is a dated update recording what it was before and after."""

import datetime

import pytest

from onlinetalk.responses.commitments import (
    CommitmentError,
    Progress,
    check_progress,
    make_commitment,
    record_progress,
)
from onlinetalk.responses.models import CommitmentStatus, CommitmentUpdate
from tests.factories import CommitmentFactory

LATER = datetime.timedelta(days=10)


@pytest.fixture
def commitment(session, unit):
    return make_commitment(
        session=session, department=unit, text="  年底前增设两个公交站点。 ", owner=""
    )


def test_a_commitment_is_made_with_its_first_update(commitment, session, unit):
    assert commitment.text == "年底前增设两个公交站点。"
    assert commitment.owner == unit.name
    assert commitment.made_at == session.start
    assert commitment.status == CommitmentStatus.NOT_STARTED
    (update,) = commitment.updates.all()
    assert update.at == session.start
    assert update.status_before == ""
    assert update.status_after == CommitmentStatus.NOT_STARTED
    assert update.progress_before is None
    assert update.progress_after == 0
    assert update.author == unit.name


def test_a_commitment_needs_its_text(session, unit):
    with pytest.raises(CommitmentError) as refused:
        make_commitment(session=session, department=unit, text="   ", owner="科")
    assert refused.value.field == "text"


@pytest.mark.parametrize(
    ("status", "progress", "reason", "field"),
    [
        ("finished", 50, "", "status"),
        (CommitmentStatus.IN_PROGRESS, 101, "", "progress"),
        (CommitmentStatus.IN_PROGRESS, -1, "", "progress"),
        (CommitmentStatus.DONE, 90, "", "progress"),
        (CommitmentStatus.DROPPED, 20, "", "dropped_reason"),
        (CommitmentStatus.DROPPED, 20, "   ", "dropped_reason"),
    ],
)
def test_impossible_progress_is_refused_on_its_field(status, progress, reason, field):
    with pytest.raises(CommitmentError) as refused:
        check_progress(Progress(status=status, progress=progress, dropped_reason=reason))
    assert refused.value.field == field


def test_a_photo_needs_its_alternative_text():
    with pytest.raises(CommitmentError) as refused:
        check_progress(Progress(status="in_progress", progress=10, photo=object(), photo_alt=" "))
    assert refused.value.field == "photo_alt"


def test_a_refused_step_changes_nothing(commitment):
    with pytest.raises(CommitmentError):
        record_progress(commitment, Progress(status=CommitmentStatus.DONE, progress=80))
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.NOT_STARTED
    assert commitment.updates.count() == 1


def test_progress_is_recorded_with_before_and_after(commitment, session, django_user_model):
    user = django_user_model.objects.create_user("editor")
    at = session.start + LATER

    update = record_progress(
        commitment,
        Progress(status="in_progress", progress=30, note=" 已完成选址。 ", author="公交管理科"),
        user=user,
        at=at,
    )

    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress, commitment.closed_at) == (
        "in_progress",
        30,
        None,
    )
    assert (update.status_before, update.status_after) == ("not_started", "in_progress")
    assert (update.progress_before, update.progress_after) == (0, 30)
    assert (update.at, update.user, update.author, update.note) == (
        at,
        user,
        "公交管理科",
        "已完成选址。",
    )
    assert list(commitment.updates.values_list("status_after", flat=True)) == [
        "not_started",
        "in_progress",
    ]


def test_done_closes_the_commitment_at_100(commitment, session):
    at = session.start + LATER
    record_progress(commitment, Progress(status="done", progress=100), at=at)
    commitment.refresh_from_db()
    assert commitment.closed_at == at
    assert not commitment.is_open


def test_dropped_keeps_its_public_reason_and_reopening_clears_it(commitment, session):
    record_progress(
        commitment, Progress(status="dropped", progress=0, dropped_reason="不具备条件。")
    )
    commitment.refresh_from_db()
    assert commitment.dropped_reason == "不具备条件。"
    assert commitment.closed_at is not None

    record_progress(commitment, Progress(status="in_progress", progress=10, note="重新启动。"))
    commitment.refresh_from_db()
    assert (commitment.dropped_reason, commitment.closed_at) == ("", None)


def test_a_step_that_changes_and_says_nothing_is_not_recorded(commitment):
    assert record_progress(commitment, Progress(status="not_started", progress=0)) is None
    assert record_progress(commitment, Progress(status="not_started", progress=0, note=" ")) is None
    assert commitment.updates.count() == 1


def test_a_note_alone_is_recorded(commitment):
    update = record_progress(
        commitment, Progress(status="not_started", progress=0, note="已立项。")
    )
    assert update is not None
    assert (update.status_before, update.status_after) == ("not_started", "not_started")
    assert commitment.updates.count() == 2


@pytest.mark.parametrize(
    ("trait", "status", "progress", "updates"),
    [
        ({}, "not_started", 0, 1),
        ({"in_progress": True}, "in_progress", 40, 2),
        ({"done": True}, "done", 100, 3),
        ({"dropped": True}, "dropped", 0, 2),
    ],
)
def test_the_factory_traits_go_through_the_services(
    session, unit, trait, status, progress, updates
):
    commitment = CommitmentFactory(session=session, department=unit, **trait)
    assert (commitment.status, commitment.progress) == (status, progress)
    assert CommitmentUpdate.objects.filter(commitment=commitment).count() == updates
