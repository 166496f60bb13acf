"""Each reminder's e-mail, in its recipient's language, with a link to the thing to do."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from onlinetalk.mail import admin_url, recipient_language
from onlinetalk.workdays import working_days_between

from .models import ReminderRule

TEMPLATES = "onlinetalk/reminders/mail/"


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _day(moment):
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def _session_text(row, session, now):
    """(headline, what to do, link label, admin path) of a reminder about a session."""
    title = session.title
    due = _when(row.due_at)
    edit = reverse("wagtailadmin_pages:edit", args=[session.pk])
    rule = row.rule
    if rule == ReminderRule.PLAN_BEFORE:
        return (
            _("The plan of “%(title)s” is due on %(due)s.")
            % {"title": title, "due": _day(row.due_at)},
            _("Complete the session page: its topic, time and the leaders taking part."),
            _("Open the session page"),
            edit,
        )
    if rule == ReminderRule.PLAN_DUE:
        return (
            _("The plan of “%(title)s” is due today.") % {"title": title},
            _("Complete the session page: its topic, time and the leaders taking part."),
            _("Open the session page"),
            edit,
        )
    if rule == ReminderRule.PLAN_OVERDUE:
        return (
            _("The plan of “%(title)s” was due on %(due)s and is still incomplete.")
            % {"title": title, "due": _day(row.due_at)},
            _("Complete the session page now: its topic, time and the leaders taking part."),
            _("Open the session page"),
            edit,
        )
    if rule == ReminderRule.ANNOUNCEMENT:
        return (
            _("The announcement of “%(title)s” is to go public on %(due)s but is not approved yet.")
            % {"title": title, "due": due},
            _("Submit the page for approval, or approve it, so that it goes live on time."),
            _("Open the session page"),
            edit,
        )
    if rule == ReminderRule.BRIEFING:
        return (
            _("“%(title)s” takes place on %(start)s: hand the questions to the leaders.")
            % {"title": title, "start": _when(session.start)},
            _("The briefing lists the accepted questions by category, ready to print or export."),
            _("Open the question briefing"),
            reverse("onlinetalk_briefing", args=[session.pk]),
        )
    if rule == ReminderRule.REHEARSAL:
        return (
            _("The rehearsal of “%(title)s” is at %(due)s.") % {"title": title, "due": due},
            _("The session goes live on %(start)s.") % {"start": _when(session.start)},
            _("Open the session page"),
            edit,
        )
    if rule == ReminderRule.LIVE:
        return (
            _("“%(title)s” goes live at %(start)s.")
            % {"title": title, "start": _when(session.start)},
            _("The live console is ready for the broadcast."),
            _("Open the live console"),
            reverse("onlinetalk_live_console", args=[session.pk]),
        )
    if rule == ReminderRule.REPLIES_BEFORE:
        left, _guessed = working_days_between(
            timezone.localdate(now), timezone.localtime(row.due_at).date()
        )
        return (
            _("The hot response to “%(title)s” is due on %(due)s and is not published yet.")
            % {"title": title, "due": _day(row.due_at)},
            _("Working days left: %(count)s. Draft the replies and submit them for approval.")
            % {"count": left},
            _("Open the session page"),
            edit,
        )
    return (
        _("The hot response to “%(title)s” was due on %(due)s and is not published.")
        % {"title": title, "due": _day(row.due_at)},
        _("It is late: publish it with a public explanation of the delay."),
        _("Open the session page"),
        edit,
    )


def _commitment_text(row, commitment):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    values = {
        "text": commitment.text,
        "unit": commitment.department.name,
        "due": _day(row.due_at),
    }
    path = AdminURLFinder().get_edit_url(commitment) or reverse("wagtailadmin_home")
    if row.rule == ReminderRule.COMMITMENT_BEFORE:
        headline = _("The commitment “%(text)s” (%(unit)s) is expected to be done by %(due)s.")
    else:
        headline = _(
            "The commitment “%(text)s” (%(unit)s) was expected by %(due)s and is still open."
        )
    return (
        headline % values,
        _("Record its progress, so that the public record stays up to date."),
        _("Open the commitment"),
        path,
    )


def _digest_text(now):
    from .agenda import agenda

    _upcoming, overdue = agenda(now, overdue_only=True)
    return overdue


def compose(row, now):
    """The row's message, rendered in the recipient's language."""
    recipient = row.recipient
    with translation.override(recipient_language(recipient)):
        context = {"recipient": recipient, "row": row, "items": None}
        if row.rule == ReminderRule.OFFICE_DIGEST:
            items = _digest_text(now)
            context.update(
                headline=_("Overdue work on %(day)s: %(count)s items.")
                % {"day": _day(now), "count": len(items)},
                action=_("Each item links to the page where it is done."),
                link_label=_("Open the admin"),
                link=admin_url(reverse("wagtailadmin_home")),
                items=[(item, admin_url(item.url)) for item in items],
            )
            subject_topic = _("Overdue digest")
        else:
            if row.commitment_id:
                headline, action, link_label, path = _commitment_text(row, row.commitment)
            else:
                headline, action, link_label, path = _session_text(row, row.session, now)
            context.update(
                headline=headline, action=action, link_label=link_label, link=admin_url(path)
            )
            subject_topic = row.get_rule_display()
        subject = _("[Minsheng Online] %(topic)s: %(headline)s") % {
            "topic": subject_topic,
            "headline": context["headline"],
        }
        subject = " ".join(subject.split())[:250]
        text = render_to_string(TEMPLATES + "reminder.txt", context)
        html = render_to_string(TEMPLATES + "reminder.html", context)
    domain = getattr(settings, "ONLINETALK_CALENDAR_UID_DOMAIN", "minsheng-online")
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
        headers={
            "Message-ID": f"<reminder-{row.pk}@{domain}>",
            "X-Onlinetalk-Reminder": f"{row.rule}/{row.occurrence}/{row.pk}",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
