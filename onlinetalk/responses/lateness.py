"""A response past its deadline needs a public explanation of the delay before it is published:
`check_may_publish` is asked by the editor's form, by the admin's publish hook and by the page's
own `publish()` (workflow approval, scheduled publishing, code)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from onlinetalk.request_memo import default_locale

from .deadlines import punctuality

_publication_at = ContextVar("onlinetalk_response_publication_at", default=None)


class LateWithoutExplanation(ValidationError):
    pass


@contextmanager
def publication_time(at):
    """Publish as of `at` instead of now (the demo's 2022 responses; tests)."""
    token = _publication_at.set(at)
    try:
        yield
    finally:
        _publication_at.reset(token)


def publication_moment():
    return _publication_at.get() or timezone.now()


def is_source(page):
    """The response in the default language: the one whose publication is the session's fact."""
    return page.locale_id == default_locale().pk


def check_may_publish(page, at=None):
    """Raise LateWithoutExplanation if publishing `page` at `at` would be late and the page
    gives no public explanation. A response published before keeps its first date."""
    if not is_source(page) or not page.session_id:
        return
    session = page.session
    at = session.replies_published_at or at or publication_moment()
    timing = punctuality(session, published_at=at)
    if timing.late and not (page.late_explanation or "").strip():
        raise LateWithoutExplanation(
            {
                "late_explanation": _(
                    "This response is %(days)s working day(s) past its deadline (%(due)s): "
                    "explain the delay to the public before publishing."
                )
                % {"days": timing.working_days_late, "due": timing.due.isoformat()}
            }
        )
