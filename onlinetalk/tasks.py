"""Functions the django-q2 cluster runs on a schedule. Each is safe to run twice."""

from django.core.management import call_command

from onlinetalk.questions.retention import purge_expired_contacts


def publish_scheduled_pages():
    """Make pages whose scheduled go-live time has come live (and expire those due to expire).

    Wagtail's command is idempotent: a page already published is not published again.
    """
    call_command("publish_scheduled", verbosity=0)


def purge_question_contacts():
    """Remove citizens' contact details whose retention period has ended (daily)."""
    return purge_expired_contacts()
