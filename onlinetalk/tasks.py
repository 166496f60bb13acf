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


def scan_reminders():
    """Claim and send the reminders due now (every 15 minutes; safe to run twice at once). A
    scan sends REMINDER_BATCH at most, within the cluster's timeout; when more are waiting it
    queues another scan at once rather than leaving them for a quarter of an hour."""
    from django_q.tasks import async_task

    from onlinetalk.reminders.scan import scan

    result = scan()
    if result.more:
        async_task("onlinetalk.tasks.scan_reminders")
    return str(result)


def send_overdue_digest():
    """The Office's overdue digest (daily at 09:00; sends on working days only)."""
    from onlinetalk.reminders.digest import send_digest

    return str(send_digest())


def rebuild_search():
    """Build every search item again from the pages and questions (nightly): what a missed
    signal or a changed segmentation dictionary left stale is current by morning."""
    from onlinetalk.search.items import rebuild

    return f"{rebuild()} search items"
