"""Units (departments) of the municipal government that hold sessions; reused across years."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import TranslatableMixin
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


class Leader(TranslatableMixin, index.Indexed, models.Model):
    """A department leader who answers citizens in sessions; reused across sessions and years."""

    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(
        _("position"), max_length=100, help_text=_("e.g. 市发展改革局局长.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="leaders",
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait; its alt text is the leader's name and position."),
    )
    biography = models.TextField(
        _("short biography"),
        blank=True,
        help_text=_("A few sentences: responsibilities and background."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("position"), FieldPanel("department")],
            heading=_("Leader"),
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("biography")], heading=_("Profile")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("position"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}（{self.position}）" if self.position else self.name
