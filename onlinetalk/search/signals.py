"""Keeping the search items current: after the transaction that publishes, unpublishes, moves or
restricts a page, or changes a question, its items are built again. A failure there never undoes
the publication (robust on_commit); the nightly rebuild catches up."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from onlinetalk.departments.models import Department
from onlinetalk.questions.models import CitizenQuestion
from onlinetalk.responses.models import HotResponsePage
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.segmentation.words import forget_words, register_word_source
from onlinetalk.sessions.models import TalkSessionPage

from . import items

logger = logging.getLogger(__name__)

INDEXED_PAGE_TYPES = (TalkSessionPage, HotResponsePage, AnnualSchedulePage)


def unit_words():
    """The units' names and short names in every language: dictionary words of the segmenter."""
    return [
        name
        for pair in Department.objects.values_list("name", "short_name")
        for name in pair
        if name
    ]


def _later(function, *args):
    def run():
        try:
            function(*args)
        except Exception:  # the publication stands; the nightly rebuild repairs the items
            logger.exception("Search items could not be refreshed")

    transaction.on_commit(run)


def _refresh_page_by_id(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        items.forget_page(page_id)
    else:
        items.refresh_page(page)


def _refresh_tree(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    for descendant in page.get_descendants(inclusive=True).type(*INDEXED_PAGE_TYPES):
        items.refresh_page(descendant)


def page_changed(sender, instance, **kwargs):
    if isinstance(sender, type) and issubclass(sender, INDEXED_PAGE_TYPES):
        _later(_refresh_page_by_id, instance.pk)


def tree_changed(sender, instance, **kwargs):
    page_id = instance.page_id if isinstance(instance, PageViewRestriction) else instance.pk
    _later(_refresh_tree, page_id)


def question_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _later(_refresh_question_by_id, instance.pk)


def _refresh_question_by_id(question_id):
    question = CitizenQuestion.objects.filter(pk=question_id).select_related("session").first()
    if question is not None:
        items.refresh_question_and_replies(question)


def unit_changed(sender, raw=False, **kwargs):
    forget_words()


def connect():
    register_word_source(unit_words)
    page_published.connect(page_changed, dispatch_uid="onlinetalk-search-published")
    page_unpublished.connect(page_changed, dispatch_uid="onlinetalk-search-unpublished")
    post_page_move.connect(tree_changed, dispatch_uid="onlinetalk-search-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            tree_changed, sender=PageViewRestriction, dispatch_uid=f"onlinetalk-search-pvr-{signal}"
        )
        signal.connect(
            unit_changed, sender=Department, dispatch_uid=f"onlinetalk-search-unit-{signal}"
        )
    post_save.connect(question_changed, sender=CitizenQuestion, dispatch_uid="onlinetalk-search-q")
