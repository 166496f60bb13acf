"""One action makes a session's hot response: a draft, pre-filled with what the session leaves
to answer, so that the editors only write the replies.

- a reply block for every question still accepted and unanswered (neither answered live nor
  later, nor merged or declined), linking it; its words as the question in brief when the
  question is public, else nothing (the editor writes a summary that reveals no one);
- a commitment block for every entry of the public stream flagged as a commitment, with its
  `Commitment` (made once per entry, captured from it);
- a suggestion block for every entry flagged as a suggestion, its words as plain text.

The draft is a new page under the 热点回应 column of the session's language (the default one),
not live, with one revision saved by the user; it goes to approval like any page. A session that
has its response already gets that one back, never a second. Blocks left empty (the reply, the
adoption) are required: the editor's form asks for them when the draft is saved or submitted
(a revision saved in code is not validated).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.blocks import StreamValue
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from onlinetalk.live.flags import entry_plain_text, flagged_entries
from onlinetalk.live.models import EntryFlag
from onlinetalk.questions.models import QuestionStatus
from onlinetalk.questions.public import questions_of
from onlinetalk.request_memo import default_locale
from onlinetalk.sessions.models import TalkSessionPage

from .commitments import make_commitment
from .models import Commitment, HotResponseIndexPage, HotResponsePage


class PrefillError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Drafted:
    page: HotResponsePage
    created: bool


def source_session(session):
    """The session's page in the default language (questions, streams and responses belong to
    it)."""
    locale = default_locale()
    if session.locale_id == locale.pk:
        return session
    return TalkSessionPage.objects.get(translation_key=session.translation_key, locale=locale)


def existing_response(session):
    return (
        HotResponsePage.objects.filter(session=session, locale_id=session.locale_id)
        .order_by("pk")
        .first()
    )


def response_column(session):
    return HotResponseIndexPage.objects.filter(locale_id=session.locale_id).order_by("pk").first()


def check_may_draft(session, now=None):
    """Why no response can be drafted for the session now (PrefillError), or nothing."""
    now = now or timezone.now()
    if now < session.end:
        raise PrefillError(_("A hot response can be made once the session has ended."))
    if response_column(session) is None:
        raise PrefillError(
            _(
                "There is no hot responses column in this language: create the 热点回应 column "
                "(a hot responses column page) first."
            )
        )


def unanswered_questions(session):
    """Accepted and still waiting for their answer: neither answered live nor later."""
    return (
        questions_of(session).filter(status=QuestionStatus.ACCEPTED).order_by("submitted_at", "pk")
    )


def _reply(question):
    return (
        "reply",
        {
            "questions": [question],
            "question_summary": question.text if question.is_public else "",
            "reply": RichText(""),
            "answered_by": "",
        },
    )


def _unit_of(session, entry):
    if entry.leader_id and entry.leader.department_id:
        return entry.leader.department
    return session.departments.order_by("pk").first()


def commitment_for(session, entry, user):
    """The commitment captured from `entry`, made now if it has none yet."""
    commitment = Commitment.objects.filter(captured_from=entry).order_by("pk").first()
    if commitment is not None:
        return commitment
    unit = _unit_of(session, entry)
    if unit is None:
        raise PrefillError(_("The session has no unit to carry out its commitments."))
    return make_commitment(
        session=session,
        department=unit,
        text=entry_plain_text(entry),
        owner=unit.name,
        made_at=entry.posted_at,
        captured_from=entry,
        user=user,
    )


def _flagged_blocks(session, user):
    blocks = []
    for entry in flagged_entries(session):
        if not entry_plain_text(entry):
            continue  # an image alone: nothing to commit to or adopt
        if entry.flag == EntryFlag.COMMITMENT:
            commitment = commitment_for(session, entry, user)
            blocks.append(("commitment", {"commitment": commitment, "note": RichText("")}))
        elif entry.flag == EntryFlag.SUGGESTION:
            blocks.append(
                (
                    "suggestion",
                    {
                        "suggestion": entry_plain_text(entry),
                        "adoption": "",
                        "explanation": RichText(""),
                        "live_entry": entry.pk,
                    },
                )
            )
    return blocks


def prefilled_body(session, user):
    """The body's blocks, in the notice's order: replies, commitments, suggestions."""
    blocks = [_reply(question) for question in unanswered_questions(session)]
    flagged = _flagged_blocks(session, user)
    kinds = ("commitment", "suggestion")
    blocks += sorted(flagged, key=lambda block: kinds.index(block[0]))
    stream_block = HotResponsePage.body.field.stream_block
    return StreamValue(
        stream_block,
        [(name, stream_block.child_blocks[name].normalize(value)) for name, value in blocks],
    )


def _title(session):
    with translation.override(settings.LANGUAGE_CODE):
        return _("Hot response: %(title)s") % {"title": session.title}


def _free_slug(column, base):
    base = base or "response"
    taken = set(column.get_children().values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def draft_response(session, user, now=None):
    """The session's hot response: a new draft (created=True) or the one it has already."""
    session = source_session(session)
    # Two editors clicking at once make one response: the second waits for the first.
    session = TalkSessionPage.objects.select_for_update().get(pk=session.pk)
    existing = existing_response(session)
    if existing is not None:
        return Drafted(existing, created=False)
    check_may_draft(session, now)
    column = response_column(session)
    page = HotResponsePage(
        title=_title(session),
        slug=_free_slug(column, slugify(session.slug, allow_unicode=False)),
        session=session,
        live=False,
        has_unpublished_changes=True,
        owner=user,
        locale_id=column.locale_id,
    )
    page.body = prefilled_body(session, user)
    column.add_child(instance=page)
    page.save_revision(user=user, log_action=False)
    log(instance=page, action="wagtail.create", user=user, content_changed=True)
    return Drafted(page, created=True)
