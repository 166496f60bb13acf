"""The fate "answered in the hot response on 10 October 2022" of the questions a published
response answers: the response's publication date and a link to the reply block, in the reader's
language where the response is translated and live, else in the default one. Read from the
`ResponseAnswer` rows that publishing keeps (publication.py). Registered under the questions'
fate hook (fate_hooks.py)."""

from django.db.models import OuterRef, Subquery
from wagtail.models import Page

from onlinetalk.pages import publicly_viewable
from onlinetalk.questions.fates import Fate, FateKind, reader_language
from onlinetalk.questions.models import QuestionStatus

from .models import HotResponsePage, ResponseAnswer


def _answers(question_ids):
    """The answers of the questions, with the url_path of each response in the reader's
    language (None when it has no live translation there): one query."""
    in_reader_language = publicly_viewable(
        Page.objects.filter(
            translation_key=OuterRef("response__translation_key"),
            locale__language_code=reader_language(),
            live=True,
        )
    ).values("url_path")[:1]
    # A view-restricted response is nobody's link: the question keeps its fate, without one.
    public = publicly_viewable(HotResponsePage.objects.live()).values("pk")
    return (
        ResponseAnswer.objects.filter(question_id__in=question_ids, response__in=public)
        .annotate(reader_url_path=Subquery(in_reader_language))
        .order_by("published_at", "pk")
        .values("question_id", "block_id", "published_at", "response__url_path", "reader_url_path")
    )


def _url(row):
    # A page's address depends on its url_path only (and the sites' root paths, cached).
    page = Page(url_path=row["reader_url_path"] or row["response__url_path"])
    url = page.url
    if not url:
        return ""
    return f"{url}#reply-{row['block_id']}" if row["block_id"] else url


def answered_later(questions, sessions):
    """{question id: Fate} of the questions answered in a published hot response (the first one
    published, if several answer it)."""
    ids = [q.pk for q in questions if q.status == QuestionStatus.ANSWERED_LATER]
    if not ids:
        return {}
    fates = {}
    for row in _answers(ids):
        if row["question_id"] in fates:
            continue
        fates[row["question_id"]] = Fate.of_kind(
            FateKind.ANSWERED_LATER, at=row["published_at"], url=_url(row)
        )
    return fates


def answered_later_provider():
    return answered_later
