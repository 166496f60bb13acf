"""“I want to ask this too” (我也想问): one vote per browser and address per question."""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F

from onlinetalk.conf import get_setting

from .addresses import salted_hash
from .models import CitizenQuestion, QuestionVote

VOTER_COOKIE = "onlinetalk_voter"


def new_voter_token():
    return secrets.token_urlsafe(18)


class VoteRefused(Exception):
    pass


def add_vote(question, *, voter_token, address_hash, now):
    """Count the vote once; return True if it was new, False if this voter had voted already."""
    window = now - datetime.timedelta(minutes=get_setting("QUESTION_RATE_WINDOW_MINUTES"))
    if QuestionVote.objects.filter(address_hash=address_hash, at__gt=window).count() >= get_setting(
        "VOTES_PER_ADDRESS"
    ):
        raise VoteRefused
    voter_hash = salted_hash("voter", voter_token, address_hash)
    try:
        with transaction.atomic():
            QuestionVote.objects.create(
                question=question, voter_hash=voter_hash, address_hash=address_hash, at=now
            )
            CitizenQuestion.objects.filter(pk=question.pk).update(upvotes=F("upvotes") + 1)
    except IntegrityError:
        return False
    return True
