from django.core.management.base import BaseCommand

from onlinetalk.provisioning import provision


class Command(BaseCommand):
    help = (
        "Create the office and unit groups, their permissions, the approval workflow and the "
        "task schedules. "
        "Idempotent: run it again after adding a unit or a column page."
    )

    def handle(self, *args, **options):
        report = provision()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"setup_portal: {len(report.created)} group(s) created, "
                f"{len(report.renamed)} renamed."
            )
        )
