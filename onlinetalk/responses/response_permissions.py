"""Who may make a session's hot response from the session.

Two conditions, both asked by the create view and by the buttons that lead to it:

- the session is theirs (`access.scope`): the Office for every session, a unit's editors and
  reviewers for their own units' sessions; anyone else does not see the session at all (404);
- they may add pages under the hot responses column (Wagtail's page permissions on the column,
  given by setup_portal to the Office's editors and approvers and to every unit's editors; the
  column's page types narrow them to the user's own units, onlinetalk.access.page_permissions):
  the draft is created by them and is theirs to edit and submit. A unit's reviewers make no
  draft; they are told so, and review it when it is submitted.
"""

from onlinetalk.access.scope import is_office_user, units_for_user
from onlinetalk.request_memo import remembered_for_this_request
from onlinetalk.sessions.models import TalkSessionPage


def sessions_for_user(user):
    """The sessions (every language's page) whose response the user may make."""
    if not (user.is_authenticated and user.is_active):
        return TalkSessionPage.objects.none()
    if is_office_user(user):
        return TalkSessionPage.objects.all()
    units = units_for_user(user).values("translation_key")
    own = TalkSessionPage.objects.filter(departments__translation_key__in=units)
    return TalkSessionPage.objects.filter(translation_key__in=own.values("translation_key"))


def session_keys(user):
    """Translation keys of those sessions, asked once per request (listings ask per row)."""
    return remembered_for_this_request(
        ("response sessions", user.pk),
        lambda: set(sessions_for_user(user).values_list("translation_key", flat=True)),
    )


def may_respond_for(user, session):
    return session.translation_key in session_keys(user)


def may_add_under(user, column):
    return column is not None and column.permissions_for_user(user).can_add_subpage()
