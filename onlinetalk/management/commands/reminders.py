import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from onlinetalk.reminders.models import ReminderLog, ReminderRule
from onlinetalk.reminders.recipients import recipients
from onlinetalk.reminders.rules import due_reminders
from onlinetalk.reminders.scan import rows_for, scan


def _moment(text):
    try:
        naive = datetime.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--at: {error}; write e.g. 2022-09-27T09:05") from error
    if timezone.is_aware(naive):
        return naive
    return timezone.make_aware(naive, timezone.get_current_timezone())


class Command(BaseCommand):
    help = (
        "What the reminder scan would send now (or --at a moment, local time) and to whom, "
        "with what the log already holds; nothing is sent unless --send, which runs the scan "
        "as the task cluster does every 15 minutes (safe while the cluster runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--at", help="a moment in local time, e.g. 2022-09-27T09:05")
        parser.add_argument("--send", action="store_true", help="run the scan: claim and send")

    def handle(self, *args, **options):
        # Labels in the site's language, whoever runs the command.
        with translation.override(settings.LANGUAGE_CODE):
            self.report(**options)

    def report(self, at=None, send=False, **options):
        now = _moment(at) if at else timezone.now()
        if send:
            self.stdout.write(
                f"reminders: scan at {timezone.localtime(now):%Y-%m-%d %H:%M}: {scan(now)}"
            )
            return
        due = due_reminders(now)
        rows = rows_for(due, recipients(), now)
        logged = {
            (row.session_id, row.commitment_id, row.rule, row.occurrence, row.recipient_id): row
            for row in ReminderLog.objects.filter(valid_until__gt=now).only(
                "session", "commitment", "rule", "occurrence", "recipient", "status"
            )
        }
        names = dict(
            get_user_model()
            .objects.filter(pk__in={row.recipient_id for row in rows})
            .values_list("pk", get_user_model().USERNAME_FIELD)
        )
        self.stdout.write(
            f"reminders due at {timezone.localtime(now):%Y-%m-%d %H:%M}: {len(due)} "
            f"({len(rows)} mails)"
        )
        for reminder in due:
            about = reminder.session.title if reminder.session else reminder.commitment.text
            mine = [
                row
                for row in rows
                if (row.session_id, row.commitment_id, row.rule, row.occurrence) == reminder.key
            ]
            states = []
            for row in mine:
                key = (
                    row.session_id,
                    row.commitment_id,
                    row.rule,
                    row.occurrence,
                    row.recipient_id,
                )
                status = logged[key].get_status_display() if key in logged else "not claimed yet"
                states.append(f"{names[row.recipient_id]} ({status})")
            self.stdout.write(
                f"- {ReminderRule(reminder.rule).label} · {about} · {reminder.occurrence} → "
                + (", ".join(states) or "nobody (no one in the unit's groups has an address)")
            )
