"""Mail to the admin's users, each in their own language (the approval's and the reminders')."""

from django.conf import settings
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile


def recipient_language(user, profile=None):
    """The language of the user's mail: their admin language, else the site's default."""
    profile = profile if profile is not None else UserProfile.get_for_user(user)
    language = profile.preferred_language
    if language and language in dict(get_available_admin_languages()):
        return language
    return settings.LANGUAGE_CODE


def admin_url(path):
    """An absolute link into the admin (WAGTAILADMIN_BASE_URL, as Wagtail's own mails use)."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path
