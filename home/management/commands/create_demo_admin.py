import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.demo.approval_demo import create_people, put_sessions_in_the_workflow


class Command(BaseCommand):
    help = (
        "Create the demo administrator 'admin' and one demo person per role (the Office's "
        "editor and approver, each showcase unit's editor and reviewer) if missing, and put "
        "three showcase sessions at the approval's steps. The password, the same for all, comes "
        "from DEMO_ADMIN_PASSWORD or is generated and printed once. Refuses outside DEBUG."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_demo_admin is for the demo only (DEBUG=True).")
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("Demo admin 'admin' already exists (password unchanged).")
            users, _created = create_people()
            put_sessions_in_the_workflow(users, log=self.stdout.write)
            return
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.gov.cn", password)
        users, created = create_people(password)
        put_sessions_in_the_workflow(users, log=self.stdout.write)
        people = ", ".join(created)
        if os.environ.get("DEMO_ADMIN_PASSWORD"):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo admin 'admin' and people ({people}) created (DEMO_ADMIN_PASSWORD)."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo admin created: user 'admin', password '{password}' (shown only once); "
                    f"the same password for the demo people: {people}."
                )
            )
