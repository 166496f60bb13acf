"""What staff do with the broadcast: post, correct, withdraw, reset the rehearsal. Plain
functions the console's views and the demo call alike.

Every change takes the stream's row lock, raises its version by one and stamps the entry with
it, in one transaction: posts are serialised per stream, so their positions (ids) and versions
agree, and the poll never sees a version without its entry. After the commit the new version is
put in the cache (poll.py), where every reader's poll finds it without a query.

Every post, correction and withdrawal on the public stream is written to Wagtail's log on the
session page (who, when, which entry): the column's audit report shows them. The rehearsal is
practice and is not logged.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.log_actions import log

from onlinetalk.conf import get_setting
from onlinetalk.questions.models import QuestionStatus
from onlinetalk.questions.moderation import mark_answered
from onlinetalk.request_memo import active_locale, default_locale

from . import poll
from .models import EntryFlag, EntryRole, LiveEntry, LiveEntryRevision, LiveStream, StreamKind
from .text import formatted_text, one_line, plain_text

MAX_TEXT_LENGTH = 5000

# Wagtail log actions, on the session page (registered with their labels by onlinetalk.audit).
POST_LOG_ACTION = "onlinetalk.live.post"
CORRECTION_LOG_ACTION = "onlinetalk.live.correct"
WITHDRAWAL_LOG_ACTION = "onlinetalk.live.withdraw"


def _log(stream, session, action, user, entry, **data):
    """On the stream's session: the default-language page (`stream_session`)."""
    if stream.kind == StreamKind.PUBLIC:
        log(
            instance=session,
            action=action,
            user=user,
            data={"entry": entry.pk, "role": entry.role, **data},
        )


class LiveError(Exception):
    """A post or change that is refused; the message says why, in the user's language."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def stream_session(session):
    """The page a session's streams belong to: its page in the default language (the
    broadcast is one, whichever language a reader reads it in). No query for a page in the
    reader's language when that is the default; one for a translation."""
    default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    reader = active_locale()
    if session.locale_id == reader.pk:
        if reader.language_code == default_language:
            return session
    elif session.locale_id == default_locale().pk:
        return session
    owner = (
        type(session)
        .objects.filter(
            translation_key=session.translation_key, locale__language_code=default_language
        )
        .first()
    )
    return owner or session


def get_stream(session, kind=StreamKind.PUBLIC):
    stream, _created = LiveStream.objects.get_or_create(session=stream_session(session), kind=kind)
    return stream


def posting_opens_at(session):
    """The public stream takes posts from a little before the start (the host's opening)."""
    minutes = get_setting("LIVE_OPENS_MINUTES_BEFORE")
    return session.start - datetime.timedelta(minutes=minutes)


def check_may_post(session, kind, now):
    if kind == StreamKind.REHEARSAL:
        return
    if session.schedule_change:
        raise LiveError(_("The session is postponed or cancelled: nothing can be broadcast."))
    if now < posting_opens_at(session):
        raise LiveError(
            _("The live stream opens shortly before the start. Use the rehearsal until then.")
        )


@dataclass
class EntryInput:
    """What the console's form sends, before it is checked."""

    role: str
    text: str = ""
    leader: object = None
    question: object = None
    asker: str = ""
    image: object = None
    image_alt: str = ""
    image_caption: str = ""
    flag: str = ""


def _clean(session, value):
    """The entry's fields as stored, or LiveError naming the field at fault."""
    if value.role not in EntryRole.values:
        raise LiveError(_("Choose who is speaking."), "role")
    if value.flag not in EntryFlag.values:
        raise LiveError(_("Choose a valid flag."), "flag")
    fields = {
        "role": value.role,
        "flag": value.flag,
        "leader": None,
        "question": None,
        "asker": "",
        "image": value.image,
        "image_alt": one_line(value.image_alt, max_length=200),
        "image_caption": one_line(value.image_caption, max_length=250),
    }
    if value.role == EntryRole.CITIZEN:
        fields.update(_citizen_fields(session, value))
    else:
        fields["text"] = formatted_text(value.text)
    if value.role == EntryRole.GUEST:
        leader = value.leader
        leaders = {
            row.leader.translation_key for row in stream_session(session).session_leaders.all()
        }
        if leader is None or leader.translation_key not in leaders:
            raise LiveError(_("Choose which of the session's leaders is answering."), "leader")
        fields["leader"] = leader
    if len(fields["text"]) > MAX_TEXT_LENGTH:
        raise LiveError(_("The text is too long; split it into two entries."), "text")
    if value.image is not None and not fields["image_alt"]:
        raise LiveError(
            _("Describe the image for readers who cannot see it (alternative text)."), "image_alt"
        )
    if value.image is None and (fields["image_alt"] or fields["image_caption"]):
        fields["image_alt"] = fields["image_caption"] = ""
    if not fields["text"] and value.image is None:
        raise LiveError(_("Write the entry's text or attach an image."), "text")
    return fields


def _citizen_fields(session, value):
    question = value.question
    if question is not None:
        owner = stream_session(session)
        if question.session.translation_key != owner.translation_key:
            raise LiveError(_("This question was not asked to this session."), "question")
        if question.status not in (QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED_LIVE):
            raise LiveError(_("Only accepted questions can be put to the leaders."), "question")
        # Not cut to length: a text that is too long is refused with the reason (_clean).
        text = plain_text(value.text or question.text)
        asker = one_line(value.asker or question.nickname, max_length=30)
        return {"question": question, "text": text, "asker": asker}
    text = plain_text(value.text)
    asker = one_line(value.asker, max_length=30)
    if text and not asker:
        raise LiveError(_("Give the citizen's nickname."), "asker")
    return {"text": text, "asker": asker}


def _bump(stream):
    """Lock the stream's row and raise its version: the version of the change being made."""
    locked = LiveStream.objects.select_for_update().get(pk=stream.pk)
    locked.version += 1
    locked.save(update_fields=["version"])
    stream.version = locked.version
    if stream.kind == StreamKind.PUBLIC:
        transaction.on_commit(lambda: poll.stream_changed(stream.session_id, locked.version))
    return locked.version


def post_entry(session, user, value, *, kind=StreamKind.PUBLIC, now=None):
    now = now or timezone.now()
    check_may_post(session, kind, now)
    fields = _clean(session, value)
    with transaction.atomic():
        stream = get_stream(session, kind)
        version = _bump(stream)
        entry = LiveEntry.objects.create(
            stream=stream,
            posted_at=now,
            posted_by=user,
            changed_in_version=version,
            **fields,
        )
        _log(stream, stream_session(session), POST_LOG_ACTION, user, entry)
        question = fields["question"]
        if question is not None and kind == StreamKind.PUBLIC:
            # Put to the leaders live: its fate is settled, and the entry links back to it.
            mark_answered([question], user, live=True)
    return entry


def _check_may_change(entry, user):
    if entry.is_withdrawn:
        raise LiveError(_("This entry was withdrawn; it cannot be changed."))


def correct_entry(entry, user, *, text, image_alt="", image_caption="", flag="", now=None):
    """A correction: the entry shows the new text; the earlier one stays in its history."""
    now = now or timezone.now()
    _check_may_change(entry, user)
    session = entry.stream.session
    value = EntryInput(
        role=entry.role,
        text=text,
        leader=entry.leader,
        question=None,
        asker=entry.asker,
        image=entry.image,
        image_alt=image_alt,
        image_caption=image_caption,
        flag=flag,
    )
    fields = _clean(session, value)
    changed = (
        fields["text"] != entry.text
        or fields["image_alt"] != entry.image_alt
        or fields["image_caption"] != entry.image_caption
        or fields["flag"] != entry.flag
    )
    if not changed:
        return entry
    with transaction.atomic():
        version = _bump(entry.stream)
        locked = LiveEntry.objects.select_for_update().get(pk=entry.pk)
        LiveEntryRevision.objects.create(
            entry=locked,
            revision=locked.revision,
            text=locked.text,
            image_alt=locked.image_alt,
            image_caption=locked.image_caption,
            flag=locked.flag,
            replaced_at=now,
            replaced_by=user,
        )
        for name in ("text", "image_alt", "image_caption", "flag"):
            setattr(entry, name, fields[name])
        entry.revision = locked.revision + 1
        entry.changed_in_version = version
        entry.save(
            update_fields=[
                "text",
                "image_alt",
                "image_caption",
                "flag",
                "revision",
                "changed_in_version",
            ]
        )
        _log(entry.stream, session, CORRECTION_LOG_ACTION, user, entry, revision=entry.revision)
    return entry


def retract_entry(entry, user, reason="", now=None):
    """Withdraw an entry: readers see a marker where it was; nothing is deleted."""
    now = now or timezone.now()
    _check_may_change(entry, user)
    with transaction.atomic():
        version = _bump(entry.stream)
        entry.withdrawn_at = now
        entry.withdrawn_by = user
        entry.withdrawal_reason = one_line(reason, max_length=200)
        entry.changed_in_version = version
        entry.save(
            update_fields=[
                "withdrawn_at",
                "withdrawn_by",
                "withdrawal_reason",
                "changed_in_version",
            ]
        )
        _log(entry.stream, entry.stream.session, WITHDRAWAL_LOG_ACTION, user, entry)
    return entry


def reset_rehearsal(session, user):
    """Clear the rehearsal in one action (the only entries that are ever deleted)."""
    with transaction.atomic():
        stream = get_stream(session, StreamKind.REHEARSAL)
        _bump(stream)
        removed = LiveEntry.objects.filter(stream=stream).count()
        LiveEntry.objects.filter(stream=stream).delete()
    return removed
