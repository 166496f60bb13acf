"""Citizens' questions to a session (网上留言板): a model of its own, moderated in the admin.

Nothing a citizen writes is public before an editor accepts it, and it is always plain text.
The contact is private and removed after the retention period; the address is a salted hash.
"""

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from onlinetalk.localization import default_locale_only
from onlinetalk.segmentation.words import index_text


class QuestionCategory(TranslatableMixin, models.Model):
    name = models.CharField(
        _("name"), max_length=50, help_text=_("For example: transport, education, social security.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Categories appear in the briefing in this order, smallest first."),
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="onlinetalk_questioncategory_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class ReviewWord(models.Model):
    """A word or phrase that sends a question to closer review (it is flagged, never refused)."""

    word = models.CharField(
        _("word or phrase"),
        max_length=50,
        unique=True,
        help_text=_(
            "A question containing it is flagged for closer review, never refused. Case and "
            "full-width forms do not matter."
        ),
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Why it needs attention (admin only).")
    )

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = _("review word")
        verbose_name_plural = _("review words")
        ordering = ["word"]

    def __str__(self):
        return self.word


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Declined")
    MERGED = "merged", _("Merged")
    ANSWERED_LIVE = "answered_live", _("Answered live")
    ANSWERED_LATER = "answered_later", _("Answered in the hot response")


# Accepted, and the answered fates an accepted question goes on to: listed on the public page
# (with the citizen's consent) and handed to the leaders in the briefing.
ACCEPTED_STATUSES = (
    QuestionStatus.ACCEPTED,
    QuestionStatus.ANSWERED_LIVE,
    QuestionStatus.ANSWERED_LATER,
)


class CitizenQuestion(index.Indexed, models.Model):
    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        verbose_name=_("session"),
        on_delete=models.PROTECT,  # a question never disappears with its page
        related_name="questions",
    )
    nickname = models.CharField(_("nickname"), max_length=30)
    text = models.TextField(_("question"))
    contact = models.CharField(
        _("contact"),
        max_length=100,
        blank=True,
        help_text=_("Private: only for the unit's staff, removed after the retention period."),
    )
    consent_to_publish = models.BooleanField(_("may be published"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    language = models.CharField(_("language"), max_length=12)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=QuestionStatus.choices,
        default=QuestionStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for declining"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_questions",
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        limit_choices_to=default_locale_only,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    upvotes = models.PositiveIntegerField(_("“I want to ask this too”"), default=0)
    flagged = models.BooleanField(_("needs closer review"), default=False, db_index=True)
    flagged_words = models.CharField(_("review words found"), max_length=200, blank=True)
    receipt_code = models.CharField(_("receipt code"), max_length=12, unique=True)
    address_hash = models.CharField(max_length=64, db_index=True, editable=False)
    text_hash = models.CharField(max_length=64, editable=False)
    contact_removed_at = models.DateTimeField(_("contact removed at"), null=True, blank=True)

    # Only what is public after acceptance goes to the search index: never the contact, and
    # no question that is not public (see get_indexed_objects).
    search_fields = [
        index.SearchField("search_words"),
        index.AutocompleteField("text"),
        index.SearchField("nickname"),
        index.FilterField("status"),
        index.FilterField("session"),
        index.FilterField("consent_to_publish"),
    ]

    class Meta:
        verbose_name = _("citizen question")
        verbose_name_plural = _("citizen questions")
        ordering = ["-submitted_at"]
        permissions = [("view_question_contact", _("Can see citizens' contact details"))]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        text = self.text if len(self.text) <= 40 else f"{self.text[:40]}…"
        return f"{self.formatted_receipt_code} {text}"

    @property
    def formatted_receipt_code(self):
        return f"{self.receipt_code[:5]}-{self.receipt_code[5:]}"

    @property
    def language_name(self):
        try:
            return get_language_info(self.language)["name_translated"]
        except KeyError:
            return self.language

    def search_words(self):
        """The question cut into words (onlinetalk.segmentation) for the index."""
        return index_text(self.text)

    @property
    def is_public(self):
        return self.consent_to_publish and self.status in ACCEPTED_STATUSES

    @classmethod
    def get_indexed_objects(cls):
        """Only public questions are searchable: a pending, declined, merged or unconsented
        question is nobody's to find. Saving one removes it (see leave_the_index_unless_public)."""
        return (
            super()
            .get_indexed_objects()
            .filter(consent_to_publish=True, status__in=ACCEPTED_STATUSES)
        )


class QuestionAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Declined")
    MERGED = "merged", _("Merged into another question")
    RECEIVED_MERGE = "received_merge", _("Received merged questions")
    CATEGORISED = "categorised", _("Category set")
    REOPENED = "reopened", _("Back to pending")
    ANSWERED_LIVE = "answered_live", _("Answered live")
    ANSWERED_LATER = "answered_later", _("Answered in the hot response")
    CONTACT_REMOVED = "contact_removed", _("Contact removed (retention period)")


class QuestionEvent(models.Model):
    """The moderation history of a question: who did what, when."""

    question = models.ForeignKey(
        CitizenQuestion, on_delete=models.CASCADE, related_name="events", verbose_name=_("question")
    )
    at = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=QuestionAction.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("question history entry")
        verbose_name_plural = _("question history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.get_action_display()}"


class QuestionVote(models.Model):
    """One “I want to ask this too” per browser and address per question."""

    question = models.ForeignKey(CitizenQuestion, on_delete=models.CASCADE, related_name="votes")
    voter_hash = models.CharField(max_length=64)
    address_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "voter_hash"], name="onlinetalk_questionvote_once_per_voter"
            )
        ]

    def __str__(self):
        return f"vote on {self.question_id}"


class SubmissionLock(models.Model):
    """A row per rate-limit key, locked while a submission or a vote is counted and stored, so
    that concurrent requests from one address cannot both slip under a limit."""

    key = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.key

    @classmethod
    def hold(cls, key):
        """Lock the row of `key` (made on first use) until the current transaction ends."""
        cls.objects.get_or_create(key=key)
        return cls.objects.select_for_update().get(key=key)


@receiver(post_save, sender=CitizenQuestion)
def leave_the_index_unless_public(sender, instance, raw=False, **kwargs):
    """The search index adds what get_indexed_objects holds but, on saving, never removes what
    it no longer holds: a question that stops being public (declined, merged, back to pending)
    would stay findable. Remove it here."""
    if not raw and not instance.is_public:
        index.remove_object(instance)
