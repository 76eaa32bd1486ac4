"""manage.py setup_editorial: groups, page permissions and the review workflow; the calculator and press pages.

Idempotent: run it after importing content (so the section index pages exist) and again whenever you like.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from deadlines.setup import ensure_calculator_page
from knowledge.editorial import ensure_press_page, setup_editorial
from search.documents import index_tools


class Command(BaseCommand):
    help = (
        "Create or update the editorial groups and permissions, the workflow 'Faglig gennemgang' on the guide "
        "and position-paper sections, and the deadline calculator and press pages in every language."
    )

    def handle(self, *args, **options):
        for code, _name in settings.LANGUAGES:
            ensure_calculator_page(code)
            ensure_press_page(code)
        report = setup_editorial()
        try:
            self.stdout.write(f"Search: {index_tools()} tool(s) that are not pages indexed.")
        except Exception as error:  # noqa: BLE001 - the search engine may be down; rebuild_search_index adds them later
            self.stderr.write(f"Search: the tools could not be indexed now ({error}); run check_search_index --fix.")
        self.stdout.write(f"Groups: {', '.join(report['groups'])}")
        self.stdout.write(
            f"Workflow '{report['workflow']}' on: {', '.join(report['workflow_pages']) or '(no sections yet)'}"
        )
        self.stdout.write(self.style.SUCCESS(f"Permissions set on {report['sections']} section(s)."))
