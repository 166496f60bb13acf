"""Bulk actions on the question listing: accept, decline (reason required), categorise, merge."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from . import moderation
from .models import CitizenQuestion, QuestionCategory
from .permissions import question_policy

# The largest id a question can have (a BigAutoField, on every database).
MAX_ID = 2**63 - 1


def selected_ids(values):
    """The `id` values of a bulk-action URL that can be question ids; any other value (`abc`,
    `²`, a NUL, a number past the id range) selects nothing instead of failing the query."""
    ids = (str(value) for value in values)
    digits = (pk for pk in ids if pk.isascii() and pk.isdigit() and len(pk) <= len(str(MAX_ID)))
    return [int(pk) for pk in digits if int(pk) <= MAX_ID]


class QuestionBulkAction(SnippetBulkAction):
    template_name = "onlinetalk/admin/question_bulk_action.html"
    models = [CitizenQuestion]
    confirm_text = ""

    def __init__(self, request, model):
        super().__init__(request, model)
        # Wagtail takes any relative `next`, but redirect("abc") looks for a view named "abc"
        # and fails: only a path is somewhere to go back to.
        if not self.next_url.startswith("/"):
            self.next_url = request.path

    @cached_property
    def _moderatable(self):
        """The selected questions this user may moderate, in one query for the whole batch.

        Questions outside the user's scope are left out as if they did not exist (never listed
        as "no access" with their text and receipt code); a selection with none inside it is a
        404. Ids that are not numbers select nothing."""
        questions = question_policy.instances_user_has_permission_for(self.request.user, "change")
        selected = self.request.GET.getlist("id")
        if "all" not in selected:
            questions = questions.filter(pk__in=selected_ids(selected))
        questions = list(questions.select_related("session"))
        if not questions:
            raise Http404
        return questions

    def get_actionable_objects(self):
        return self._moderatable, {"items_with_no_access": []}

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "form": self.cleaned_form,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "confirm_text": self.confirm_text}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d question changed.", "%(count)d questions changed.", num_parent_objects
        ) % {"count": num_parent_objects}


class AcceptBulkAction(QuestionBulkAction):
    display_name = _("Accept")
    action_type = "accept_questions"
    aria_label = _("Accept the selected questions")
    action_priority = 10
    confirm_text = _("Accept these questions? Accepted questions with consent are published.")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return moderation.accept(objects, user), 0


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The citizen sees it with the receipt code."),
    )


class RejectBulkAction(QuestionBulkAction):
    display_name = _("Decline")
    action_type = "reject_questions"
    aria_label = _("Decline the selected questions")
    action_priority = 20
    form_class = RejectForm
    confirm_text = _("Decline these questions with the reason below.")

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        return moderation.reject(objects, user, form.cleaned_data["reason"]), 0


class CategoriseForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=QuestionCategory.objects.none(),
        required=False,
        help_text=_("Leave empty to remove the category."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = QuestionCategory.objects.filter(
            locale=Locale.get_default()
        )


class CategoriseBulkAction(QuestionBulkAction):
    display_name = _("Categorise")
    action_type = "categorise_questions"
    aria_label = _("Set the category of the selected questions")
    action_priority = 30
    form_class = CategoriseForm
    confirm_text = _("Set the category of these questions.")

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        return moderation.categorise(objects, user, form.cleaned_data["category"]), 0


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Keep this question"),
        queryset=CitizenQuestion.objects.none(),
        widget=forms.RadioSelect,
        help_text=_("The others are merged into it; their “I want to ask this too” are added."),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = CitizenQuestion.objects.filter(
            pk__in=[question.pk for question in questions]
        )


class MergeBulkAction(QuestionBulkAction):
    display_name = _("Merge")
    action_type = "merge_questions"
    aria_label = _("Merge the selected questions into one")
    action_priority = 40
    form_class = MergeForm
    confirm_text = _("Merge these questions, which ask the same, into one.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "questions": self.get_actionable_objects()[0]}

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except moderation.ModerationError as error:
            messages.error(self.request, str(error))
            return self.form_invalid(form)

    @classmethod
    def execute_action(cls, objects, user=None, form=None, **kwargs):
        target = form.cleaned_data["target"]
        duplicates = [question for question in objects if question.pk != target.pk]
        moderation.merge(target, duplicates, user)
        return len(duplicates), 0
