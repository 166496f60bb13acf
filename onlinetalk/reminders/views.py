"""The Office's "Send again" on a failed reminder: a POST that puts the row back in the queue
(resend.py); the next scan sends it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .resend import send_again
from .visibility import may_send_again


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("onlinetalk_reminder_log")


@require_POST
def send_again_view(request, row_id):
    if not may_send_again(request.user):
        raise PermissionDenied
    if send_again(row_id):
        messages.success(request, _("The reminder is queued again: the next scan sends it."))
    else:
        messages.error(request, _("Only a reminder that could not be sent can be sent again."))
    return redirect(_back(request))
