from django.core.management.base import BaseCommand

from onlinetalk.search.items import rebuild


class Command(BaseCommand):
    help = (
        "Build the public search's items again from the live pages and published questions "
        "(after changing the segmentation dictionary, or to repair them). Idempotent."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild()} search items.")
