"""The last guard before the admin publishes a hot response: a late one without its public
explanation is refused with a message (the form says so on its field first; the page's own
publish() refuses every other way of publishing)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from .lateness import LateWithoutExplanation, check_may_publish
from .models import HotResponsePage


@hooks.register("before_publish_page")
def refuse_late_response_without_explanation(request, page):
    if not isinstance(page, HotResponsePage):
        return None
    try:
        check_may_publish(page)
    except LateWithoutExplanation as error:
        for message in error.message_dict.get("late_explanation", error.messages):
            messages.error(request, message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
