"""After the session: the public stream becomes the session page's transcript, as a new draft
revision that goes through approval like any edit. The entries stay for the record.

How entries become blocks (in order of position, withdrawn ones left out; the rehearsal never):

- a citizen's question followed by guest entries: one `qa_exchange` per answer (asker, question,
  answering leader, the answer's sanitised HTML). Its time is the time of the QUESTION — when the
  exchange began, shown beside the asker as the block's template does — so every answer to one
  question carries the same time;
- a question that no guest entry follows: a `qa_exchange` without an answer (it was put live);
- a guest entry without a question just before: `guest_remark`;
- a host entry: `host_remark`, whose remark is plain text (the block is a TextBlock, kept so that
  existing transcripts and their translations stay valid): paragraphs and list items become
  lines, a link's address follows its words in brackets, bold and italics are dropped;
- a notice: `notice`;
- an entry's image: an `image` block right after the entry's own block (alt text and caption
  from the entry). An entry with an image and no text gives the image block alone.

Each block's id is derived from its entry (uuid5), so compiling again replaces the blocks that
came from entries (also those of entries withdrawn since) with the fresh compilation, and keeps
the blocks editors added by hand, after them. A hand correction of a compiled block is replaced
too: correct the entry instead, or add a block by hand.
"""

import html
import re
import uuid

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StreamValue
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText

from .models import EntryRole, LiveEntry, StreamKind
from .stream import stream_session

# The namespace of the ids of blocks compiled from entries (a constant: ids must not change).
BLOCK_NAMESPACE = uuid.UUID("9d4c6a3e-5b0f-4c8e-9a51-3f1d2e7b6c10")

LINE_BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|</ul>|</ol>", re.IGNORECASE)
LINK = re.compile(r'<a\s[^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def block_id(entry_id, part=""):
    return str(uuid.uuid5(BLOCK_NAMESPACE, f"onlinetalk-live-entry-{entry_id}{part}"))


def image_block_id(entry_id):
    return block_id(entry_id, "-image")


def public_stream_entries(session):
    """Every entry of the session's public stream, withdrawn ones included, in order."""
    return (
        LiveEntry.objects.filter(
            stream__session=stream_session(session), stream__kind=StreamKind.PUBLIC
        )
        .select_related("leader", "image")
        .order_by("pk")
    )


def compile_refusal(session, now):
    """Why the transcript cannot be compiled now (a message), or None."""
    if now < session.end:
        return _("The transcript can be compiled once the session has ended.")
    if not public_stream_entries(session).exists():
        return _("The live stream has no entries: there is nothing to compile.")
    return None


def text_lines(formatted):
    """Plain text, with its lines, from an entry's sanitised HTML (for a TextBlock)."""
    text = LINK.sub(
        lambda match: (
            match.group(2)
            if TAGS.sub("", match.group(2)).strip() == match.group(1)
            else f"{match.group(2)} ({match.group(1)})"
        ),
        formatted or "",
    )
    text = LINE_BREAKS.sub("\n", text)
    text = html.unescape(TAGS.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _time(entry):
    return timezone.localtime(entry.posted_at).time().replace(second=0, microsecond=0)


def _anonymous():
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Citizen")


def _image(entry):
    return (
        "image",
        {"image": entry.image, "alt_text": entry.image_alt, "caption": entry.image_caption},
        image_block_id(entry.pk),
    )


def _exchange(question, answer=None):
    return (
        "qa_exchange",
        {
            "asker": question.asker or _anonymous(),
            "question": question.text,
            "leader": answer.leader if answer else None,
            "answer": RichText(answer.text if answer else ""),
            "time": _time(question),
        },
        block_id((answer or question).pk),
    )


class _Compiler:
    def __init__(self):
        self.blocks = []
        self.question = None  # the citizen's entry the next guest entries answer
        self.question_placed = False  # its block (and image) are in place

    def _place(self, block, entry):
        self.blocks.append(block)
        if entry is not None and entry.image_id:
            self.blocks.append(_image(entry))

    def _close_question(self):
        if self.question is not None and not self.question_placed:
            self._place(_exchange(self.question), self.question)
        self.question, self.question_placed = None, False

    def add(self, entry):
        if entry.role == EntryRole.CITIZEN and entry.text:
            self._close_question()
            self.question = entry
            return
        if entry.role == EntryRole.GUEST and self.question is not None:
            if not entry.text:
                self._place_image_only(entry)
                return
            if not self.question_placed:
                self._place(_exchange(self.question, entry), self.question)
                self.question_placed = True
                if entry.image_id:
                    self.blocks.append(_image(entry))
            else:
                self._place(_exchange(self.question, entry), entry)
            return
        self._close_question()
        if not entry.text:
            self._place_image_only(entry)
        elif entry.role == EntryRole.HOST:
            value = {"remark": text_lines(entry.text), "time": _time(entry)}
            self._place(("host_remark", value, block_id(entry.pk)), entry)
        elif entry.role == EntryRole.GUEST:
            value = {"leader": entry.leader, "remark": RichText(entry.text), "time": _time(entry)}
            self._place(("guest_remark", value, block_id(entry.pk)), entry)
        else:
            value = {"text": RichText(entry.text), "time": _time(entry)}
            self._place(("notice", value, block_id(entry.pk)), entry)

    def _place_image_only(self, entry):
        if entry.image_id:
            self.blocks.append(_image(entry))

    def finish(self):
        self._close_question()
        return self.blocks


def compiled_blocks(session):
    """The transcript blocks of the session's public stream, and how many entries they hold."""
    compiler = _Compiler()
    entries = [entry for entry in public_stream_entries(session) if not entry.is_withdrawn]
    for entry in entries:
        compiler.add(entry)
    return compiler.finish(), len(entries)


def entry_block_ids(session):
    """The ids any entry of the stream gives its blocks (withdrawn ones included)."""
    ids = public_stream_entries(session).values_list("pk", flat=True)
    return {block_id(pk) for pk in ids} | {image_block_id(pk) for pk in ids}


def as_stream(stream_block, blocks):
    """A StreamField value of (block type, value, id) triples."""
    return StreamValue(
        stream_block,
        [
            (name, stream_block.child_blocks[name].normalize(value), id_)
            for name, value, id_ in blocks
        ],
    )


def compile_transcript(session, user, *, submit=True):
    """A new draft revision of the session's page (default language) whose transcript holds the
    public stream's entries, followed by the blocks editors added by hand. Never publishes.

    With `submit`, the draft goes to approval like any edit: the page's workflow is started if
    none is in progress (one that asked for changes is resumed; one in progress goes on and its
    reviewers see this latest revision)."""
    owner = stream_session(session)
    # A fresh copy: the caller's may not know the latest revision (it is a field of the page).
    owner = type(owner).objects.get(pk=owner.pk)
    page = owner.get_latest_revision_as_object()
    blocks, _count = compiled_blocks(owner)
    from_entries = entry_block_ids(owner)
    kept = [
        (block.block_type, block.value, block.id)
        for block in page.transcript
        if block.id not in from_entries
    ]
    page.transcript = as_stream(page.transcript.stream_block, blocks + kept)
    revision = page.save_revision(user=user, log_action=True)
    if submit:
        _submit(owner, user)
    return revision


def _submit(page, user):
    page.refresh_from_db()
    state = page.current_workflow_state
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        return
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)


def exchange_block_ids(entries):
    """{citizen entry id: id of the `qa_exchange` block the compilation gives it}, from the
    non-withdrawn entries of one stream in order, each with `pk`, `role` and `has_text` (no text
    needed: the fates of a whole list of questions cost one light query). The rule is the
    compiler's: a question's block takes the id of the first guest entry with text that answers
    it before any other entry with text, else its own."""
    ids = {}
    waiting = None  # the citizen entry whose first answer is still to come
    for entry in entries:
        if waiting is not None:
            if entry.role == EntryRole.GUEST and not entry.has_text:
                continue  # an image alone: the question still waits for its answer
            ids[waiting] = block_id(entry.pk if entry.role == EntryRole.GUEST else waiting)
            waiting = None
        if entry.role == EntryRole.CITIZEN and entry.has_text:
            waiting = entry.pk
    if waiting is not None:
        ids[waiting] = block_id(waiting)
    return ids
