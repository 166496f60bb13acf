"""The live broadcast's data: one stream per session and kind (the public one and the rehearsal),
its entries (append-only, in the order the database assigns) and each entry's earlier texts.

Entries are a model, not a StreamField: a post must not go through page revisions, and several
staff post at once. A stream's `version` grows by one with every post, correction and
retraction; each entry remembers the version that last changed it, which is what the poll
(poll.py) reports "since".
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string


class StreamKind(models.TextChoices):
    PUBLIC = "public", _("Live")
    REHEARSAL = "rehearsal", _("Rehearsal")


class EntryRole(models.TextChoices):
    HOST = "host", _("Host")
    GUEST = "guest", _("Guest")
    CITIZEN = "citizen", _("Citizen")
    NOTICE = "notice", _("Notice")


class EntryFlag(models.TextChoices):
    NONE = "", _("None")
    COMMITMENT = "commitment", _("Commitment")
    SUGGESTION = "suggestion", _("Adopted suggestion")


class LiveStream(models.Model):
    """The public stream or the rehearsal of one session (its page in the default language)."""

    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        verbose_name=_("session"),
        on_delete=models.PROTECT,  # the record of a live hour never disappears with a page
        related_name="live_streams",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=StreamKind.choices)
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("live stream")
        verbose_name_plural = _("live streams")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind"], name="onlinetalk_livestream_one_per_session_kind"
            )
        ]

    def __str__(self):
        return f"{self.session_id} {self.kind}"

    @property
    def is_rehearsal(self):
        return self.kind == StreamKind.REHEARSAL


class LiveEntry(models.Model):
    """One post of the broadcast. Its position is its id, assigned by the database: two staff
    posting at the same instant get distinct, stable positions."""

    stream = models.ForeignKey(
        LiveStream, verbose_name=_("stream"), on_delete=models.CASCADE, related_name="entries"
    )
    role = models.CharField(_("role"), max_length=10, choices=EntryRole.choices)
    leader = models.ForeignKey(
        "onlinetalk.Leader",
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    question = models.ForeignKey(
        "onlinetalk.CitizenQuestion",
        verbose_name=_("question from the board"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="live_entries",
    )
    asker = models.CharField(_("asker's nickname"), max_length=30, blank=True)
    # Plain text for a citizen's question; sanitised HTML (bold, lists, links) for the others.
    text = models.TextField(_("text"), blank=True)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    image_alt = models.CharField(_("alternative text"), max_length=200, blank=True)
    image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    flag = models.CharField(
        _("flag"), max_length=12, choices=EntryFlag.choices, blank=True, default=""
    )
    posted_at = models.DateTimeField(_("posted at"), db_index=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    changed_in_version = models.PositiveBigIntegerField(default=0, db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.CharField(_("reason for withdrawing"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["id"]
        indexes = [models.Index(fields=["stream", "changed_in_version"])]

    def __str__(self):
        return f"#{self.pk} {self.get_role_display()}"

    @property
    def anchor(self):
        return f"entry-{self.pk}"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class LiveEntryRevision(models.Model):
    """The text an entry had before a correction: kept for the staff, never shown publicly."""

    entry = models.ForeignKey(
        LiveEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="revisions"
    )
    revision = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"), blank=True)
    image_alt = models.CharField(_("alternative text"), max_length=200, blank=True)
    image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    flag = models.CharField(_("flag"), max_length=12, blank=True)
    replaced_at = models.DateTimeField(_("replaced at"))
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("earlier text of a live entry")
        verbose_name_plural = _("earlier texts of live entries")
        ordering = ["entry", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "revision"], name="onlinetalk_liveentryrevision_unique"
            )
        ]

    def __str__(self):
        return f"#{self.entry_id} r{self.revision}"
