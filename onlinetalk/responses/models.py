"""The 热点回应 column, one hot response per session, and the commitments made live.

A hot response is a page (it goes through approval like any page and is translated); a
commitment is a model of its own (not a page): it outlives the response that first reports on it
and is updated, with a dated public record, until it is done or dropped. `ResponseAnswer` rows
say which published response answered which question: made when the response (in the default
language) is published, removed when it is unpublished (publication.py).
"""

import logging

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from onlinetalk.access.page_permissions import UnitScope, UnitScopedPage
from onlinetalk.departments.models import Department
from onlinetalk.localization import default_locale_only
from onlinetalk.pages import OnlineTalkPage

from .blocks import HotResponseBlock
from .forms import HotResponsePageForm
from .lateness import LateWithoutExplanation, check_may_publish

logger = logging.getLogger(__name__)


class ResponseKind(models.TextChoices):
    """The notice's three kinds of content, in its order: the index filters by them and the
    response page shows its blocks under their headings."""

    REPLY = "reply", _("Replies to questions")
    COMMITMENT = "commitment", _("Progress of commitments")
    SUGGESTION = "suggestion", _("Adoption of suggestions")


class HotResponseIndexPage(UnitScopedPage, OnlineTalkPage):
    """The 热点回应 column: every published hot response, newest first."""

    unit_scope = UnitScope.FOLDER  # units add their responses here

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_(
            "A few sentences on what hot responses are and when they are published, shown above the list."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    segmented_search_fields = ("intro",)
    search_fields = [*Page.search_fields, index.SearchField("search_words")]

    subpage_types = ["onlinetalk.HotResponsePage"]
    max_count_per_parent = 1
    template = "onlinetalk/responses/hot_response_index_page.html"

    class Meta:
        verbose_name = _("hot responses column")
        verbose_name_plural = _("hot responses columns")


class HotResponsePage(UnitScopedPage, OnlineTalkPage):
    unit_scope = UnitScope.OWN
    """One session's hot response: its replies, commitments' progress and adopted suggestions."""

    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="hot_responses",
        limit_choices_to=default_locale_only,
        help_text=_("The session this response answers (one hot response per session)."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("Two or three sentences for the list of hot responses and the feed."),
    )
    body = StreamField(
        HotResponseBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The notice's three kinds: replies to questions not answered live, progress of commitments, adoption of suggestions."
        ),
    )
    late_explanation = models.TextField(
        _("explanation of the delay"),
        blank=True,
        help_text=_(
            "Required when the response is published after its deadline (10 working days after the session): the public explanation of the delay. Leave empty when on time."
        ),
    )
    # Which of the notice's kinds the body holds (kept by save(), for the index's filter).
    has_replies = models.BooleanField(default=False, editable=False)
    has_commitments = models.BooleanField(default=False, editable=False)
    has_suggestions = models.BooleanField(default=False, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("session"), FieldPanel("summary")], heading=_("Session and summary")
        ),
        FieldPanel("body"),
        FieldPanel("late_explanation"),
    ]
    segmented_search_fields = ("summary", "body")
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_words"),
        index.FilterField("session"),
    ]
    override_translatable_fields = [SynchronizedField("session")]

    base_form_class = HotResponsePageForm
    parent_page_types = ["onlinetalk.HotResponseIndexPage"]
    subpage_types = []
    template = "onlinetalk/responses/hot_response_page.html"

    class Meta:
        verbose_name = _("hot response")
        verbose_name_plural = _("hot responses")

    def publish(self, revision, *args, **kwargs):
        """Every way of publishing (workflow approval, scheduled publishing, code) refuses a
        late response without its explanation (the editor's form says so on the field).

        Scheduling one (a go-live moment in the future) asks as of that moment. When Wagtail's
        `publish_scheduled` comes to a revision that is late by then, the revision is
        unscheduled and not published: raising would stop the command for every page after it,
        at each run. A response moved to another session leaves its first session awaiting its
        replies (publication.session_left)."""
        page = revision.as_object()
        now = timezone.now()
        scheduled = revision.approved_go_live_at
        if scheduled is not None and scheduled <= now:
            try:
                check_may_publish(page)
            except LateWithoutExplanation:
                logger.warning("Scheduled hot response %s is late without explanation", self.pk)
                revision.approved_go_live_at = None
                revision.save(update_fields=["approved_go_live_at"])
                return None
        else:
            go_live_at = page.go_live_at if page.go_live_at and page.go_live_at > now else None
            check_may_publish(page, at=go_live_at)
        left = None
        if self.pk:
            left = (
                type(self)
                .objects.filter(pk=self.pk, live=True)
                .values_list("session_id", flat=True)
                .first()
            )
        result = super().publish(revision, *args, **kwargs)
        if left is not None and left != page.session_id:
            from .publication import session_left

            session_left(page, left, user=kwargs.get("user"))
        return result

    def unit_keys(self):
        """The units of the session it answers (in every language): one query per instance."""
        if self.session_id is None:
            return set()
        if not hasattr(self, "_unit_keys"):
            sessions = type(self)._meta.get_field("session").related_model.objects
            self._unit_keys = set(
                Department.objects.filter(
                    sessions__translation_key__in=sessions.filter(pk=self.session_id).values(
                        "translation_key"
                    )
                )
                .values_list("translation_key", flat=True)
                .distinct()
            )
        return self._unit_keys

    @classmethod
    def translation_keys_of_units(cls, unit_keys):
        sessions = cls._meta.get_field("session").related_model
        return cls.objects.filter(
            session__translation_key__in=sessions.translation_keys_of_units(unit_keys)
        ).values_list("translation_key", flat=True)

    def kinds_in_body(self):
        return {block.block_type for block in self.body}

    def save(self, *args, **kwargs):
        kinds = self.kinds_in_body()
        self.has_replies = ResponseKind.REPLY in kinds
        self.has_commitments = ResponseKind.COMMITMENT in kinds
        self.has_suggestions = ResponseKind.SUGGESTION in kinds
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = [
                *update_fields,
                "has_replies",
                "has_commitments",
                "has_suggestions",
            ]
        super().save(*args, **kwargs)


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS)


class Commitment(index.Indexed, models.Model):
    """Something a leader committed to during a session (承诺事项), followed until done."""

    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="commitments",
        limit_choices_to=default_locale_only,
        help_text=_("The session in which the commitment was made."),
    )
    department = models.ForeignKey(
        "onlinetalk.Department",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="commitments",
        limit_choices_to=default_locale_only,
        help_text=_("The unit that carries it out."),
    )
    text = models.TextField(
        _("commitment"),
        help_text=_(
            "What was committed to, in words the public understands: what will be done, and to what extent."
        ),
    )
    captured_from = models.ForeignKey(
        "onlinetalk.LiveEntry",
        verbose_name=_("captured from the live entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text=_(
            "The live entry flagged as a commitment in the console (filled in by the system)."
        ),
    )
    owner = models.CharField(
        _("owner"),
        max_length=100,
        help_text=_("The office or post responsible, e.g. 公交管理科; shown publicly."),
    )
    expected_on = models.DateField(
        _("expected completion"),
        null=True,
        blank=True,
        help_text=_("Expected completion date; the unit is reminded a week before."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.NOT_STARTED,
        db_index=True,
    )
    dropped_reason = models.TextField(
        _("public reason for dropping"),
        blank=True,
        help_text=_("Required when the status is “dropped”: the public reason."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("How far it has come, 0–100; 100 when done."),
    )
    made_at = models.DateTimeField(
        _("made at"), help_text=_("When the commitment was made (usually the session's time).")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.SearchField("owner"),
        index.FilterField("status"),
        index.FilterField("session"),
        index.FilterField("department"),
    ]

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["made_at", "pk"]
        indexes = [models.Index(fields=["status", "made_at"])]

    def __str__(self):
        text = self.text if len(self.text) <= 40 else f"{self.text[:40]}…"
        return text

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class CommitmentUpdate(models.Model):
    """One dated step of a commitment's public record: who, when, what changed, and why."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    at = models.DateTimeField(_("date"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.CharField(
        _("who"),
        max_length=100,
        help_text=_("Who made the update, shown publicly: usually the responsible unit or office."),
    )
    note = models.TextField(_("what happened"), blank=True)
    status_before = models.CharField(
        _("status before"), max_length=12, choices=CommitmentStatus.choices, blank=True
    )
    status_after = models.CharField(
        _("status after"), max_length=12, choices=CommitmentStatus.choices
    )
    progress_before = models.PositiveSmallIntegerField(_("progress before"), null=True)
    progress_after = models.PositiveSmallIntegerField(_("progress after"))
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("alternative text of the photo"), max_length=200, blank=True)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.commitment_id} {self.at:%Y-%m-%d} {self.status_after}"


class ResponseAnswer(models.Model):
    """A question answered by a published hot response, and the reply block that answers it."""

    question = models.ForeignKey(
        "onlinetalk.CitizenQuestion",
        on_delete=models.CASCADE,
        related_name="response_answers",
    )
    response = models.ForeignKey(HotResponsePage, on_delete=models.CASCADE, related_name="answers")
    block_id = models.CharField(max_length=64)
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "response"], name="onlinetalk_responseanswer_once"
            )
        ]

    def __str__(self):
        return f"{self.question_id} → {self.response_id}#{self.block_id}"
