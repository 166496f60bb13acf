"""Units (departments) of the municipal government that hold sessions; reused across years."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


class Department(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Full official name, e.g. 市发展改革局. Unique within one language."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("Short form used in tight spaces, e.g. 发改局. Optional."),
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("The unit's own government website, if any.")
    )
    new_media_accounts = models.TextField(
        _("government new-media accounts"),
        blank=True,
        help_text=_(
            "One account per line, e.g. 微信公众号：珠海发改. Units with such accounts also "
            "publish the announcement there."
        ),
    )
    reminder_email = models.EmailField(
        _("reminder e-mail"),
        blank=True,
        help_text=_("Deadline reminders for this unit's sessions go to this address."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("short_name")], heading=_("Name")),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("new_media_accounts")], heading=_("Channels")
        ),
        MultiFieldPanel([FieldPanel("reminder_email")], heading=_("Reminders")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "name"], name="onlinetalk_department_unique_name_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def new_media_account_list(self):
        return [line.strip() for line in self.new_media_accounts.splitlines() if line.strip()]


def localize_departments(departments, locale=None):
    """The given departments in the active (or given) locale, in the same order.

    Inline rows and page relations keep pointing at the source-language department after
    translation (wagtail-localize #710); this swaps each for its translation, with one query for
    the whole list, and keeps the source row where no translation exists.
    """
    departments = list(departments)
    locale = locale or Locale.get_active()
    keys = {d.translation_key for d in departments if d.locale_id != locale.pk}
    if not keys:
        return departments
    translated = {
        d.translation_key: d
        for d in Department.objects.filter(translation_key__in=keys, locale=locale)
    }
    return [translated.get(d.translation_key, d) for d in departments]
