"""manage.py rebuild_search_index: rebuild the public search index from every live page, with a progress bar."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.documents import count_live_pages, live_documents
from search.engines import get_engine
from search.models import IndexTask


class Command(BaseCommand):
    help = "Rebuild the public search index (all locales) from the live pages. Wagtail's own update_index is separate."

    def handle(self, *args, **options):
        engine = get_engine()
        if not engine.ping():
            raise CommandError(f"The search engine '{engine.name}' cannot be reached.")
        started = time.monotonic()
        total = count_live_pages()
        with tqdm(total=total, desc="Reading pages", unit=" pages", file=sys.stderr, disable=None) as bar:
            documents = []
            for document in live_documents():
                documents.append(document)
                bar.update(1)
        with tqdm(total=len(documents), desc="Indexing", unit=" docs", file=sys.stderr, disable=None) as bar:
            count = engine.rebuild(documents, progress=bar.update)
        IndexTask.objects.all().delete()  # everything queued is now in the index
        self.stdout.write(
            f"Indexed {count} documents with the {engine.name} engine in {time.monotonic() - started:.1f} s."
        )
