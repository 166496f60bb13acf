"""The "add a person" form: an existing account or a new one, a role and, for a unit role, the
unit. Every choice is checked against what exists (a tampered id is a form error)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from onlinetalk.access.models import OFFICE_ROLES, AccessRole
from onlinetalk.departments.models import Department

from .fields import IdModelChoiceField

ROLE_CHOICES = [
    (AccessRole.UNIT_EDITOR.value, _("Unit editor: drafts and submits the unit's pages")),
    (AccessRole.UNIT_REVIEWER.value, _("Unit reviewer: takes the unit's review step")),
    (AccessRole.OFFICE_EDITOR.value, _("Office editor: edits every page, never publishes")),
    (AccessRole.OFFICE_APPROVER.value, _("Office approver: approves and publishes")),
]


class AddPersonForm(forms.Form):
    existing_user = IdModelChoiceField(
        label=_("Existing account"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Choose an account that already exists, or fill in a new account below."),
    )
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        required=False,
        help_text=_("For a new account: the name the person logs in with."),
    )
    name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Admin language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The language of the admin and of the e-mails this person receives."),
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput,
        required=False,
        strip=False,
        help_text=_("Leave empty: the person sets their own password through “Forgot password?”."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    unit = IdModelChoiceField(
        label=_("Unit of the role"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Required for a unit role; leave empty for an Office role."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True)
        self.fields["existing_user"].queryset = users.order_by(get_user_model().USERNAME_FIELD)
        self.fields["unit"].queryset = Department.objects.filter(
            locale=Locale.get_default()
        ).order_by("name")

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("An account with this user name exists: choose it above.")
            )
        return username

    def clean(self):
        data = super().clean()
        existing, username = data.get("existing_user"), data.get("username")
        if existing and username:
            self.add_error("username", _("Choose an existing account or make a new one, not both."))
        elif not existing and not username and "username" not in self.errors:
            self.add_error(
                "existing_user", _("Choose an account or give a user name for a new one.")
            )
        role, unit = data.get("role"), data.get("unit")
        if role and role not in OFFICE_ROLES and unit is None and "unit" not in self.errors:
            self.add_error("unit", _("Choose the unit of a unit role."))
        if role in OFFICE_ROLES and unit is not None:
            self.add_error("unit", _("An Office role belongs to no unit: leave the unit empty."))
        password = data.get("password")
        if password and username:
            try:
                validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
