"""The search index holds public questions only (issue #7): accepted or answered, with the
citizen's consent. A question that stops being public leaves it."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from onlinetalk.questions import moderation
from onlinetalk.questions.models import CitizenQuestion, QuestionStatus
from tests.factories import CitizenQuestionFactory
from tests.question_support import (
    NOW,
)


def ferry_question(session, status, consent, number):
    return CitizenQuestionFactory(
        session=session,
        text=f"Ferryboat timetable at Xiangzhou pier, question {number}",
        status=status,
        consent_to_publish=consent,
        submitted_at=NOW - datetime.timedelta(hours=1),
    )


def found(words="Ferryboat"):
    return set(get_search_backend().search(words, CitizenQuestion))


@pytest.fixture
def every_kind(clock, session):
    """One question of each status, with and without consent: {(status, consent): question}."""
    return {
        (status, consent): ferry_question(session, status, consent, number)
        for number, (status, consent) in enumerate(
            (status, consent) for status in QuestionStatus.values for consent in (True, False)
        )
    }


PUBLIC = {
    (QuestionStatus.ACCEPTED, True),
    (QuestionStatus.ANSWERED_LIVE, True),
    (QuestionStatus.ANSWERED_LATER, True),
}


def test_only_public_questions_are_found(every_kind):
    assert found() == {every_kind[kind] for kind in PUBLIC}


def test_only_public_questions_are_the_indexed_objects(every_kind):
    assert set(CitizenQuestion.get_indexed_objects()) == {every_kind[kind] for kind in PUBLIC}


def test_a_rebuilt_index_holds_only_public_questions(every_kind):
    call_command("update_index", stdout=StringIO())
    assert found() == {every_kind[kind] for kind in PUBLIC}


def test_a_declined_question_disappears_from_the_search(clock, session):
    question = ferry_question(session, QuestionStatus.PENDING, True, 1)
    assert found() == set()
    moderation.accept([question], None)
    assert found() == {question}

    moderation.reject([question], None, "与本场访谈主题无关")

    assert found() == set()


def test_a_merged_question_disappears_and_its_target_stays(clock, session):
    kept = ferry_question(session, QuestionStatus.ACCEPTED, True, 1)
    duplicate = ferry_question(session, QuestionStatus.ACCEPTED, True, 2)
    assert found() == {kept, duplicate}

    moderation.merge(kept, [duplicate], None)

    assert found() == {kept}


def test_an_index_built_before_keeps_no_private_question_after_the_command(clock, session):
    pending = ferry_question(session, QuestionStatus.PENDING, True, 1)
    declined = ferry_question(session, QuestionStatus.REJECTED, True, 2)
    public = ferry_question(session, QuestionStatus.ACCEPTED, True, 3)
    # As an index built when every question was indexed has them.
    for question in (pending, declined):
        get_search_backend().add(question)
    call_command("update_index", stdout=StringIO())
    assert found() == {pending, declined, public}  # update_index does not remove them

    output = StringIO()
    call_command("unindex_private_questions", stdout=output)

    assert found() == {public}
    assert "2 question(s) not public" in output.getvalue()
