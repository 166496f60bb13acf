"""What an editor is told after creating a session page."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import TalkSessionPage


def warn_about_start_in_the_past(request, page):
    page = page.specific
    if isinstance(page, TalkSessionPage) and page.start and page.start < timezone.now():
        messages.warning(
            request,
            _("This session's start time is in the past. Check the date if this is a new session."),
        )
