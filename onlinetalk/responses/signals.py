"""Receivers of the hot responses (connected once, by the app's ready())."""

from wagtail.signals import page_published, page_unpublished

from . import publication
from .models import HotResponsePage


def record_publication(sender, instance, revision=None, **kwargs):
    publication.response_published(instance, user=getattr(revision, "user", None))


def record_unpublication(sender, instance, user=None, **kwargs):
    publication.response_unpublished(instance, user=user)


def connect():
    page_published.connect(
        record_publication, sender=HotResponsePage, dispatch_uid="onlinetalk_response_published"
    )
    page_unpublished.connect(
        record_unpublication,
        sender=HotResponsePage,
        dispatch_uid="onlinetalk_response_unpublished",
    )
