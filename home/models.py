from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from onlinetalk.pages import RoutesToItsChildTypeDirectly, publicly_viewable
from onlinetalk.responses.models import HotResponseIndexPage
from onlinetalk.schedule.models import TalkIndexPage


class HomePage(RoutesToItsChildTypeDirectly, Page):
    """The portal's home in this reference site: points readers to the Minsheng Online column
    and the hot responses column beside it."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown under the page title on the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["onlinetalk.TalkIndexPage", "onlinetalk.HotResponseIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Both columns in one query, in the tree's order: a plain Page has the title and URL.
        context["columns"] = publicly_viewable(
            Page.objects.child_of(self).live().type(TalkIndexPage, HotResponseIndexPage)
        )
        return context
