"""The Office's "add a person" view: Office users and superusers only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from onlinetalk.access.scope import is_office_user

from .people import PeopleError, add_person
from .people_forms import AddPersonForm


def add_person_view(request):
    if not is_office_user(request.user):
        raise PermissionDenied
    form = AddPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, group = add_person(
                data["existing_user"],
                data["role"],
                data["unit"],
                by=request.user,
                new_account={
                    name: data[name]
                    for name in ("username", "name", "email", "language", "password")
                },
            )
        except PeopleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(person)s was added to %(group)s.") % {"person": person, "group": group},
            )
            return redirect("onlinetalk_people_add")
    return render(
        request,
        "onlinetalk/admin/people_add.html",
        {"form": form, "title": _("Add a person")},
    )
