"""One row per thing a citizen can find, in one language: the search index's unit.

Rows are derived from live, public pages and published questions (`items.py` builds them, the
signals in `signals.py` keep them current, `manage.py rebuild_search` rebuilds all). Only public
content ever becomes a row, so a search can never show a draft, a private page or a question
whose asker did not agree to publish it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.search import index


class ItemKind(models.TextChoices):
    SESSION = "session", _("Session")
    EXCHANGE = "exchange", _("Answer in a transcript")
    RESPONSE = "response", _("Hot response")
    REPLY = "reply", _("Reply in a hot response")
    YEAR = "year", _("Annual programme")
    QUESTION = "question", _("Citizen's question")


class ItemGroup(models.TextChoices):
    """The public page's type filter: a session with its transcript answers, a hot response with
    its replies, a year, a question."""

    SESSIONS = "sessions", pgettext_lazy("search filter", "Sessions")
    RESPONSES = "responses", pgettext_lazy("search filter", "Hot responses")
    YEARS = "years", pgettext_lazy("search filter", "Annual programmes")
    QUESTIONS = "questions", pgettext_lazy("search filter", "Questions")


GROUP_OF_KIND = {
    ItemKind.SESSION: ItemGroup.SESSIONS,
    ItemKind.EXCHANGE: ItemGroup.SESSIONS,
    ItemKind.RESPONSE: ItemGroup.RESPONSES,
    ItemKind.REPLY: ItemGroup.RESPONSES,
    ItemKind.YEAR: ItemGroup.YEARS,
    ItemKind.QUESTION: ItemGroup.QUESTIONS,
}

# Kinds that are an answer to a citizen, shown beside the ask form. A question answered live or
# in a hot response is found as its exchange or reply; a question item has no answer yet.
ANSWER_KINDS = (ItemKind.EXCHANGE, ItemKind.REPLY)


class SearchItem(index.Indexed, models.Model):
    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    group = models.CharField(max_length=10, choices=ItemGroup.choices)
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # The page the result links to (with `anchor`), and the session it belongs to, if any.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    anchor = models.CharField(max_length=80, blank=True)
    session = models.ForeignKey(
        "onlinetalk.TalkSessionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a live response's items outlive a deleted session
        related_name="+",
    )
    question = models.ForeignKey(
        "onlinetalk.CitizenQuestion",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True)  # plain text: the excerpt is taken from it
    answer = models.TextField(blank=True)  # plain text of the answer, for answer kinds
    answered = models.BooleanField(default=False)  # `answer` is not empty
    date = models.DateTimeField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    departments = models.ManyToManyField("onlinetalk.Department", blank=True, related_name="+")
    # Segmented words (onlinetalk.segmentation): what the index holds, stored so that a
    # re-index needs no segmentation and the similar-answers ranking can compare terms.
    title_words = models.TextField(blank=True)
    words = models.TextField(blank=True)

    search_fields = [
        index.SearchField("title_words", boost=3),
        index.SearchField("words"),
        index.FilterField("kind"),
        index.FilterField("answered"),
        index.FilterField("group"),
        index.FilterField("locale"),
        index.FilterField("year"),
        index.FilterField("session"),
        index.FilterField("id"),  # the unit filter: id in (the unit's items)
    ]

    class Meta:
        verbose_name = _("search item")
        verbose_name_plural = _("search items")
        indexes = [models.Index(fields=["locale", "group", "year"])]

    def __str__(self):
        return self.title

    def get_url(self, request=None):
        url = self.page.get_url(request)
        if url and self.anchor:
            url = f"{url}#{self.anchor}"
        return url
