"""Building the search items of a page or a question: plain functions, no request.

Only what is public becomes an item:
- a page that is live, not in the recycle bin and without a view restriction (its own or an
  ancestor's);
- a question that is accepted (or answered) with its asker's consent, on a public session.
A reply never carries a withheld question's words: its title is the question in brief, as on the
public page.
"""

import html
import re

from django.db import transaction
from django.utils.text import Truncator
from wagtail.models import Page, PageViewRestriction
from wagtail.search.backends import get_search_backends

from onlinetalk.questions.models import ACCEPTED_STATUSES, CitizenQuestion, QuestionStatus
from onlinetalk.responses.models import HotResponsePage, ResponseAnswer
from onlinetalk.schedule.models import AnnualSchedulePage
from onlinetalk.segmentation.words import forget_words, index_text
from onlinetalk.sessions.models import TalkSessionPage

from .models import GROUP_OF_KIND, ItemKind, SearchItem

TAGS = re.compile(r"<[^>]+>")
BLOCK_BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>|</blockquote>", re.IGNORECASE)
TITLE_LENGTH = 120
TEXT_LENGTH = 20_000  # characters of plain text kept per item (a long transcript's page item)


def plain(value):
    """Plain text of a string, rich text or a block's value (tags dropped, entities decoded,
    whitespace collapsed within lines)."""
    if value is None:
        return ""
    source = getattr(value, "source", None)
    text = str(source if source is not None else value)
    if "<" in text:
        text = TAGS.sub("", BLOCK_BREAKS.sub("\n", text))
    text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def block_text(block):
    """Plain text of one StreamField block, as Wagtail's own index would read it."""
    try:
        content = block.block.get_searchable_content(block.value)
    except Exception:
        return ""
    return "\n".join(plain(part) for part in content if part)


def stream_text(stream):
    return "\n".join(text for text in (block_text(block) for block in stream or []) if text)


def is_public(page):
    if page is None or not page.live or getattr(page, "expired", False):
        return False
    return not PageViewRestriction.objects.filter(
        page__path__in=[
            page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)
        ]
    ).exists()


def unit_names(departments):
    """Names and short names of the units, in every language, for the index: a session of the
    市人力资源和社会保障局 is found for 人社局 as well."""
    names = []
    for department in departments:
        translations = department.get_translations(inclusive=True)
        for unit in translations:
            names.extend(name for name in (unit.name, unit.short_name) if name)
    return " ".join(dict.fromkeys(names))


def truncate(text, length=TITLE_LENGTH):
    return Truncator(" ".join(text.split())).chars(length)


def _item(kind, key, *, page, title, text="", answer="", session=None, anchor="", **extra):
    title = truncate(title or page.title, 255)
    text = text[:TEXT_LENGTH]
    return SearchItem(
        key=key,
        kind=kind,
        group=GROUP_OF_KIND[kind],
        locale_id=page.locale_id,
        page=page,
        anchor=anchor,
        session=session,
        title=title,
        text=text,
        answer=answer[:TEXT_LENGTH],
        answered=bool(answer),
        title_words=index_text(title),
        words=index_text(text, extra.pop("more_words", "")),
        **extra,
    )


def session_departments(session):
    """The session's units, on the default language's page (a translation may keep an empty
    relation): Department rows of the default locale. (Not `session.get_default_locale()`: for
    a page that is its parent's locale, English for an English page, which holds no units.)"""
    from onlinetalk.departments.models import Department
    from onlinetalk.localization import default_locale_only

    return list(
        Department.objects.filter(sessions__translation_key=session.translation_key)
        .filter(**default_locale_only())
        .distinct()
    )


def session_items(session):
    departments = session_departments(session)
    names = unit_names(departments)
    leaders = " ".join(
        str(row.leader) for row in session.session_leaders.all().select_related("leader")
    )
    year = session.start.year if session.start else None
    common = {"session": session, "date": session.start, "year": year}
    items = [
        _item(
            ItemKind.SESSION,
            f"session:{session.pk}",
            page=session,
            title=session.title,
            text="\n".join(
                part
                for part in (
                    session.summary,
                    stream_text(session.announcement),
                    stream_text(session.transcript),
                )
                if part
            ),
            more_words=f"{names} {leaders}",
            **common,
        )
    ]
    for block in session.transcript or []:
        if block.block_type != "qa_exchange" or not block.id:
            continue
        question = plain(block.value.get("question"))
        answer = plain(block.value.get("answer"))
        if not question:
            continue
        leader = block.value.get("leader")
        items.append(
            _item(
                ItemKind.EXCHANGE,
                f"exchange:{session.pk}:{block.id}",
                page=session,
                anchor=f"transcript-{block.id}",
                title=question,
                text=f"{question}\n{answer}",
                answer=answer,
                more_words=str(leader) if leader else "",
                **common,
            )
        )
    return items, departments


def response_session(response):
    """The response's session in the response's language (else the default one's), if public:
    not `.localized`, which follows whatever language is active when the items are built."""
    if not response.session_id:
        return None
    session = response.session
    translation = session.get_translation_or_none(response.locale)
    for candidate in (translation, session):
        if candidate is not None and is_public(candidate.specific):
            return candidate.specific
    return None


def response_items(response):
    session = response_session(response)
    departments = session_departments(session) if session else []
    date = response.first_published_at or response.last_published_at
    year = session.start.year if session and session.start else None
    common = {"session": session, "date": date, "year": year}
    items = [
        _item(
            ItemKind.RESPONSE,
            f"response:{response.pk}",
            page=response,
            title=response.title,
            text="\n".join(part for part in (response.summary, stream_text(response.body)) if part),
            more_words=unit_names(departments),
            **common,
        )
    ]
    for block in response.body or []:
        if block.block_type != "reply" or not block.id:
            continue
        asked = [q for q in block.value.get("questions") or [] if q is not None and q.is_public]
        question = "\n".join(q.text for q in asked) or plain(block.value.get("question_summary"))
        answer = plain(block.value.get("reply"))
        if not answer:
            continue
        items.append(
            _item(
                ItemKind.REPLY,
                f"reply:{response.pk}:{block.id}",
                page=response,
                anchor=f"reply-{block.id}",
                title=question or answer,
                text=f"{question}\n{answer}" if question else answer,
                answer=answer,
                more_words=plain(block.value.get("answered_by")),
                **common,
            )
        )
    return items, departments


def year_items(year_page):
    return [
        _item(
            ItemKind.YEAR,
            f"year:{year_page.pk}",
            page=year_page,
            title=year_page.title,
            text="\n".join(
                part
                for part in (
                    plain(year_page.notice),
                    year_page.issuing_office,
                    year_page.document_number,
                )
                if part
            ),
            year=year_page.year,
        )
    ], []


def items_of_page(page):
    """The items of a live public page, and the units they belong to."""
    page = page.specific
    if not is_public(page):
        return [], []
    if isinstance(page, TalkSessionPage):
        return session_items(page)
    if isinstance(page, HotResponsePage):
        return response_items(page)
    if isinstance(page, AnnualSchedulePage):
        return year_items(page)
    return [], []


def _answer_of(question, session):
    """Where a question's answer is public: the reply that answers it (a live hot response in
    the session's language, or the default one's) or the transcript exchange with its words."""
    if question.status == QuestionStatus.ANSWERED_LATER:
        for link in ResponseAnswer.objects.filter(question=question).select_related("response"):
            response = link.response
            candidates = [
                r
                for r in (response.get_translation_or_none(session.locale), response)
                if r is not None
            ]
            for candidate in candidates:
                candidate = candidate.specific
                if not is_public(candidate):
                    continue
                for block in candidate.body or []:
                    if block.id == link.block_id and block.block_type == "reply":
                        return candidate, f"reply-{block.id}", plain(block.value.get("reply"))
    if question.status == QuestionStatus.ANSWERED_LIVE:
        wanted = " ".join(question.text.split())
        for block in session.transcript or []:
            if block.block_type != "qa_exchange":
                continue
            if " ".join(plain(block.value.get("question")).split()) == wanted:
                answer = plain(block.value.get("answer"))
                if answer:
                    return session, f"transcript-{block.id}", answer
    return session, "questions", ""


def question_item(question):
    """The item of a published question, in its asker's language where the session has a live
    page in it (else the default language), or None."""
    if question.status not in ACCEPTED_STATUSES or not question.consent_to_publish:
        return [], []
    session = question.session
    localized = None
    for translation in session.get_translations(inclusive=True).select_related("locale"):
        if translation.locale.language_code == question.language:
            localized = translation.specific
    if localized is None or not is_public(localized):
        localized = session if is_public(session) else None
    if localized is None:
        return [], []
    page, anchor, answer = _answer_of(question, localized)
    if answer:
        # Its answer is an item already (the transcript exchange or the reply, which shows
        # the question's words): one result, not two.
        return [], []
    item = _item(
        ItemKind.QUESTION,
        f"question:{question.pk}",
        page=page,
        anchor=anchor,
        title=question.text,
        text=f"{question.text}\n{answer}" if answer else question.text,
        answer=answer,
        session=localized,
        question=question,
        date=question.submitted_at,
        year=session.start.year if session.start else None,
    )
    # The question's page may be a response in another locale: the item is in the session's.
    item.locale_id = localized.locale_id
    return [item], session_departments(session)


def _store(built, delete):
    """Replace the items that `delete` selects (None: all of them) with `built` ((items,
    departments) pairs), and index the new ones at once."""
    with transaction.atomic():
        if delete is None:
            _delete_every_item()
        else:
            old = list(delete.values_list("pk", flat=True))
            if old:
                for backend in get_search_backends(with_auto_update=True):
                    for item in SearchItem.objects.filter(pk__in=old):
                        backend.delete(item)
                SearchItem.objects.filter(pk__in=old).delete()
        created = []
        for items, departments in built:
            if not items:
                continue
            saved = SearchItem.objects.bulk_create(items)
            through = SearchItem.departments.through
            through.objects.bulk_create(
                [
                    through(searchitem_id=item.pk, department_id=department.pk)
                    for item in saved
                    for department in departments
                ]
            )
            created.extend(saved)
        if created:
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(SearchItem, created)
    return len(created)


def _delete_every_item():
    """All items and their index entries in a few statements (the rebuild), not one delete and
    one signal per item."""
    using = SearchItem.objects.db
    SearchItem.departments.through.objects.all()._raw_delete(using)
    SearchItem.objects.all()._raw_delete(using)
    for backend in get_search_backends(with_auto_update=True):
        backend.get_index_for_model(SearchItem).delete_stale_model_entries(SearchItem)


def _refresh_own_items(page):
    return _store(
        [items_of_page(page)],
        SearchItem.objects.filter(page_id=page.pk).exclude(kind=ItemKind.QUESTION),
    )


def responses_of(session):
    """The hot responses (every language) of a session (any of its languages)."""
    return HotResponsePage.objects.filter(session__translation_key=session.translation_key)


def refresh_page(page):
    """Rebuild the items of one page. A session's also rebuilds its hot responses' items (they
    show the session, public or not) and its questions' (whose answers it may hold); a hot
    response's also its session's questions'. Returns how many items the page now has."""
    count = _refresh_own_items(page)
    specific = page.specific_class
    if specific is TalkSessionPage:
        for response in responses_of(page):
            _refresh_own_items(response)
        refresh_questions_of(page)
    elif specific is HotResponsePage:
        session = page.specific.session
        if session is not None:
            refresh_questions_of(session)
    return count


def refresh_question_and_replies(question):
    """A question's own item, and the reply items of its session's hot responses, which quote
    the question's words while it is public and must stop when it no longer is."""
    refresh_question(question)
    for response in responses_of(question.session):
        _refresh_own_items(response)


def refresh_questions_of(session):
    questions = CitizenQuestion.objects.filter(
        session__translation_key=session.translation_key
    ).select_related("session")
    return _store(
        [question_item(question) for question in questions],
        SearchItem.objects.filter(question__in=questions),
    )


def refresh_question(question):
    return _store([question_item(question)], SearchItem.objects.filter(question=question))


def forget_page(page_id):
    _store([], SearchItem.objects.filter(page_id=page_id))


def rebuild():
    """Every item again, from the pages and questions (`manage.py rebuild_search`); the
    dictionary is read again first (a unit added in another process)."""
    forget_words()
    built = []
    for model in (AnnualSchedulePage, TalkSessionPage, HotResponsePage):
        for page in model.objects.live():
            built.append(items_of_page(page))
    for question in CitizenQuestion.objects.filter(
        status__in=ACCEPTED_STATUSES, consent_to_publish=True
    ).select_related("session"):
        built.append(question_item(question))
    return _store(built, None)
