"""The leader briefing in the admin: a print-friendly page and an XLSX file per session."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .briefing import briefing_groups, briefing_workbook
from .permissions import question_policy
from .scope import sessions_with_question_counts

CONTACT_EXPORT_ACTION = "onlinetalk.briefing_with_contacts"


def _require_view_permission(user):
    if not question_policy.user_has_permission(user, "view"):
        raise PermissionDenied


def briefing_index(request):
    _require_view_permission(request.user)
    return render(
        request,
        "onlinetalk/admin/briefing_index.html",
        {
            "sessions": sessions_with_question_counts(request.user).order_by("-start"),
            "now": timezone.now(),
        },
    )


def briefing(request, session_id):
    _require_view_permission(request.user)
    # `id` (Page's own field), not `pk` (the parent link): Django turns an id past the
    # integer range into "no match" only for the former; the latter fails on SQLite.
    session = sessions_with_question_counts(request.user).filter(id=session_id).first()
    if session is None:
        raise Http404
    with_contact = request.GET.get("contact") == "1"
    if with_contact and not question_policy.user_may_see_contacts(request.user):
        raise PermissionDenied
    groups = briefing_groups(session)
    export = request.GET.get("format") == "xlsx"
    if with_contact:
        # Every export that shows contacts is recorded: who, when, which session, which form.
        log(
            instance=session,
            action=CONTACT_EXPORT_ACTION,
            user=request.user,
            data={"format": "xlsx" if export else "html"},
        )
    if export:
        content = briefing_workbook(session, groups, with_contact=with_contact)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="briefing-{session.pk}.xlsx"'
        response["Cache-Control"] = "private, no-store"
        return response
    response = render(
        request,
        "onlinetalk/admin/briefing.html",
        {
            "session": session,
            "groups": groups,
            "with_contact": with_contact,
            "may_see_contact": question_policy.user_may_see_contacts(request.user),
            "exported_at": timezone.now(),
            "title": _("Leader briefing"),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
