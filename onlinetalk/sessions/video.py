"""Recorded video is a Wagtail document checked for type: an HTML5 <video> plays it from the
portal's own origin, with no extra package and no third-party player."""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm"}
CAPTION_TYPES = {".vtt": "text/vtt"}


def _extension(document):
    return PurePosixPath(document.file.name).suffix.lower()


def video_mime_type(document):
    return VIDEO_TYPES.get(_extension(document), "")


def check_video(document):
    if document is not None and _extension(document) not in VIDEO_TYPES:
        raise ValidationError(
            _("“%(title)s” is not a video: upload an .mp4 or .webm file.")
            % {"title": document.title}
        )


def check_captions(document):
    if document is not None and _extension(document) not in CAPTION_TYPES:
        raise ValidationError(
            _("“%(title)s” is not a captions file: upload a WebVTT (.vtt) file.")
            % {"title": document.title}
        )
