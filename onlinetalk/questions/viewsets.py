"""The moderation screens: a snippet viewset scoped to the user's units, with bulk actions."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    EditView,
    HistoryView,
    SnippetViewSet,
    UsageView,
)
from wagtail.snippets.widgets import AdminSnippetChooser

from onlinetalk.snippets import BoundedSearchIndexView, DefaultLocaleIndexView

from . import moderation
from .bulk_actions import selected_ids
from .columns import FlagColumn
from .models import CitizenQuestion, QuestionCategory, QuestionStatus, ReviewWord
from .permissions import question_policy

# What the listing's search looks for at most: a question's text is 1,000 characters at most.


class PolicyScopedObjectMixin:
    """A view of one question finds it among those the policy lets the user see: another
    unit's question is a 404, as if it did not exist."""

    def get_base_object_queryset(self):
        return question_policy.instances_user_has_permission_for(self.request.user, "view")


class QuestionEditView(EditView):
    def get_queryset(self):  # Django's SingleObjectMixin looks the question up here
        return question_policy.instances_user_has_permission_for(self.request.user, "change")


class QuestionHistoryView(PolicyScopedObjectMixin, HistoryView):
    pass


class QuestionUsageView(PolicyScopedObjectMixin, UsageView):
    pass


class PolicyScopedChooserMixin:
    """The question chooser (used by the live console and the hot response) lists, searches and
    returns only the questions the policy lets the user see."""

    def get_object_list(self):
        return question_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("session")


class QuestionChooseView(PolicyScopedChooserMixin, ChooseView):
    pass


class QuestionChooseResultsView(PolicyScopedChooserMixin, ChooseResultsView):
    pass


class QuestionChosenView(SnippetChosenView):
    def get_object(self, pk):
        return question_policy.instances_user_has_permission_for(self.request.user, "view").get(
            pk=pk
        )


class QuestionChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return question_policy.instances_user_has_permission_for(self.request.user, "view").filter(
            pk__in=selected_ids(pks)
        )


class QuestionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = QuestionChooseView
    choose_results_view_class = QuestionChooseResultsView
    chosen_view_class = QuestionChosenView
    chosen_multiple_view_class = QuestionChosenMultipleView


class CategoryChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser, except that a sent value which is no id (the refused form is
    shown again with it) chooses nothing instead of failing the query."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (TypeError, ValueError, OverflowError):
            return None


class QuestionDetailsPanel(Panel):
    """The citizen's words (read only), the private contact for those allowed, the history."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "onlinetalk/admin/question_details_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            question = self.instance
            context.update(
                question=question,
                show_contact=question_policy.user_may_see_contacts(self.request.user),
                events=question.events.select_related("user") if question.pk else [],
                merged=question.merged_questions.all() if question.pk else [],
            )
            return context


class QuestionModerationForm(WagtailAdminModelForm):
    """Status, reason and category; the change goes through `moderation` so it is recorded."""

    EDITABLE_STATUSES = [
        QuestionStatus.PENDING,
        QuestionStatus.ACCEPTED,
        QuestionStatus.REJECTED,
        QuestionStatus.ANSWERED_LIVE,
        QuestionStatus.ANSWERED_LATER,
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._original = (
            self.instance.status,
            self.instance.category_id,
            self.instance.rejection_reason,
        )
        if self.instance.status == QuestionStatus.MERGED:
            self.fields["status"].disabled = True
        else:
            self.fields["status"].choices = [
                (value, label)
                for value, label in QuestionStatus.choices
                if value in self.EDITABLE_STATUSES
            ]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == QuestionStatus.REJECTED
            and not (cleaned.get("rejection_reason") or "").strip()
        ):
            self.add_error(
                "rejection_reason",
                _("Give the reason for declining: the citizen sees it with the receipt code."),
            )
        return cleaned

    def save(self, commit=True):
        question = self.instance
        old_status = self._original[0]
        new_status, new_category = question.status, question.category
        reason = question.rejection_reason
        user = self.for_user
        # Put the stored values back and apply the change through `moderation`, which records it.
        question.status, question.category_id, question.rejection_reason = self._original
        moderation.categorise([question], user, new_category)
        if old_status != QuestionStatus.MERGED:
            moderation.set_status(question, user, new_status, reason)
        question.refresh_from_db()
        return question


class QuestionFilterSet(WagtailFilterSet):
    session = django_filters.ModelChoiceFilter(
        label=_("Session"),
        # Page's own `id`, not `pk` (the parent link): an id past the integer range is then an
        # invalid choice rather than an error of the query on SQLite.
        to_field_name="id",
        queryset=lambda request: question_policy.sessions_for_user(request.user).order_by("-start"),
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label=_("Submitted"), widget=DateRangePickerWidget
    )

    class Meta:
        model = CitizenQuestion
        fields = ["session", "status", "category", "flagged", "submitted_at"]


class CitizenQuestionViewSet(SnippetViewSet):
    model = CitizenQuestion
    icon = "comment"
    menu_label = _("Citizen questions")
    list_display = [
        "__str__",
        "session",
        "status",
        "category",
        "upvotes",
        FlagColumn("flagged", label=_("needs closer review")),
        "submitted_at",
    ]
    list_per_page = 50
    filterset_class = QuestionFilterSet
    search_fields = ["text", "nickname", "receipt_code"]
    search_backend_name = None  # the database, so that a just-sent question is found at once
    ordering = ["-submitted_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = BoundedSearchIndexView
    edit_view_class = QuestionEditView
    history_view_class = QuestionHistoryView
    edit_handler = ObjectList(
        [
            QuestionDetailsPanel(heading=_("The question")),
            FieldPanel("status"),
            FieldPanel(
                "rejection_reason",
                help_text=_("Required when declining; the citizen sees it with the receipt code."),
            ),
            FieldPanel("category", widget=CategoryChooser(QuestionCategory)),
        ],
        base_form_class=QuestionModerationForm,
    )

    usage_view_class = QuestionUsageView
    chooser_viewset_class = QuestionChooserViewSet

    def get_queryset(self, request):
        return question_policy.instances_user_has_permission_for(
            request.user, "view"
        ).select_related("session", "category")


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "tag"
    menu_label = _("Question categories")
    list_display = ["name", "sort_order", "locale"]
    index_view_class = DefaultLocaleIndexView
    ordering = ["sort_order", "name"]


class ReviewWordViewSet(SnippetViewSet):
    model = ReviewWord
    icon = "warning"
    menu_label = _("Review words")
    list_display = ["word", "note"]
    search_fields = ["word", "note"]
    ordering = ["word"]
    index_view_class = BoundedSearchIndexView
