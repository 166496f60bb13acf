import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from home.demo.loader import DemoLoader
from onlinetalk.provisioning import provision
from onlinetalk.search.items import rebuild as rebuild_search_items


class Command(BaseCommand):
    help = (
        "Load the demo site: home, the Minsheng Online column and the 2022 programme, in Chinese "
        "and English. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            type=datetime.datetime.fromisoformat,
            help="Fix 'today' (ISO date-time, e.g. 2026-11-25T10:00) for the showcase sessions.",
        )

    def handle(self, *args, now=None, **options):
        if now is not None and timezone.is_naive(now):
            now = timezone.make_aware(now)
        DemoLoader(log=self.stdout.write, now=now).run()
        for line in provision().lines():
            self.stdout.write(line)
        self.stdout.write(f"Search: {rebuild_search_items()} items.")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
