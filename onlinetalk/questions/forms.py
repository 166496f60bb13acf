"""The public question form. Every refusal is a message on the form, which keeps what was typed."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from onlinetalk.conf import get_setting

from .addresses import salted_hash
from .text import is_valid_contact, nfkc, normalise_line, normalise_text

TOKEN_SALT = "onlinetalk.questions.form"
NICKNAME_MAX_LENGTH = 30  # CitizenQuestion.nickname, after normalisation


def _connection_mark(address_hash):
    # The token can be read by whoever holds it: it carries a hash of the stored address hash,
    # never the stored hash itself.
    return salted_hash("form token", address_hash)[:32]


def new_form_token(address_hash):
    """When the form was handed out and to which connection, signed: the minimum time to fill
    it is measured from here, and a token copied to another address is of no use there."""
    return signing.dumps(
        {"at": int(time.time() * 1000), "to": _connection_mark(address_hash)}, salt=TOKEN_SALT
    )


class QuestionForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=200,  # the real limit applies after normalisation, with a clearer message
        help_text=_("Shown with your question if it is published. Up to 30 characters."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    text = forms.CharField(
        label=_("Your question"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact = forms.CharField(
        label=_("Phone or e-mail (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "Only the unit's staff see it, to ask you back if needed; it is never published and "
            "is deleted some months after the replies."
        ),
        # A phone number is as welcome as an e-mail address: the keyboard is the ordinary one.
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    consent_to_publish = forms.BooleanField(
        label=_("My question (not my contact) may be published on this page with its answer."),
        required=False,
    )
    # A field people do not see: programs that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    issued = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, address_hash="", **kwargs):
        """`address_hash`: the connection the form is sent from, which its token must name."""
        super().__init__(*args, **kwargs)
        self.address_hash = address_hash
        minimum, maximum = get_setting("QUESTION_MIN_LENGTH"), get_setting("QUESTION_MAX_LENGTH")
        self.fields["text"].help_text = _(
            "Plain text, %(min)s to %(max)s characters. Please do not include personal details."
        ) % {"min": minimum, "max": maximum}
        self.fields["text"].widget.attrs["maxlength"] = str(maximum)
        # The browser stops at the limit the help names (Django would write max_length's 200).
        self.fields["nickname"].widget.attrs["maxlength"] = str(NICKNAME_MAX_LENGTH)

    def clean_nickname(self):
        nickname = normalise_line(self.cleaned_data["nickname"])
        if not nickname:
            raise forms.ValidationError(_("Please give a nickname."))
        if len(nickname) > NICKNAME_MAX_LENGTH:
            raise forms.ValidationError(
                _("The nickname is %(length)s characters long; 30 at most, please.")
                % {"length": len(nickname)}
            )
        return nickname

    def clean_text(self):
        text = normalise_text(self.cleaned_data["text"])
        minimum, maximum = get_setting("QUESTION_MIN_LENGTH"), get_setting("QUESTION_MAX_LENGTH")
        if len(text) < minimum:
            raise forms.ValidationError(
                _("The question has %(length)s characters; please write at least %(min)s.")
                % {"length": len(text), "min": minimum}
            )
        if len(text) > maximum:
            raise forms.ValidationError(
                _(
                    "The question has %(length)s characters; %(max)s at most, please shorten it "
                    "(or split it into two questions)."
                )
                % {"length": len(text), "max": maximum}
            )
        return text

    def clean_contact(self):
        # Full-width ＠．＋－ from a phone keyboard in Chinese mode fold to ASCII here.
        contact = normalise_line(nfkc(self.cleaned_data["contact"], keep_chinese_punctuation=False))
        contact = contact.replace(" ", "")
        if contact and (len(contact) > 100 or not is_valid_contact(contact)):
            raise forms.ValidationError(
                _(
                    "Please give a phone number (digits only) or an e-mail address, or leave it empty."
                )
            )
        return contact

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _(
                    "The form could not be accepted: the field “Leave this field empty” was "
                    "filled in (some browsers fill it in by themselves). It is empty now: please "
                    "send the form again."
                ),
                code="honeypot",
            )
        try:
            issued = signing.loads(
                self.cleaned_data.get("issued") or "",
                salt=TOKEN_SALT,
                max_age=get_setting("QUESTION_FORM_MAX_AGE_HOURS") * 3600,
            )
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("The form was open for too long. Please send it again."), code="expired"
            ) from None
        except signing.BadSignature:
            issued = None
        if not isinstance(issued, dict) or not isinstance(issued.get("at"), int):
            raise forms.ValidationError(
                _("The form was incomplete. Please send it again."), code="token"
            )
        if issued.get("to") != _connection_mark(self.address_hash):
            raise forms.ValidationError(
                _(
                    "The form was opened from another connection (for example before switching "
                    "from Wi-Fi to mobile data). Please send it again."
                ),
                code="address",
            )
        elapsed = time.time() - issued["at"] / 1000
        if elapsed < get_setting("QUESTION_MIN_FILL_SECONDS"):
            raise forms.ValidationError(
                _(
                    "The form was sent within seconds of opening it. Please read your question "
                    "once more and send it again."
                ),
                code="too_fast",
            )
        return cleaned
