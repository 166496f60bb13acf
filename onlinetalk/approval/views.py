"""The admin view that sends a translated page to approval (see submission.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .names import readable_name
from .submission import may_submit, submit


def submit_for_approval(request, page_id):
    page = Page.objects.filter(id=page_id).first()
    if page is None:
        raise Http404
    page = page.specific
    if not may_submit(page, request.user):
        # Another unit's page and a page already in the workflow look the same: not here.
        raise Http404
    next_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_explore", args=(page.get_parent().pk,)
    )
    if request.method == "POST":
        state = submit(page, request.user)
        messages.success(
            request,
            _("“%(title)s” was sent to %(workflow)s.")
            % {
                "title": page.get_admin_display_title(),
                "workflow": readable_name(state.workflow.name),
            },
        )
        return redirect(next_url)
    workflow = page.get_workflow()
    return TemplateResponse(
        request,
        "onlinetalk/approval/submit.html",
        {
            "page": page,
            "workflow_name": readable_name(workflow.name),
            "task_names": [readable_name(task.name) for task in workflow.tasks],
            "next_url": next_url,
            "revision": page.get_latest_revision(),
        },
    )
