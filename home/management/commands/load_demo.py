from django.core.management.base import BaseCommand

from home.demo.loader import DemoLoader
from onlinetalk.access.provisioning import provision


class Command(BaseCommand):
    help = (
        "Load the demo site: home, the Minsheng Online column and the 2022 programme, in Chinese "
        "and English. Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        DemoLoader(log=self.stdout.write).run()
        for line in provision().lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
