"""The live console in the Wagtail admin: one page per session and the JSON endpoints its script
calls. Every view finds the session through the permission policy (404 when the user may not
broadcast it) and leaves every rule of the broadcast to the services in stream.py.

The POST endpoints answer JSON to a script that asks for it (`Accept: application/json`) and,
to a plain form without JavaScript, redirect back to the console with a message.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import stream as services
from .forms import CorrectForm, PostForm, RetractForm, open_questions, search_open_questions
from .forms import session_leaders as leaders_of
from .models import LiveEntry, StreamKind
from .permissions import live_policy
from .render import entries_for_display, render_entry
from .text import editable_text

ENTRY_TEMPLATE = "onlinetalk/admin/live_console_entry.html"
QUESTION_TEMPLATE = "onlinetalk/admin/live_console_question.html"


def _session(request, session_id, action="add"):
    """The session (its page in the default language) if the user may broadcast it."""
    # `id` (Page's own field), not `pk`: Django turns an id past the integer range into "no
    # match" only for the former.
    session = live_policy.sessions_for_user(request.user, action).filter(id=session_id).first()
    if session is None:
        raise Http404
    return services.stream_session(session)


def _entry(session, entry_id):
    entry = (
        LiveEntry.objects.select_related("stream", "leader", "image")
        .filter(id=entry_id, stream__session=session)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _refused(message, field=None, status=400):
    return _private(JsonResponse({"ok": False, "error": message, "field": field}, status=status))


def _kind(value, default):
    return value if value in StreamKind.values else default


def default_kind(session, now):
    """The stream the console opens on: the live one once posting is open, else the rehearsal."""
    return StreamKind.PUBLIC if now >= services.posting_opens_at(session) else StreamKind.REHEARSAL


def _console_url(session, kind=None):
    url = reverse("onlinetalk_live_console", args=[session.pk])
    return f"{url}?stream={kind}" if kind else url


def _entries_of(session, kind):
    return LiveEntry.objects.filter(stream__session=session, stream__kind=kind)


def _staff_entries(queryset):
    return entries_for_display(
        queryset.select_related("posted_by", "withdrawn_by").prefetch_related(
            "revisions__replaced_by"
        )
    )


def _entry_html(request, session, entry):
    return render_to_string(
        ENTRY_TEMPLATE,
        {
            "entry": entry,
            "session": session,
            "reader_html": render_entry(entry, staff=True),
            "editable": editable_text(entry.text) if entry.role != "citizen" else entry.text,
            "posted_by": _user_name(entry.posted_by) or "—",
            "withdrawn_by": _user_name(entry.withdrawn_by) or "—",
            "revisions": [
                (revision, _user_name(revision.replaced_by) or "—")
                for revision in entry.revisions.all()
            ],
        },
        request=request,
    )


def _user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def entry_payload(request, session, entry):
    """An entry for the staff: the readers' HTML inside the console's own (history, reason,
    correct and retract forms), and the same details as data."""
    return {
        "id": entry.pk,
        "version": entry.changed_in_version,
        "revision": entry.revision,
        "withdrawn": entry.is_withdrawn,
        "withdrawal_reason": entry.withdrawal_reason,
        "posted_by": _user_name(entry.posted_by),
        "revisions": [
            {
                "revision": revision.revision,
                "text": revision.text,
                "replaced_at": revision.replaced_at.isoformat(),
                "replaced_by": _user_name(revision.replaced_by),
            }
            for revision in entry.revisions.all()
        ],
        "html": _entry_html(request, session, entry),
    }


def _stream_version(session, kind):
    stream = session.live_streams.filter(kind=kind).first()
    return stream.version if stream else 0


# --- the console page ------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def console(request, session_id):
    session = _session(request, session_id)
    now = timezone.now()
    if request.method == "POST":
        # Without JavaScript: the post form as a plain form, back to the console.
        return _post_and_redirect(request, session, now)
    kind = _kind(request.GET.get("stream"), default_kind(session, now))
    form = PostForm(session, initial={"stream": kind, "role": "host", "flag": ""})
    return _render_console(request, session, kind, form, now)


def _render_console(request, session, kind, form, now, status=200, error_message=None):
    entries = _staff_entries(_entries_of(session, kind).order_by("-pk"))
    open_list = list(open_questions(session)[:200])
    context = {
        "session": session,
        "title": _("Live console"),
        "kind": kind,
        "kinds": StreamKind,
        "form": form,
        "form_error": error_message,
        "entries": [
            {"entry": entry, "html": _entry_html(request, session, entry)} for entry in entries
        ],
        "version": _stream_version(session, kind),
        "leaders": leaders_of(session),
        "questions": open_list,
        "posting_opens_at": services.posting_opens_at(session),
        "posting_open": now >= services.posting_opens_at(session),
        "urls": {
            "entries": reverse("onlinetalk_live_entries", args=[session.pk]),
            "post": reverse("onlinetalk_live_post", args=[session.pk]),
            "questions": reverse("onlinetalk_live_questions", args=[session.pk]),
            "reset": reverse("onlinetalk_live_reset_rehearsal", args=[session.pk]),
        },
    }
    return render(request, "onlinetalk/admin/live_console.html", context, status=status)


def _post(request, session, now):
    """Post the form's entry: (entry, None) or (None, (message, field))."""
    form = PostForm(session, request.POST, request.FILES)
    if not form.is_valid():
        return None, form.first_error(), form
    kind = form.cleaned_data["stream"]
    image = None
    try:
        with transaction.atomic():
            image = form.save_image(request.user)
            entry = services.post_entry(
                session, request.user, form.entry_input(image), kind=kind, now=now
            )
    except services.LiveError as error:
        if image is not None:
            # The image row went with the transaction; its file goes too.
            image.file.delete(save=False)
        return None, (error.message, error.field), form
    return entry, None, form


def _post_and_redirect(request, session, now):
    entry, error, form = _post(request, session, now)
    if error:
        messages.error(request, error[0])
        kind = _kind(request.POST.get("stream"), default_kind(session, now))
        # The form again, with what was typed (a redirect would lose it).
        return _render_console(
            request, session, kind, form, now, status=400, error_message=error[0]
        )
    messages.success(request, _("Posted."))
    return redirect(_console_url(session, entry.stream.kind) + f"#console-entry-{entry.pk}")


# --- the JSON endpoints ----------------------------------------------------------------------


@require_GET
@never_cache
def entries(request, session_id):
    """The staff's poll: the chosen stream's entries changed since a version (all of them
    without one), with the details only staff see. Not cached."""
    session = _session(request, session_id)
    kind = _kind(request.GET.get("stream"), StreamKind.PUBLIC)
    since = request.GET.get("since", "")
    since = int(since) if since.isdigit() and len(since) < 16 else 0
    queryset = _entries_of(session, kind)
    changed = queryset.filter(changed_in_version__gt=since) if since else queryset
    return _private(
        JsonResponse(
            {
                "stream": kind,
                "version": _stream_version(session, kind),
                # Every id still in the stream: a reset rehearsal empties it.
                "ids": list(queryset.order_by("pk").values_list("pk", flat=True)),
                "entries": [
                    entry_payload(request, session, entry)
                    for entry in _staff_entries(changed.order_by("pk"))
                ],
            }
        )
    )


def _respond(request, session, *, ok_message, entry=None, error=None, kind=None):
    if _wants_json(request):
        if error:
            return _refused(*error)
        data = {"ok": True, "message": ok_message}
        if entry is not None:
            entry = _staff_entries(LiveEntry.objects.filter(pk=entry.pk))[0]
            data["entry"] = entry_payload(request, session, entry)
            data["version"] = _stream_version(session, entry.stream.kind)
        return _private(JsonResponse(data))
    if error:
        messages.error(request, error[0])
    else:
        messages.success(request, ok_message)
    return redirect(_console_url(session, kind))


@require_POST
def post(request, session_id):
    session = _session(request, session_id)
    now = timezone.now()
    if not _wants_json(request):
        return _post_and_redirect(request, session, now)
    entry, error, _form = _post(request, session, now)
    return _respond(request, session, ok_message=_("Posted."), entry=entry, error=error)


@require_POST
def correct(request, session_id, entry_id):
    session = _session(request, session_id, "change")
    entry = _entry(session, entry_id)
    form = CorrectForm(request.POST)
    error = None
    if not form.is_valid():
        error = form.first_error()
    else:
        try:
            entry = services.correct_entry(
                entry,
                request.user,
                text=form.cleaned_data["text"],
                image_alt=form.cleaned_data["image_alt"],
                image_caption=form.cleaned_data["image_caption"],
                flag=form.cleaned_data["flag"] or "",
            )
        except services.LiveError as refusal:
            error = (refusal.message, refusal.field)
    return _respond(
        request,
        session,
        ok_message=_("Corrected."),
        entry=None if error else entry,
        error=error,
        kind=entry.stream.kind,
    )


@require_POST
def retract(request, session_id, entry_id):
    session = _session(request, session_id, "change")
    entry = _entry(session, entry_id)
    form = RetractForm(request.POST)
    error = None
    if not form.is_valid():
        error = form.first_error()
    else:
        try:
            entry = services.retract_entry(entry, request.user, form.cleaned_data["reason"])
        except services.LiveError as refusal:
            error = (refusal.message, refusal.field)
    return _respond(
        request,
        session,
        ok_message=_("Withdrawn."),
        entry=None if error else entry,
        error=error,
        kind=entry.stream.kind,
    )


@require_POST
def reset_rehearsal(request, session_id):
    session = _session(request, session_id, "change")
    removed = services.reset_rehearsal(session, request.user)
    message = _("The rehearsal was cleared (%(count)s entries removed).") % {"count": removed}
    if _wants_json(request):
        return _private(
            JsonResponse(
                {
                    "ok": True,
                    "message": message,
                    "removed": removed,
                    "version": _stream_version(session, StreamKind.REHEARSAL),
                }
            )
        )
    messages.success(request, message)
    return redirect(_console_url(session, StreamKind.REHEARSAL))


@require_GET
@never_cache
def questions(request, session_id):
    """The picker's list: accepted questions of this session still without a fate."""
    session = _session(request, session_id)
    found = search_open_questions(session, request.GET.get("q", ""))
    return _private(
        JsonResponse(
            {
                "questions": [
                    {
                        "id": question.pk,
                        "text": question.text,
                        "nickname": question.nickname,
                        "upvotes": question.upvotes,
                        "html": render_to_string(
                            QUESTION_TEMPLATE, {"question": question}, request=request
                        ),
                    }
                    for question in found
                ],
                "total": open_questions(session).count(),
            }
        )
    )
