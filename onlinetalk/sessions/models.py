"""One session of the programme: from plan to announcement, live hour, transcript and replies."""

import datetime

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.signals import page_published
from wagtail_localize.fields import SynchronizedField

from onlinetalk.access.page_permissions import UnitScope, UnitScopedPage
from onlinetalk.conf import get_setting
from onlinetalk.departments.models import Department, Leader
from onlinetalk.localization import (
    default_locale_only,
    localize_objects,
    remember_objects,
    synchronised_relation,
)
from onlinetalk.pages import OnlineTalkPage
from onlinetalk.segmentation.words import index_text

from . import lifecycle
from .blocks import AnnouncementBlock, RelatedBlock, TranscriptBlock
from .calendars import calendar_response
from .forms import TalkSessionPageForm
from .milestones import session_milestones
from .panels import MilestonesPanel
from .status import ScheduleChange, SessionStatus, derive_status


def default_venue():
    return get_setting("DEFAULT_VENUE")


def default_duration():
    return get_setting("DEFAULT_DURATION_MINUTES")


class TalkSessionPage(UnitScopedPage, OnlineTalkPage):
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("units"),
        related_name="sessions",
        limit_choices_to=default_locale_only,
        help_text=_("The unit(s) whose leaders take part."),
    )
    host = models.CharField(_("host"), max_length=50, blank=True, help_text=_("主持人, optional."))
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("Two or three sentences for listings and the calendar."),
    )
    start = models.DateTimeField(_("start"), help_text=_("Date and time the live exchange starts."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        default=default_duration,
        validators=[MinValueValidator(1)],
        help_text=_("Usually one hour."),
    )
    venue = models.CharField(_("venue"), max_length=200, default=default_venue)
    text_live = models.BooleanField(_("live text-and-image broadcast"), default=True)
    video_recording = models.BooleanField(_("recorded video"), default=True)
    plan_notes = models.TextField(
        _("plan notes"),
        blank=True,
        help_text=_("For the office and the unit only; never shown on the public page."),
    )
    announcement = StreamField(
        AnnouncementBlock(),
        verbose_name=_("announcement"),
        blank=True,
        help_text=_("The preview citizens read a week ahead: guests, topics, pictures."),
    )
    transcript = StreamField(
        TranscriptBlock(),
        verbose_name=_("transcript"),
        blank=True,
        help_text=_("The record of the live exchange, published after the session."),
    )
    recorded_video = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("recorded video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Upload an .mp4 or .webm file to the documents; it plays in the page."),
    )
    recorded_video_captions = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("captions of the recorded video"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A WebVTT (.vtt) file, for readers who cannot hear the video."),
    )
    related = StreamField(RelatedBlock(), verbose_name=_("related documents and links"), blank=True)
    schedule_change = models.CharField(
        _("schedule change"),
        max_length=10,
        choices=ScheduleChange.choices,
        blank=True,
        default="",
    )
    schedule_change_explanation = models.TextField(
        _("public explanation"),
        blank=True,
        help_text=_("Shown to citizens when the session is postponed or cancelled."),
    )
    questions_during_live = models.BooleanField(
        _("keep the question board open during the live hour"),
        default=False,
        help_text=_("By default the board closes when the session starts."),
    )
    questions_closed_at = models.DateTimeField(
        _("close the question board early at"),
        null=True,
        blank=True,
        help_text=_("Optional: the board closes at this time instead of at the start."),
    )
    # Grows when the start or duration changes, so calendar apps replace the old event.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    # Lifecycle facts (see lifecycle.py): stored when they happen, the same on every language's
    # page, never part of a revision and never copied with the page.
    announced_at = models.DateTimeField(_("announcement went public"), null=True, editable=False)
    replies_published_at = models.DateTimeField(_("replies published"), null=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MilestonesPanel(heading=_("Milestones")),
        MultiFieldPanel(
            [
                FieldPanel("departments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("host"),
                FieldPanel("summary"),
            ],
            heading=_("Units and topic"),
        ),
        InlinePanel("session_leaders", heading=_("Leaders"), label=_("Leader"), min_num=0),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("duration_minutes")]),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("text_live"), FieldPanel("video_recording")]),
            ],
            heading=_("Time and place"),
        ),
        FieldPanel("plan_notes"),
        MultiFieldPanel(
            [FieldPanel("questions_during_live"), FieldPanel("questions_closed_at")],
            heading=_("Question board"),
            help_text=_("The board opens when the announcement goes live."),
        ),
        MultiFieldPanel(
            [FieldPanel("schedule_change"), FieldPanel("schedule_change_explanation")],
            heading=_("Postponed or cancelled"),
        ),
    ]
    announcement_panels = [FieldPanel("announcement")]
    transcript_panels = [
        FieldPanel("transcript"),
        MultiFieldPanel(
            [FieldPanel("recorded_video"), FieldPanel("recorded_video_captions")],
            heading=_("Recorded video"),
        ),
        FieldPanel("related"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Plan")),
            ObjectList(announcement_panels, heading=_("Announcement")),
            ObjectList(transcript_panels, heading=_("Transcript and video")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            # Scheduled publishing (go-live a week ahead by default) lives in the settings.
            ObjectList(Page.settings_panels, heading=_("Settings"), classname="settings"),
        ]
    )

    segmented_search_fields = ("summary", "announcement", "transcript")
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_words"),
        index.FilterField("start"),
    ]
    override_translatable_fields = [SynchronizedField("plan_notes")]
    exclude_fields_in_copy = list(lifecycle.FACTS)

    base_form_class = TalkSessionPageForm
    parent_page_types = ["onlinetalk.AnnualSchedulePage"]
    subpage_types = []
    template = "onlinetalk/talk_session_page.html"

    class Meta:
        verbose_name = _("online session")
        verbose_name_plural = _("online sessions")

    # --- time and status --------------------------------------------------------------

    @property
    def end(self):
        return self.start + datetime.timedelta(minutes=self.duration_minutes)

    @cached_property
    def _leaders(self):
        return remember_objects(
            [row.leader for row in self.session_leaders.all().select_related("leader")]
        )

    @property
    def plan_is_complete(self):
        """The notice's plan: time, topic and the leaders taking part. A list of many sessions
        annotates `leader_rows` (a count) rather than reading each session's leaders."""
        leaders = getattr(self, "leader_rows", None)
        return bool(self.start and self.title and (self._leaders if leaders is None else leaders))

    def is_announced(self, now=None):
        return lifecycle.is_announced(self, now or timezone.now())

    def has_published_replies(self, now=None):
        return lifecycle.has_published_replies(self, now or timezone.now())

    def get_status(self, now=None):
        now = now or timezone.now()
        return derive_status(
            now=now,
            start=self.start,
            end=self.end,
            announced=self.is_announced(now),
            schedule_change=self.schedule_change,
            replied=self.has_published_replies(now),
        )

    def get_status_label(self, now=None):
        return SessionStatus(self.get_status(now)).label

    @property
    def status(self):
        return self.get_status()

    def milestones(self, now=None):
        return session_milestones(self, now)

    def public_milestones(self, now=None):
        return [milestone for milestone in self.milestones(now) if milestone.public]

    # --- saving -----------------------------------------------------------------------

    def search_words(self):
        """Also the units' names and short names: the admin finds a session for 人社局."""
        words = super().search_words()
        if self.pk is None:
            return words
        units = Department.objects.filter(sessions__translation_key=self.translation_key)
        names = {name for unit in units for name in (unit.name, unit.short_name) if name}
        return " ".join([words, index_text(*sorted(names))]) if names else words

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "start" in update_fields):
            previous = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("start", "duration_minutes")
                .first()
            )
            if previous and previous != (self.start, self.duration_minutes):
                self.calendar_sequence += 1
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision is the page's content; the lifecycle facts belong to the page row.
        return lifecycle.keep_stored_facts(super().with_content_json(content), self)

    # --- permissions ------------------------------------------------------------------

    unit_scope = UnitScope.OWN

    def unit_keys(self):
        """Translation keys of the session's units, from every language's page (a translation
        synced by wagtail-localize may keep an empty relation): one query, once per instance."""
        if self.pk is None:
            return set()
        if not hasattr(self, "_unit_keys"):
            self._unit_keys = set(
                Department.objects.filter(sessions__translation_key=self.translation_key)
                .values_list("translation_key", flat=True)
                .distinct()
            )
        return self._unit_keys

    @classmethod
    def translation_keys_of_units(cls, unit_keys):
        return cls.objects.filter(departments__translation_key__in=unit_keys).values_list(
            "translation_key", flat=True
        )

    # --- rendering --------------------------------------------------------------------

    @cached_property
    def reader_departments(self):
        units = synchronised_relation([self], "departments")[self.pk]
        return localize_objects(units)

    @cached_property
    def reader_leaders(self):
        return localize_objects(self._leaders)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = context["now"]
        context["status"] = self.get_status(now)
        context["public_milestones"] = self.public_milestones(now)
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        return calendar_response(request, [self], filename=f"session-{self.pk}.ics")


class SessionLeader(TranslatableMixin, Orderable):
    page = ParentalKey(TalkSessionPage, on_delete=models.CASCADE, related_name="session_leaders")
    leader = models.ForeignKey(
        Leader,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=default_locale_only,
    )

    panels = [FieldPanel("leader")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("session leader")
        verbose_name_plural = _("session leaders")
        ordering = ["sort_order"]


def record_announcement_when_published(sender, instance, **kwargs):
    """The first publication that makes a session's page live is the announcement going
    public (lifecycle.py). Scheduling a future go-live sends the signal too, with the page not
    live yet: scheduled publishing sends it again when it makes the page live."""
    lifecycle.share_recorded_facts(instance)
    if instance.live and instance.announced_at is None:
        lifecycle.record_announcement(instance, timezone.now())


page_published.connect(record_announcement_when_published, sender=TalkSessionPage)
