"""The editor's form of a hot response: the session must have ended and have no other response
in the same language, and a late response is not published or sent for approval without its
public explanation (lateness.check_may_publish, shown on the field)."""

from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .lateness import LateWithoutExplanation, check_may_publish
from .response_permissions import sessions_for_user

PUBLISHING_ACTIONS = ("action-publish", "action-submit")


class HotResponsePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "session" in self.fields:
            # A unit's editor answers their own units' sessions only (the Office: every one).
            field = self.fields["session"]
            field.queryset = field.queryset.filter(pk__in=sessions_for_user(user).values("pk"))

    def clean(self):
        cleaned_data = super().clean()
        session = cleaned_data.get("session")
        if session is None:
            return cleaned_data
        self._check_session_has_ended(session)
        self._check_only_response(session)
        if any(action in self.data for action in PUBLISHING_ACTIONS):
            self._check_lateness(
                session,
                cleaned_data.get("late_explanation", ""),
                cleaned_data.get("go_live_at"),
            )
        return cleaned_data

    def _locale_id(self):
        if self.instance.locale_id:
            return self.instance.locale_id
        parent = getattr(self, "parent_page", None)
        return parent.locale_id if parent is not None else None

    def _check_session_has_ended(self, session):
        if session.end > timezone.now():
            self.add_error(
                "session",
                _("This session has not ended yet: its hot response follows the session."),
            )

    def _check_only_response(self, session):
        others = type(self.instance).objects.filter(session=session, locale_id=self._locale_id())
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        other = others.first()
        if other is not None:
            self.add_error(
                "session",
                _("This session already has a hot response: “%(title)s”. Edit that one.")
                % {"title": other.title},
            )

    def _check_lateness(self, session, explanation, go_live_at=None):
        """As of now, or of the go-live moment when the publication is scheduled."""
        if go_live_at is not None and go_live_at <= timezone.now():
            go_live_at = None
        draft = SimpleNamespace(
            locale_id=self._locale_id(),
            session_id=session.pk,
            session=session,
            late_explanation=explanation,
        )
        try:
            check_may_publish(draft, at=go_live_at)
        except LateWithoutExplanation as error:
            self.add_error(None, error)
