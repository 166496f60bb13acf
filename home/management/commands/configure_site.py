from django.core.management.base import BaseCommand, CommandError

from home.site_url import configure_default_site


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port from the public URL (default: "
        "WAGTAILADMIN_BASE_URL), which absolute links (iCalendar, the sitemap) are built from. "
        "Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="The site's public URL, e.g. https://www.example.gov.cn"
        )

    def handle(self, *args, url=None, **options):
        try:
            site, changed = configure_default_site(url)
        except ValueError as error:
            raise CommandError(str(error)) from error
        state = "set to" if changed else "already"
        self.stdout.write(f"Default site {state} {site.root_url}")
