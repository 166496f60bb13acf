"""Every accepted question's one public fate: answered live, answered in the hot response, merged
into another, or declined — what its receipt page and the session's public list say of it.

The questions know only the last two themselves. The live broadcast and the hot responses sit
above them (layering, DESIGN.md): they register a provider under `FATE_HOOK` that tells, for a
whole list of questions at once and in one query, where each was answered:

    @hooks.register(FATE_HOOK)
    def answered_live():
        return provider   # provider(questions, sessions) -> {question id: Fate}

`sessions` maps a question's `session_id` (its page in the default language) to the session page
in the reader's language, for links; it is built once per call (no query when the caller passes
the page being read). A question whose status says it was answered but that no provider knows
of (an editor set the status by hand) still has its fate, without a link.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.coreutils import get_supported_content_language_variant

from onlinetalk.sessions.models import TalkSessionPage

from .models import QuestionStatus

FATE_HOOK = "register_onlinetalk_question_fate"


class FateKind:
    ANSWERED_LIVE = "answered_live"
    ANSWERED_LATER = "answered_later"
    MERGED = "merged"
    DECLINED = "declined"


LABELS = {
    FateKind.ANSWERED_LIVE: _("Answered live"),
    FateKind.ANSWERED_LATER: _("Answered in the hot response"),
    FateKind.MERGED: _("Merged into another question"),
    FateKind.DECLINED: _("Declined"),
}

# The status that says a fate is settled, by the kind of fate it is.
KIND_OF_STATUS = {
    QuestionStatus.ANSWERED_LIVE: FateKind.ANSWERED_LIVE,
    QuestionStatus.ANSWERED_LATER: FateKind.ANSWERED_LATER,
    QuestionStatus.MERGED: FateKind.MERGED,
    QuestionStatus.REJECTED: FateKind.DECLINED,
}


def reader_language():
    """The reader's content language, to name in a query (no query for its Locale)."""
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return default_language()


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


@dataclass(frozen=True)
class Fate:
    kind: str
    label: str
    at: datetime | None = None  # when: the live entry's time, the response's publication
    url: str = ""  # where to read the answer (or the question it was merged into)
    reason: str = ""  # a declined question's reason

    @classmethod
    def of_kind(cls, kind, **fields):
        return cls(kind=kind, label=LABELS[kind], **fields)


class SessionPages(Mapping):
    """Default-language session id → the session page in the reader's language (else the
    default one). Given the page being read, no query; otherwise one, on first use."""

    def __init__(self, questions, session=None):
        self._ids = {question.session_id for question in questions}
        self._pages = None
        if session is not None:
            self._pages = dict.fromkeys(self._ids, session)

    def _load(self):
        reader, default = reader_language(), default_language()
        # The questions' sessions and their translations in the reader's language.
        rows = TalkSessionPage.objects.filter(
            translation_key__in=TalkSessionPage.objects.filter(pk__in=self._ids).values(
                "translation_key"
            ),
            locale__language_code__in={reader, default},
        ).select_related("locale")
        pages = {}
        for page in rows:
            pages.setdefault(page.translation_key, []).append(page)
        result = {}
        for group in pages.values():
            source = next((p for p in group if p.pk in self._ids), None)
            read = next((p for p in group if p.locale.language_code == reader and p.live), None)
            if source is not None:
                result[source.pk] = read or source
        return result

    def _all(self):
        if self._pages is None:
            self._pages = self._load()
        return self._pages

    def __getitem__(self, key):
        return self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())


def _own_fate(question, sessions):
    """The fates the questions know themselves: merged (linking to the other question where it
    is public) and declined (with its reason)."""
    if question.status == QuestionStatus.REJECTED:
        return Fate.of_kind(FateKind.DECLINED, reason=question.rejection_reason)
    if question.status == QuestionStatus.MERGED:
        target = question.merged_into if question.merged_into_id else None
        url = ""
        if target is not None and target.is_public:
            page = sessions.get(question.session_id)
            url = f"{page.url}#question-{target.pk}" if page is not None else ""
        return Fate.of_kind(FateKind.MERGED, url=url)
    return None


def public_fates(questions, session=None):
    """{question id: Fate} for every question of `questions` that has a fate (a pending or
    accepted-but-unanswered one has none). `session`: the page being read, when every question
    belongs to it (the receipt, the board). One query per registered provider, whatever the
    number of questions (merged ones need `merged_into` loaded: select_related); without
    `session`, one more for the session pages, when a link needs them."""
    questions = list(questions)
    sessions = SessionPages(questions, session)
    provided = {}
    for hook in hooks.get_hooks(FATE_HOOK):
        provider = hook()
        for question_id, fate in provider(questions, sessions).items():
            provided.setdefault(question_id, []).append(fate)
    fates = {}
    for question in questions:
        kind = KIND_OF_STATUS.get(question.status)
        if kind is None:
            continue  # pending, or accepted and still waiting for its answer
        # A provider speaks only for the status it knows: an answer recorded for a question an
        # editor has since moved to another fate does not override that fate.
        fate = next((f for f in provided.get(question.pk, ()) if f.kind == kind), None)
        fates[question.pk] = fate or _own_fate(question, sessions) or Fate.of_kind(kind)
    return fates


def attach_fates(questions, session=None):
    """Give each question its `fate` (None while it has none); returns the list."""
    questions = list(questions)
    fates = public_fates(questions, session)
    for question in questions:
        question.fate = fates.get(question.pk)
    return questions
