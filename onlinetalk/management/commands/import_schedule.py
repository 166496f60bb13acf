from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from onlinetalk.conf import get_setting
from onlinetalk.provisioning import provision
from onlinetalk.schedule.importer import (
    ScheduleImportError,
    apply_schedule,
    create_year_page,
    read_schedule_file,
)
from onlinetalk.schedule.models import AnnualSchedulePage, TalkIndexPage


class Command(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        """The description in the command's language: argparse cannot format a lazy `help`."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = _(
            "Import a year's schedule annex (month, unit names, optional topic) from .xlsx or "
            ".csv into that year's page, as a new revision. A malformed file changes nothing."
        )
        return parser

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file")
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("Publish the new revision at once instead of leaving it for approval."),
        )
        parser.add_argument(
            "--page-id", type=int, help=_("The year page, when several columns have that year.")
        )
        parser.add_argument(
            "--create",
            action="store_true",
            help=_(
                "Create the year page, as a draft unless --publish is given, when the default "
                "language has none; its months are those of the file."
            ),
        )
        parser.add_argument(
            "--column-id",
            type=int,
            help=_("With --create: the column of the new page, when there are several."),
        )
        parser.add_argument(
            "--issuing-office",
            help=_(
                "With --create: who issued the notice (default: ONLINETALK_DEFAULT_ISSUING_OFFICE)."
            ),
        )

    def handle(
        self, *args, year, file, publish, page_id, create, column_id, issuing_office, **options
    ):
        locale = Locale.get_default()
        page = self._year_page(year, locale, page_id, create=create)
        column = self._column(locale, column_id) if page is None else None
        try:
            rows = read_schedule_file(file, year=year)
            # A page created for a file that then fails the rules is rolled back with the import.
            with transaction.atomic():
                if column is not None:
                    page = create_year_page(
                        column,
                        year,
                        rows,
                        issuing_office=issuing_office or get_setting("DEFAULT_ISSUING_OFFICE"),
                    )
                result = apply_schedule(page, rows, publish=publish)
        except ScheduleImportError as error:
            raise CommandError(
                _("%(file)s: %(error)s Nothing was changed.") % {"file": file, "error": error}
            ) from error
        except FileNotFoundError as error:
            raise CommandError(
                _("%(file)s: no such file. Nothing was changed.") % {"file": file}
            ) from error

        if column is not None:
            self.stdout.write(
                _("New year page: %(page)s, under the column %(column)s.")
                % {"page": page.title, "column": column.title}
            )
        self._report(page, result)

    def _year_page(self, year, locale, page_id, *, create):
        """The page to import into, or None when --create is to make it."""
        pages = AnnualSchedulePage.objects.filter(year=year, locale=locale)
        if page_id:
            pages = pages.filter(pk=page_id)
        pages = list(pages)
        if len(pages) > 1:
            ids = ", ".join(str(page.pk) for page in pages)
            raise CommandError(
                _("Several pages for %(year)s (ids %(ids)s): choose one with --page-id.")
                % {"year": year, "ids": ids}
            )
        if pages:
            return pages[0]
        if page_id:
            # Creating a page would not be the page the user named.
            raise CommandError(
                _("No annual schedule page %(id)s for %(year)s in the default language.")
                % {"id": page_id, "year": year}
            )
        if not create:
            raise CommandError(
                _(
                    "No annual schedule page for %(year)s in the default language: create it "
                    "in the admin, or run the import with --create."
                )
                % {"year": year}
            )
        return None

    def _column(self, locale, column_id):
        """The column a new year page goes under: the only one in the language, or the one named."""
        columns = TalkIndexPage.objects.filter(locale=locale).order_by("pk")
        if column_id:
            column = columns.filter(pk=column_id).first()
            if column is None:
                raise CommandError(
                    _("No Minsheng Online column with id %(id)s in the default language.")
                    % {"id": column_id}
                )
            return column
        columns = list(columns)
        if not columns:
            raise CommandError(
                _("No Minsheng Online column in the default language: create the column first.")
            )
        if len(columns) > 1:
            ids = ", ".join(str(column.pk) for column in columns)
            raise CommandError(
                _("Several Minsheng Online columns (ids %(ids)s): choose one with --column-id.")
                % {"ids": ids}
            )
        return columns[0]

    def _report(self, page, result):
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
