from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from onlinetalk.access.provisioning import provision
from onlinetalk.schedule.importer import ScheduleImportError, apply_schedule, read_schedule_file
from onlinetalk.schedule.models import AnnualSchedulePage


class Command(BaseCommand):
    help = (
        "Import a year's schedule annex (month, unit names, optional topic) from .xlsx or .csv "
        "into that year's page, as a new revision. A malformed file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the new revision at once instead of leaving it for approval.",
        )
        parser.add_argument(
            "--page-id", type=int, help="The year page, when several columns have that year."
        )

    def handle(self, *args, year, file, publish, page_id, **options):
        pages = AnnualSchedulePage.objects.filter(year=year, locale=Locale.get_default())
        if page_id:
            pages = pages.filter(pk=page_id)
        pages = list(pages)
        if not pages:
            raise CommandError(
                _("No annual schedule page for %(year)s in the default language: create it first.")
                % {"year": year}
            )
        if len(pages) > 1:
            ids = ", ".join(str(page.pk) for page in pages)
            raise CommandError(
                _("Several pages for %(year)s (ids %(ids)s): choose one with --page-id.")
                % {"year": year, "ids": ids}
            )
        page = pages[0]
        try:
            rows = read_schedule_file(file, year=year)
            result = apply_schedule(page, rows, publish=publish)
        except ScheduleImportError as error:
            raise CommandError(
                _("%(file)s: %(error)s Nothing was changed.") % {"file": file, "error": error}
            ) from error
        except FileNotFoundError as error:
            raise CommandError(
                _("%(file)s: no such file. Nothing was changed.") % {"file": file}
            ) from error

        for name in result.new_units:
            self.stdout.write(_("new unit: %(name)s") % {"name": name})
        for line in result.changes:
            self.stdout.write(line)
        if not result.changed:
            message = _("%(page)s: already up to date.")
        elif result.published:
            message = _("%(page)s: published.")
        else:
            message = _(
                "%(page)s: saved as a draft revision; submit or publish it in the admin. "
                "Translations follow after 'Sync translated pages'."
            )
        self.stdout.write(self.style.SUCCESS(message % {"page": page.title}))
        if result.new_units:
            # New units need their editor and reviewer groups at once.
            for line in provision().lines():
                self.stdout.write(line)
