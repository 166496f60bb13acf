"""Commitments with everything their public timeline shows, loaded in a fixed number of queries
whatever their number: the unit (with its translations), the updates, their photos (with the
rendition the timeline shows) and documents. The response page's commitment blocks, the
session's commitments page, the open commitments page and the feed all load them this way.

This module imports no model of the package (the blocks, which the models import, use it)."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

from onlinetalk.localization import prefetch_translations

PHOTO_RENDITION = "max-800x600"


def prefetch_timelines(commitments):
    """Attach units, updates, photos and documents to `commitments` (a list); returns it."""
    commitments = [commitment for commitment in commitments if commitment is not None]
    if not commitments:
        return commitments
    photos = get_image_model().objects.prefetch_renditions(PHOTO_RENDITION)
    prefetch_related_objects(
        commitments,
        "department",
        "updates__document",
        Prefetch("updates__photo", queryset=photos),
    )
    prefetch_translations(commitment.department for commitment in commitments)
    return commitments
