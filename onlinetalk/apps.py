from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class OnlineTalkConfig(AppConfig):
    name = "onlinetalk"
    label = "onlinetalk"
    verbose_name = _("Minsheng Online")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from onlinetalk import provisioning
        from onlinetalk.approval import signals as approval_signals
        from onlinetalk.audit.checks import check_site_history_middleware
        from onlinetalk.live.checks import check_live_cache, check_live_setup
        from onlinetalk.responses import signals as response_signals
        from onlinetalk.search import signals as search_signals
        from onlinetalk.search.checks import check_search_backend, check_similar_answers_url

        response_signals.connect()
        provisioning.connect()
        approval_signals.connect()
        search_signals.connect()

        checks.register(check_live_setup)
        checks.register(check_live_cache, deploy=True)
        checks.register(check_site_history_middleware)
        checks.register(check_search_backend)
        checks.register(check_similar_answers_url)
