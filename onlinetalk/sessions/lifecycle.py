"""The facts a session's status, question board, milestones and retention are derived from.

They are stored where they happen, once per session and the same on every language's page:
`announced_at` when the announcement first went public (the first publication that made a page
of the session live, by an editor or by scheduled publishing), `replies_published_at` when the hot
response was published.
Nothing reads them from Wagtail's bookkeeping (`first_published_at`), no revision carries them
(`TalkSessionPage.with_content_json` keeps the stored ones) and no copy of a page inherits them.
"""

from django.db.models import Min

FACTS = ("announced_at", "replies_published_at")


def _pages_of(session):
    """Every language's page of the session."""
    return type(session).objects.filter(translation_key=session.translation_key)


def record_announcement(session, now):
    """The session's page went live (published, or made live by scheduled publishing): the
    announcement went public now — unless the session's page in another language already did,
    whose time every language's page shares. Called when a page is published."""
    pages = _pages_of(session)
    at = (
        pages.filter(announced_at__isnull=False)
        .order_by("announced_at")
        .values_list("announced_at", flat=True)
        .first()
    ) or now
    pages.filter(announced_at__isnull=True).update(announced_at=at)
    session.announced_at = at


def record_replies_published(page, at):
    """The hot response went public at `at` (the hot-responses feature calls this)."""
    type(page).objects.filter(translation_key=page.translation_key).update(replies_published_at=at)
    page.replies_published_at = at


def withdraw_replies(page):
    """The hot response was unpublished: the session awaits its replies again."""
    type(page).objects.filter(translation_key=page.translation_key).update(
        replies_published_at=None
    )
    page.replies_published_at = None


def share_recorded_facts(session):
    """A page of the session made after a fact was recorded (a translation: copies leave the facts
    out) takes the facts its sibling pages hold. Called when a page is published."""
    missing = [name for name in FACTS if getattr(session, name) is None]
    if not missing or session.pk is None:
        return
    known = _pages_of(session).exclude(pk=session.pk).aggregate(**{n: Min(n) for n in missing})
    changes = {name: value for name, value in known.items() if value is not None}
    if changes:
        type(session).objects.filter(pk=session.pk).update(**changes)
        for name, value in changes.items():
            setattr(session, name, value)


def is_announced(session, now):
    return session.announced_at is not None and session.announced_at <= now


def has_published_replies(session, now):
    return session.replies_published_at is not None and session.replies_published_at <= now


def keep_stored_facts(revision_object, page):
    """A page rebuilt from a revision keeps the facts stored on the page row: read from the
    database, since the page object at hand may be older than a fact recorded since."""
    stored = type(page).objects.filter(pk=page.pk).values(*FACTS).first() if page.pk else None
    for name in FACTS:
        setattr(revision_object, name, stored[name] if stored else getattr(page, name))
    return revision_object
