"""manage.py check_search_index: pages missing from the public index, stale in it, or left behind."""

from django.core.management.base import BaseCommand, CommandError

from search.documents import live_documents
from search.engines import get_engine
from search.fingerprint import document_fingerprint


class Command(BaseCommand):
    help = "Report live pages missing from the search index or stale in it, and indexed pages that are no longer live."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Re-index what is missing or stale and remove what is left behind."
        )

    def handle(self, *args, fix=False, **options):
        engine = get_engine()
        indexed = engine.document_ids()
        documents = {d.id: d for d in live_documents()}
        missing = [d for i, d in documents.items() if i not in indexed]
        stale = [
            d for i, d in documents.items() if i in indexed and indexed[i] and indexed[i] != document_fingerprint(d)
        ]
        orphans = sorted(set(indexed) - set(documents), key=lambda i: int(i) if i.isdigit() else 0)
        for d in missing:
            self.stdout.write(f"missing: {d.locale} {d.type} {d.slug} (page {d.id})")
        for d in stale:
            self.stdout.write(f"stale:   {d.locale} {d.type} {d.slug} (page {d.id})")
        for i in orphans:
            self.stdout.write(f"orphan:  page {i} is indexed but not live")
        self.stdout.write(
            f"{len(documents)} live pages, {len(indexed)} indexed: {len(missing)} missing, {len(stale)} stale, {len(orphans)} left behind."
        )
        problems = len(missing) + len(stale) + len(orphans)
        if fix and problems:
            engine.index(missing + stale)
            engine.delete(orphans)
            self.stdout.write(f"Fixed {problems}.")
        elif problems:
            raise CommandError("The search index is out of step; run with --fix or rebuild_search_index.", returncode=1)
