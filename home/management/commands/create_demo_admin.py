import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the demo administrator 'admin' if missing. The password comes from "
        "DEMO_ADMIN_PASSWORD or is generated and printed once. Refuses outside DEBUG."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_admin is for the demo only (DEBUG=True).")
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Demo admin 'admin' already exists (password unchanged).")
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.gov.cn", password)
        if os.environ.get("DEMO_ADMIN_PASSWORD"):
            self.stdout.write(
                self.style.SUCCESS("Demo admin 'admin' created (DEMO_ADMIN_PASSWORD).")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo admin created: user 'admin', password '{password}' (shown only once)."
                )
            )
