"""The column (民生在线) and its annual schedules, with the annex's rows as inline slots."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from onlinetalk.access.page_permissions import UnitScope, UnitScopedPage
from onlinetalk.departments.models import Department
from onlinetalk.localization import default_locale_only, localize_objects, synchronised_relation
from onlinetalk.pages import OnlineTalkPage, publicly_viewable
from onlinetalk.sessions.calendars import calendar_response
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.sessions.status import SessionStatus

from .calendar_view import month_calendars
from .forms import AnnualSchedulePageForm
from .months import MONTH_CHOICES, month_label
from .panels import ScheduleCoveragePanel
from .rules import programme_months, uncovered_months


class TalkIndexPage(UnitScopedPage, OnlineTalkPage):
    """The 民生在线 column: the programme's years, and later what is live and upcoming."""

    unit_scope = UnitScope.OFFICE  # the Office's column: year pages are the Office's

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A few sentences on what the column is, shown above the list of years."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    segmented_search_fields = ("intro",)
    search_fields = [*Page.search_fields, index.SearchField("search_words")]

    subpage_types = ["onlinetalk.AnnualSchedulePage"]
    template = "onlinetalk/talk_index_page.html"

    class Meta:
        verbose_name = _("Minsheng Online column")
        verbose_name_plural = _("Minsheng Online columns")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        years = list(
            publicly_viewable(AnnualSchedulePage.objects.child_of(self).live()).order_by("-year")
        )
        # The cards show title, time and status: no units, so no prefetch of them.
        sessions = list(
            publicly_viewable(TalkSessionPage.objects.descendant_of(self).live()).order_by("start")
        )
        statuses = {session.pk: session.get_status(now) for session in sessions}
        past = [s for s in sessions if statuses[s.pk] != SessionStatus.LIVE and s.end <= now]
        context.update(
            {
                "now": now,
                "years": years,
                "live_sessions": [s for s in sessions if statuses[s.pk] == SessionStatus.LIVE],
                "upcoming_sessions": [s for s in sessions if s.start > now],
                "past_by_year": [
                    (
                        year,
                        [
                            s
                            for s in reversed(past)
                            if timezone.localtime(s.start).year == year.year
                        ],
                    )
                    for year in years
                ],
            }
        )
        return context


class AnnualSchedulePage(UnitScopedPage, OnlineTalkPage):
    """One year's programme: the notice and its schedule annex (月份 / 部门名称)."""

    unit_scope = UnitScope.FOLDER  # units add their sessions here

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The programme's year, e.g. 2022."),
    )
    notice = RichTextField(
        _("notice"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        help_text=_("The notice that sets up this year's programme, summarised or in full."),
    )
    issuing_office = models.CharField(
        _("issuing office"),
        max_length=100,
        help_text=_("Who issued the notice, e.g. 珠海市人民政府办公室."),
    )
    issue_date = models.DateField(_("issue date"), null=True, blank=True)
    document_number = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_("The official document number (文号), if the notice has one."),
    )
    first_month = models.PositiveSmallIntegerField(
        _("first month"),
        choices=MONTH_CHOICES,
        default=1,
        help_text=_("First month of the programme."),
    )
    last_month = models.PositiveSmallIntegerField(
        _("last month"),
        choices=MONTH_CHOICES,
        default=12,
        help_text=_("Last month of the programme."),
    )
    join_deadline = models.DateField(
        _("deadline for other units to join"),
        null=True,
        blank=True,
        help_text=_("Units not in the plan contact the office by this date to join the year."),
    )

    content_panels = [
        *Page.content_panels,
        ScheduleCoveragePanel(heading=_("Schedule coverage")),
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldRowPanel([FieldPanel("first_month"), FieldPanel("last_month")]),
                FieldPanel("join_deadline"),
            ],
            heading=_("Programme"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("issuing_office"),
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("document_number")]),
                FieldPanel("notice"),
            ],
            heading=_("Notice"),
        ),
        InlinePanel(
            "schedule_slots",
            heading=_("Schedule annex"),
            label=_("Slot"),
            help_text=_(
                "One row per session slot: the month and the unit(s). Import the office's "
                "spreadsheet with: manage.py import_schedule YEAR FILE"
            ),
        ),
    ]
    segmented_search_fields = ("notice", "issuing_office", "document_number")
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_words"),
        index.FilterField("year"),
    ]

    base_form_class = AnnualSchedulePageForm
    parent_page_types = ["onlinetalk.TalkIndexPage"]
    subpage_types = ["onlinetalk.TalkSessionPage"]
    template = "onlinetalk/annual_schedule_page.html"

    class Meta:
        verbose_name = _("annual schedule")
        verbose_name_plural = _("annual schedules")

    def months(self):
        return programme_months(self.first_month, self.last_month)

    def uncovered_months(self):
        return uncovered_months(
            self.first_month, self.last_month, (slot.month for slot in self.schedule_slots.all())
        )

    @cached_property
    def public_sessions(self):
        return list(
            publicly_viewable(TalkSessionPage.objects.child_of(self).live())
            .order_by("start")
            .prefetch_related("departments")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["now"] = timezone.now()
        context["calendars"] = month_calendars(self.year, self.months(), self.public_sessions)
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        return calendar_response(
            request,
            self.public_sessions,
            filename=f"minsheng-online-{self.year}.ics",
            name=self.title,
        )

    @cached_property
    def _session_unit_keys(self):
        units = synchronised_relation(self.public_sessions, "departments")
        return {pk: {unit.translation_key for unit in related} for pk, related in units.items()}

    def _sessions_for_slot(self, slot, units):
        """The slot's live sessions in this page's language: the one the editor linked (the link
        of a translated slot still names the source-language page), and every session of the
        year in that month that shares a unit with the slot."""
        linked_key = slot.session.translation_key if slot.session_id else None
        unit_keys = {unit.translation_key for unit in units}
        return [
            session
            for session in self.public_sessions
            if session.translation_key == linked_key
            or (
                timezone.localtime(session.start).month == slot.month
                and unit_keys & self._session_unit_keys[session.pk]
            )
        ]

    @cached_property
    def annex_rows(self):
        """The annex as shown to readers: one row per month in order, units in the reader's
        language. A fixed number of queries whatever the number of slots."""
        slots = sorted(
            self.schedule_slots.all().select_related("session").prefetch_related("departments"),
            key=lambda slot: (slot.month, slot.sort_order or 0),
        )
        units_of = synchronised_relation(slots, "departments")
        source_units = {unit.pk: unit for units in units_of.values() for unit in units}
        localized = dict(zip(source_units, localize_objects(source_units.values()), strict=True))
        return [
            {
                "month": slot.month,
                "month_label": month_label(slot.month),
                "units": [localized[unit.pk] for unit in units_of[slot.pk]],
                "planned_topic": slot.planned_topic,
                "sessions": self._sessions_for_slot(slot, units_of[slot.pk]),
            }
            for slot in slots
        ]


class ScheduleSlot(TranslatableMixin, Orderable, ClusterableModel):
    """One row of the annex: a month and the unit(s) holding a session in it."""

    page = ParentalKey(AnnualSchedulePage, on_delete=models.CASCADE, related_name="schedule_slots")
    month = models.PositiveSmallIntegerField(_("month"), choices=MONTH_CHOICES)
    departments = ParentalManyToManyField(
        Department,
        verbose_name=_("units"),
        related_name="schedule_slots",
        limit_choices_to=default_locale_only,
        help_text=_("One or more units holding a session this month."),
    )
    planned_topic = models.CharField(
        _("planned topic"),
        max_length=200,
        blank=True,
        help_text=_("Optional: the topic planned for this session."),
    )
    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        verbose_name=_("session page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The session's page, once it exists."),
    )

    panels = [
        FieldRowPanel([FieldPanel("month"), FieldPanel("planned_topic")]),
        FieldPanel("departments"),
        PageChooserPanel("session", "onlinetalk.TalkSessionPage"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("schedule slot")
        verbose_name_plural = _("schedule slots")
        ordering = ["sort_order"]

    def __str__(self):
        units = "、".join(str(unit) for unit in self.departments.all())
        return f"{month_label(self.month)} {units}"
