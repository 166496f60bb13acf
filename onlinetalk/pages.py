from wagtail.models import Page

from onlinetalk.conf import get_setting


class OnlineTalkPage(Page):
    """Base of the extension's pages: they render inside the host site's base template."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["onlinetalk_base_template"] = get_setting("BASE_TEMPLATE")
        return context
