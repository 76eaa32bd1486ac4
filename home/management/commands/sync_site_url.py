"""Point the default Wagtail Site at PUBLIC_BASE_URL (or the given address), so every absolute link agrees."""

from django.core.management.base import BaseCommand, CommandError

from home.site_url import base_url, sync_default_site


class Command(BaseCommand):
    help = "Set the default Site's hostname and port from PUBLIC_BASE_URL (or the address given)."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="e.g. http://127.0.0.1:8001 (default: PUBLIC_BASE_URL)")

    def handle(self, *args, url=None, **options):
        try:
            changed = sync_default_site(url)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Site address: {url or base_url()}" + (" (updated)" if changed else ""))
