"""“I want to ask this too” from one address, clicked at the same instant in eight threads on
PostgreSQL: counted three times (the row lock on the address). A transactional test in a file of
its own, so that it runs after the others (its flush would empty the database under them)."""

import collections
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from onlinetalk.questions.addresses import salted_hash
from onlinetalk.questions.models import QuestionVote
from onlinetalk.questions.votes import QuestionVotesExhausted, add_vote, new_voter_token
from tests.test_questions_limits import public_question


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_votes_from_one_address_count_three_times(session):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers by itself; the row lock matters on PostgreSQL")
    wanted = public_question(session)
    address = salted_hash("address", "198.51.100.77")
    start = threading.Barrier(8)
    results = []

    def click():
        try:
            start.wait()
            results.append(
                add_vote(
                    wanted, voter_token=new_voter_token(), address_hash=address, now=timezone.now()
                )
            )
        except QuestionVotesExhausted:
            results.append("exhausted")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert collections.Counter(results) == {True: 3, "exhausted": 5}
    wanted.refresh_from_db()
    assert wanted.upvotes == 3
    assert QuestionVote.objects.filter(question=wanted).count() == 3
