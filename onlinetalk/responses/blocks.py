"""The blocks of a hot response's body, by the notice's three kinds: a reply to questions the
leaders had no time for, the progress of a commitment made live, and the adoption of a
suggestion. Each renders with its own template under onlinetalk/responses/blocks/."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from onlinetalk.sessions.blocks import RichTextBlock

from .timelines import prefetch_timelines

REPLY_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY = "partly", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class ReplyBlock(blocks.StructBlock):
    questions = blocks.ListBlock(
        SnippetChooserBlock("onlinetalk.CitizenQuestion"),
        label=_("questions answered"),
        help_text=_(
            "The citizens' questions this reply answers: once published they count as answered in the hot response, and their receipt pages link to this reply."
        ),
    )
    question_summary = blocks.TextBlock(
        label=_("question in brief"),
        required=False,
        help_text=_(
            "Optional: the question in brief. Where a citizen did not agree to publish their question, the public page shows this instead of their words."
        ),
    )
    reply = RichTextBlock(
        label=_("reply"),
        features=REPLY_FEATURES,
        help_text=_("The unit's reply: what was done, on what basis, and where to ask further."),
    )
    answered_by = blocks.CharBlock(
        label=_("answered by"),
        required=False,
        max_length=100,
        help_text=_("Optional: the unit or office that answers, e.g. 市交通运输局公交管理科."),
    )

    class Meta:
        template = "onlinetalk/responses/blocks/reply.html"
        label = _("Reply to a question")
        icon = "comment"


class CommitmentProgressBlock(blocks.StructBlock):
    commitment = SnippetChooserBlock(
        "onlinetalk.Commitment",
        label=_("commitment"),
        help_text=_(
            "A commitment made during the live exchange; the page shows its current status, progress and record."
        ),
    )
    note = RichTextBlock(
        label=_("note"),
        required=False,
        features=REPLY_FEATURES,
        help_text=_("Optional: more on the progress."),
    )

    def bulk_to_python(self, values):
        """The page's commitments, with their timelines, in a fixed number of queries however
        many blocks it has (the block's definition is unchanged: no migration)."""
        values = super().bulk_to_python(values)
        prefetch_timelines(value["commitment"] for value in values)
        return values

    class Meta:
        template = "onlinetalk/responses/blocks/commitment.html"
        label = _("Progress of a commitment")
        icon = "tasks"


class SuggestionBlock(blocks.StructBlock):
    suggestion = blocks.TextBlock(
        label=_("suggestion"),
        help_text=_("The suggestion made by a citizen or a guest (plain text)."),
    )
    adoption = blocks.ChoiceBlock(
        choices=Adoption.choices,
        label=_("adoption"),
        help_text=_("Adopted, partly adopted or not adopted."),
    )
    explanation = RichTextBlock(
        label=_("how, or why not"),
        features=REPLY_FEATURES,
        help_text=_("If adopted, how it is put into practice; if not or only partly, why."),
    )
    live_entry = blocks.IntegerBlock(
        required=False,
        label=_("live entry"),
        help_text=_(
            "Filled in by the system: the live entry the suggestion comes from (may be empty)."
        ),
    )

    class Meta:
        template = "onlinetalk/responses/blocks/suggestion.html"
        label = _("Adoption of a suggestion")
        icon = "help"


class HotResponseBlock(blocks.StreamBlock):
    reply = ReplyBlock()
    commitment = CommitmentProgressBlock()
    suggestion = SuggestionBlock()

    class Meta:
        block_counts = {}


# The body's block types in the order of the notice, each with its public heading.
KINDS = ("reply", "commitment", "suggestion")
