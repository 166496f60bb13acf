"""The commitments' admin: a snippet viewset scoped by the commitment policy (permissions.py).

A commitment is made through `make_commitment` and moves only through `record_progress`: the
edit form is a progress report (status, progress, what happened, an optional photo or document),
and saving one that changes something adds a dated public update. The updates so far are shown,
read only, above the form."""

from functools import cache

import django_filters
from django import forms
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    HistoryView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from onlinetalk.localization import default_locale_only
from onlinetalk.sessions.models import TalkSessionPage
from onlinetalk.snippets import BoundedSearchIndexView

from .commitment_facts import days_open
from .commitments import CommitmentError, Progress, check_progress, make_commitment, record_progress
from .models import Commitment
from .permissions import commitment_policy


def _scoped(request, action="view"):
    return commitment_policy.instances_user_has_permission_for(request.user, action)


class PolicyScopedObjectMixin:
    """A view of one commitment finds it among those the policy lets the user see: another
    unit's commitment is a 404, as if it did not exist."""

    def get_base_object_queryset(self):
        return _scoped(self.request)


class CommitmentHistoryView(PolicyScopedObjectMixin, HistoryView):
    pass


class CommitmentUsageView(PolicyScopedObjectMixin, UsageView):
    pass


class CommitmentInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(_scoped(self.request), pk=unquote(str(self.pk)))


class CommitmentEditView(EditView):
    def get_queryset(self):  # Django's SingleObjectMixin looks the commitment up here
        return _scoped(self.request, "change").select_related("session", "department")


class CommitmentCreateView(CreateView):
    """The creation form, not the progress report the viewset's edit handler describes."""

    def get_panel(self):
        return _creation_panels()

    def get_form_class(self):
        return self.panel.get_form_class()


@cache
def _creation_panels():
    return CREATE_PANELS.bind_to_model(Commitment)


class PolicyScopedChooserMixin:
    """The chooser (the hot response's commitment block) lists, searches and returns only the
    commitments the policy lets the user see."""

    def get_object_list(self):
        return _scoped(self.request).select_related("session", "department")


class CommitmentChooseView(PolicyScopedChooserMixin, ChooseView):
    pass


class CommitmentChooseResultsView(PolicyScopedChooserMixin, ChooseResultsView):
    pass


class CommitmentChosenView(SnippetChosenView):
    def get_object(self, pk):
        try:
            return _scoped(self.request).get(pk=int(pk))
        except (TypeError, ValueError, OverflowError) as error:  # no id: as if it did not exist
            raise Http404 from error


class CommitmentChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CommitmentChooseView
    choose_results_view_class = CommitmentChooseResultsView
    chosen_view_class = CommitmentChosenView


class CommitmentTimelinePanel(Panel):
    """The commitment as made and its public record so far, read only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "onlinetalk/admin/commitment_timeline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            commitment = self.instance
            updates = []
            if commitment.pk:
                updates = commitment.updates.select_related("photo", "document", "user")
            context.update(commitment=commitment, updates=updates)
            return context


class CommitmentCreationForm(WagtailAdminModelForm):
    """A new commitment, made through `make_commitment` (which records its first update)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["session"].queryset = (
            commitment_policy.sessions_for_user(user)
            .filter(**default_locale_only())
            .order_by("-start")
        )
        self.fields["department"].queryset = (
            commitment_policy.units_for_user(user).filter(**default_locale_only()).order_by("name")
        )
        self.fields["made_at"].required = False
        self.fields["made_at"].help_text = _(
            "When the commitment was made; leave empty for the start of the session."
        )
        self.fields["owner"].required = False
        self.fields["owner"].help_text = _(
            "The office or post responsible, e.g. 公交管理科; shown publicly. Leave empty for the unit."
        )

    def clean(self):
        cleaned = super().clean()
        session, unit = cleaned.get("session"), cleaned.get("department")
        if session is not None and unit is not None:
            keys = {department.translation_key for department in session.departments.all()}
            if unit.translation_key not in keys:
                self.add_error("department", _("Choose one of the session's units."))
        return cleaned

    def _post_clean(self):
        # The model's own validation wants `made_at`; make_commitment fills it in.
        if not self.cleaned_data.get("made_at") and self.cleaned_data.get("session"):
            self.instance.made_at = self.cleaned_data["session"].start
        super()._post_clean()

    def save(self, commit=True):
        data = self.cleaned_data
        try:
            self.instance = make_commitment(
                session=data["session"],
                department=data["department"],
                text=data["text"],
                owner=data.get("owner", ""),
                made_at=data.get("made_at"),
                expected_on=data.get("expected_on"),
                user=self.for_user,
            )
        except CommitmentError as error:  # checked in clean(); kept as a last guard
            raise forms.ValidationError(error.message) from error
        return self.instance


class CommitmentProgressForm(WagtailAdminModelForm):
    """A progress report: saving it with a change adds a dated public update (record_progress)."""

    note = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Shown publicly in the commitment's timeline: what was done since the last update, or why the status changed."
        ),
    )
    author = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=100,
        help_text=_(
            "Shown publicly with the update; leave empty for the unit that carries it out."
        ),
    )
    photo = forms.ModelChoiceField(
        label=_("Photo"),
        queryset=get_image_model().objects.all(),
        required=False,
        widget=AdminImageChooser,
        help_text=_("Optional: a photo of the work, shown in the timeline."),
    )
    photo_alt = forms.CharField(
        label=_("Alternative text of the photo"),
        required=False,
        max_length=200,
        help_text=_("Required with a photo: what it shows, for readers who cannot see it."),
    )
    document = forms.ModelChoiceField(
        label=_("Document"),
        queryset=get_document_model().objects.all(),
        required=False,
        widget=AdminDocumentChooser,
        help_text=_(
            "Optional: a document (a notice, a plan, an acceptance report) linked from the update."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["author"].initial = str(self.instance.department.name)
            self.fields["author"].widget.attrs["placeholder"] = str(self.instance.department.name)

    def step(self):
        data = self.cleaned_data
        return Progress(
            status=data.get("status") or "",
            progress=data.get("progress") if data.get("progress") is not None else -1,
            note=data.get("note", ""),
            author=data.get("author", ""),
            dropped_reason=data.get("dropped_reason", ""),
            photo=data.get("photo"),
            photo_alt=data.get("photo_alt", ""),
            document=data.get("document"),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_progress(self.step())
        except CommitmentError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return cleaned

    def save(self, commit=True):
        step = self.step()
        record_progress(self.instance, step, user=self.for_user, at=timezone.now())
        self.instance.refresh_from_db()
        return self.instance


class OpenForColumn(Column):
    """How many days the commitment has been open (to the day it was closed, once closed)."""

    def get_value(self, instance):
        return days_open(instance)


class CommitmentFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("Unit"),
        queryset=lambda request: (
            commitment_policy.units_for_user(request.user, "view")
            .filter(**default_locale_only())
            .order_by("name")
        ),
    )
    year = django_filters.TypedChoiceFilter(
        label=_("Session year"),
        field_name="session__start__year",
        coerce=int,
        choices=lambda: [
            (date.year, str(date.year))
            for date in TalkSessionPage.objects.filter(commitments__isnull=False).dates(
                "start", "year", order="DESC"
            )
        ],
    )

    class Meta:
        model = Commitment
        fields = ["status", "department", "year"]


CREATE_PANELS = ObjectList(
    [
        FieldPanel("session"),
        FieldPanel("department"),
        FieldPanel("text"),
        FieldPanel("owner"),
        FieldPanel("expected_on"),
        FieldPanel("made_at"),
    ],
    base_form_class=CommitmentCreationForm,
)

PROGRESS_PANELS = ObjectList(
    [
        CommitmentTimelinePanel(heading=_("The commitment and its record")),
        FieldPanel("status"),
        FieldPanel("progress"),
        FieldPanel("dropped_reason"),
        FieldPanel("note"),
        FieldPanel("author"),
        FieldPanel("photo"),
        FieldPanel("photo_alt"),
        FieldPanel("document"),
    ],
    base_form_class=CommitmentProgressForm,
)


class CommitmentViewSet(SnippetViewSet):
    model = Commitment
    icon = "tasks"
    menu_label = _("Commitments")
    list_display = [
        "__str__",
        "session",
        Column("department", label=_("Unit")),
        "status",
        Column("progress", label=_("Progress (%)")),
        "expected_on",
        OpenForColumn("open_for", label=_("Open for (days)")),
    ]
    list_per_page = 50
    filterset_class = CommitmentFilterSet
    search_fields = ["text", "owner"]
    search_backend_name = None  # the database: a just-made commitment is found at once
    ordering = ["made_at", "pk"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "text",
        "session",
        "department",
        "owner",
        "status",
        "progress",
        "dropped_reason",
        "expected_on",
        "made_at",
        "closed_at",
    ]
    index_view_class = BoundedSearchIndexView
    add_view_class = CommitmentCreateView
    edit_view_class = CommitmentEditView
    history_view_class = CommitmentHistoryView
    usage_view_class = CommitmentUsageView
    inspect_view_class = CommitmentInspectView
    chooser_viewset_class = CommitmentChooserViewSet
    edit_handler = PROGRESS_PANELS

    def get_queryset(self, request):
        return _scoped(request).select_related("session", "department")
