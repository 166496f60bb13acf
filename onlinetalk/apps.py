from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineTalkConfig(AppConfig):
    name = "onlinetalk"
    label = "onlinetalk"
    verbose_name = _("Minsheng Online")
    default_auto_field = "django.db.models.BigAutoField"
