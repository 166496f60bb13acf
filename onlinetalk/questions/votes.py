"""“I want to ask this too” (我也想问): one vote per browser and address per question, and a
few per address per question whatever the cookies say.

A browser is recognised by its cookie, but a new cookie jar costs nothing: the address is what
a person cannot change per click. A household or an office shares one address, so an address
may say “me too” a few times for one question (ONLINETALK_VOTES_PER_QUESTION_PER_ADDRESS), and
only so many times in all within the rate window (ONLINETALK_VOTES_PER_ADDRESS).
"""

import datetime
import math
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F

from onlinetalk.conf import get_setting

from .addresses import salted_hash
from .models import CitizenQuestion, QuestionVote, SubmissionLock

VOTER_COOKIE = "onlinetalk_voter"


def new_voter_token():
    return secrets.token_urlsafe(18)


class VoteRefused(Exception):
    """Too many clicks from one address within the window; `retry_after` says in how many
    seconds the oldest of them leaves it."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


class QuestionVotesExhausted(Exception):
    """This address has said “me too” for this question as often as one address may."""


def _seconds_until(moment, now):
    return max(1, math.ceil((moment - now).total_seconds()))


def add_vote(question, *, voter_token, address_hash, now):
    """Count the vote once; return True if it was new, False if this voter had voted already.

    The address's votes are counted and the new one stored under a lock on the address, so
    that concurrent clicks from one address (with as many cookie jars) cannot all slip under
    the limits.
    """
    window = datetime.timedelta(minutes=get_setting("QUESTION_RATE_WINDOW_MINUTES"))
    voter_hash = salted_hash("voter", voter_token, address_hash)
    with transaction.atomic():
        SubmissionLock.hold(f"votes:{address_hash}")
        votes_of_address = QuestionVote.objects.filter(address_hash=address_hash)
        if votes_of_address.filter(question=question, voter_hash=voter_hash).exists():
            return False
        recent = votes_of_address.filter(at__gt=now - window).order_by("at")
        if recent.count() >= get_setting("VOTES_PER_ADDRESS"):
            raise VoteRefused(_seconds_until(recent.first().at + window, now))
        if votes_of_address.filter(question=question).count() >= get_setting(
            "VOTES_PER_QUESTION_PER_ADDRESS"
        ):
            raise QuestionVotesExhausted
        try:
            with transaction.atomic():
                QuestionVote.objects.create(
                    question=question, voter_hash=voter_hash, address_hash=address_hash, at=now
                )
        except IntegrityError:  # the same browser, twice at once
            return False
        CitizenQuestion.objects.filter(pk=question.pk).update(upvotes=F("upvotes") + 1)
    return True
