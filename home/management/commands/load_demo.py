"""manage.py load_demo: the demo content in Danish and Norwegian, once (running it again changes nothing)."""

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.demo import install_demo_chrome
from home.site_setup import ensure_home
from home.site_url import base_url

DEMO_DIR = Path(settings.BASE_DIR) / "demo_content"


class Command(BaseCommand):
    help = "Load the demo content (idempotent) and, in development, a development admin user."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the development admin user.")

    def handle(self, *args, no_admin=False, **options):
        ensure_home("da")
        ensure_home("nb")
        files = sorted(str(path) for path in DEMO_DIR.glob("*.jsonl"))
        # Guides first, so glossary terms and top tasks can link to them.
        files.sort(key=lambda name: (0 if "guides" in name else 1, name))
        call_command("import_content", *files, stdout=self.stdout, stderr=self.stderr)
        install_demo_chrome()
        # Who stands behind the principles, the members we can name and the PDF (idempotent).
        call_command("install_principles_overview", stdout=self.stdout, stderr=self.stderr)
        # Editor groups, section permissions and the professional-review workflow (idempotent).
        call_command("setup_editorial", stdout=self.stdout, stderr=self.stderr)
        if settings.DEBUG and not no_admin:
            self.create_dev_admin()

    def create_dev_admin(self):
        username = os.environ.get("DEV_ADMIN_USER", "admin")
        password = os.environ.get("DEV_ADMIN_PASSWORD", "admin")
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username, "admin@example.org", password)
        self.stdout.write(
            f"Development admin (dev only): {base_url()}/admin/  user '{username}', password '{password}'"
        )
