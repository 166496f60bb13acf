"""The live console's forms: what staff send, checked for shape only. The broadcast's rules
(who may speak, which leaders, which questions, lengths, the rehearsal before the opening) are
the services' (stream.py); these forms only turn the request into their arguments."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.models import Collection

from onlinetalk.departments.models import Leader
from onlinetalk.questions.models import QuestionStatus
from onlinetalk.questions.public import questions_of

from .models import EntryFlag, EntryRole, StreamKind
from .stream import EntryInput, stream_session

# Far more than any entry may hold (the service refuses past its own limit, with a reason):
# this only stops a request from carrying a book.
TEXT_LIMIT = 50_000
QUESTIONS_SHOWN = 20


def open_questions(session):
    """The session's accepted questions still without a fate, most wanted first."""
    return (
        questions_of(stream_session(session))
        .filter(status=QuestionStatus.ACCEPTED)
        .order_by("-upvotes", "submitted_at", "pk")
    )


def search_open_questions(session, query):
    """The questions the picker lists: a database search (the search index holds only the
    public questions), at most QUESTIONS_SHOWN. A NUL, which PostgreSQL cannot compare, is
    dropped."""
    questions = open_questions(session)
    query = (query or "").replace("\x00", "").strip()[:100]
    if query:
        questions = questions.filter(Q(text__icontains=query) | Q(nickname__icontains=query))
    return list(questions[:QUESTIONS_SHOWN])


def session_leaders(session):
    return [
        row.leader
        for row in stream_session(session)
        .session_leaders.select_related("leader")
        .order_by("sort_order")
    ]


class PostForm(forms.Form):
    stream = forms.ChoiceField(
        label=_("Stream"), choices=StreamKind.choices, widget=forms.RadioSelect
    )
    role = forms.ChoiceField(
        label=_("Speaker"), choices=EntryRole.choices, widget=forms.RadioSelect
    )
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=None, required=False)
    question = forms.ModelChoiceField(
        label=_("Question from the board"), queryset=None, required=False
    )
    asker = forms.CharField(label=_("Citizen's nickname"), max_length=30, required=False)
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_LIMIT, required=False, widget=forms.Textarea
    )
    image = forms.Field(required=False)  # made per form: its limits are settings
    image_alt = forms.CharField(label=_("Alternative text"), max_length=200, required=False)
    image_caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    flag = forms.ChoiceField(
        label=_("Flag"), choices=EntryFlag.choices, required=False, widget=forms.RadioSelect
    )

    def __init__(self, session, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["image"] = WagtailImageField(label=_("Image"), required=False)
        owner = stream_session(session)
        self.fields["leader"].queryset = Leader.objects.filter(
            pk__in=owner.session_leaders.values("leader")
        )
        self.fields["question"].queryset = open_questions(session)

    def first_error(self):
        """(message, field) of the first problem, for the console's announcer."""
        for name, errors in self.errors.items():
            return str(errors[0]), (None if name == "__all__" else name)
        return None, None

    def entry_input(self, image=None):
        data = self.cleaned_data
        return EntryInput(
            role=data["role"],
            text=data["text"],
            leader=data["leader"],
            question=data["question"],
            asker=data["asker"],
            image=image,
            image_alt=data["image_alt"],
            image_caption=data["image_caption"],
            flag=data["flag"] or "",
        )

    def save_image(self, user):
        """The uploaded file as a Wagtail image (already checked by WagtailImageField for its
        type, format and size); None without an upload."""
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        image_model = get_image_model()
        image = image_model(
            title=(self.cleaned_data["image_alt"] or upload.name)[:255],
            file=upload,
            collection=Collection.get_first_root_node(),
            uploaded_by_user=user,
        )
        image._set_image_file_metadata()
        image.save()
        return image


class CorrectForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_LIMIT, required=False, widget=forms.Textarea
    )
    image_alt = forms.CharField(label=_("Alternative text"), max_length=200, required=False)
    image_caption = forms.CharField(label=_("Caption"), max_length=250, required=False)
    flag = forms.ChoiceField(
        label=_("Flag"), choices=EntryFlag.choices, required=False, widget=forms.RadioSelect
    )

    first_error = PostForm.first_error


class RetractForm(forms.Form):
    reason = forms.CharField(label=_("Reason (for the staff)"), max_length=200, required=False)

    first_error = PostForm.first_error
