"""StreamField blocks of a session's announcement and transcript; each renders with its own
template under onlinetalk/blocks/."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from onlinetalk.localization import known_objects, prefetch_translations, remember_objects

from .video import check_captions, check_video


def prefetch_translations_keeping_order(objects):
    objects = list(objects)
    prefetch_translations(objects)
    return objects


def _struct_error(field, message):
    return StructBlockValidationError(block_errors={field: ErrorList([ValidationError(message)])})


class TranslatableSnippetChooserBlock(SnippetChooserBlock):
    """Chooses a translatable snippet (a leader) in the default language and loads, with the
    chosen ones, their translations: the block's template shows the reader's language
    (`|in_reader_language`) on any page and in previews, with no extra query per block."""

    def bulk_to_python(self, values):
        known = dict(known_objects(self.model_class))
        # Stored ids may be numbers or strings (translated streams): compare them as keys.
        keys = [
            None if value is None else self.model_class._meta.pk.to_python(value)
            for value in values
        ]
        missing = [key for key in keys if key is not None and key not in known]
        if missing:
            loaded = remember_objects(super().bulk_to_python(missing))
            known.update((obj.pk, obj) for obj in loaded if obj is not None)
        return prefetch_translations_keeping_order(known.get(key) for key in keys)

    def to_python(self, value):
        return prefetch_translations_keeping_order([super().to_python(value)])[0]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["h3", "bold", "italic", "link", "ol", "ul", "document-link"])
        super().__init__(**kwargs)

    class Meta:
        template = "onlinetalk/blocks/rich_text.html"
        label = _("Text")
        icon = "pilcrow"


class GuestIntroductionBlock(blocks.StructBlock):
    leader = TranslatableSnippetChooserBlock("onlinetalk.Leader", label=_("leader"))
    introduction = blocks.TextBlock(
        label=_("introduction"),
        required=False,
        help_text=_("Leave empty to show the leader's short biography."),
    )

    class Meta:
        template = "onlinetalk/blocks/guest_introduction.html"
        label = _("Guest introduction")
        icon = "user"


class TopicListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=100)
    topics = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("topics"))

    class Meta:
        template = "onlinetalk/blocks/topic_list.html"
        label = _("Topic list")
        icon = "list-ul"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=200,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        template = "onlinetalk/blocks/image_with_caption.html"
        label = _("Image with caption")
        icon = "image"


class DocumentOrLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    document = DocumentChooserBlock(label=_("document"), required=False)
    url = blocks.URLBlock(label=_("link"), required=False)

    class Meta:
        template = "onlinetalk/blocks/document_or_link.html"
        label = _("Document or link")
        icon = "doc-full"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("url")):
            raise _struct_error("url", _("Choose a document or enter a link (one of the two)."))
        return value


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    video = DocumentChooserBlock(
        label=_("video file"), required=False, help_text=_("An .mp4 or .webm file.")
    )
    captions = DocumentChooserBlock(
        label=_("captions"), required=False, help_text=_("A WebVTT (.vtt) captions file.")
    )
    poster = ImageChooserBlock(label=_("poster image"), required=False)
    embed = EmbedBlock(
        label=_("embedded video"),
        required=False,
        help_text=_("Only for a video hosted on a government platform; prefer an uploaded file."),
    )

    class Meta:
        template = "onlinetalk/blocks/video.html"
        label = _("Video")
        icon = "media"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("video")) == bool(value.get("embed")):
            raise _struct_error("video", _("Choose a video file or an embedded video (one)."))
        for field, check in (("video", check_video), ("captions", check_captions)):
            try:
                check(value.get(field))
            except ValidationError as error:
                raise _struct_error(field, error.messages[0]) from error
        return value


class QAExchangeBlock(blocks.StructBlock):
    asker = blocks.CharBlock(label=_("asker's nickname"), max_length=50)
    question = blocks.TextBlock(label=_("question"), help_text=_("Shown as plain text."))
    # Optional since the compiled transcript: a question put live that no leader answered keeps
    # its place in the record, without an answer.
    leader = TranslatableSnippetChooserBlock(
        "onlinetalk.Leader", label=_("answering leader"), required=False
    )
    answer = RichTextBlock(label=_("answer"), required=False)
    time = blocks.TimeBlock(label=_("time"), required=False)

    class Meta:
        template = "onlinetalk/blocks/qa_exchange.html"
        label = _("Q&A exchange")
        icon = "openquote"


class HostRemarkBlock(blocks.StructBlock):
    remark = blocks.TextBlock(label=_("remark"))
    time = blocks.TimeBlock(label=_("time"), required=False)

    class Meta:
        template = "onlinetalk/blocks/host_remark.html"
        label = _("Host remark")
        icon = "comment"


class GuestRemarkBlock(blocks.StructBlock):
    """A leader speaking without a citizen's question before (an introduction, a summary)."""

    leader = TranslatableSnippetChooserBlock("onlinetalk.Leader", label=_("leader"))
    remark = RichTextBlock(label=_("remark"))
    time = blocks.TimeBlock(label=_("time"), required=False)

    class Meta:
        template = "onlinetalk/blocks/guest_remark.html"
        label = _("Guest remark")
        icon = "user"


class NoticeBlock(blocks.StructBlock):
    text = RichTextBlock(label=_("text"))
    time = blocks.TimeBlock(label=_("time"), required=False)

    class Meta:
        template = "onlinetalk/blocks/notice.html"
        label = _("Notice")
        icon = "info-circle"


class AnnouncementBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    guest_introduction = GuestIntroductionBlock()
    topic_list = TopicListBlock()
    image = ImageWithCaptionBlock()
    document_or_link = DocumentOrLinkBlock()
    video = VideoBlock()


class TranscriptBlock(blocks.StreamBlock):
    qa_exchange = QAExchangeBlock()
    host_remark = HostRemarkBlock()
    guest_remark = GuestRemarkBlock()
    notice = NoticeBlock()
    image = ImageWithCaptionBlock()
    video_clip = VideoBlock(label=_("Video clip"))
    rich_text = RichTextBlock()


class RelatedBlock(blocks.StreamBlock):
    document_or_link = DocumentOrLinkBlock()
