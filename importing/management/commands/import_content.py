"""manage.py import_content FILE [FILE …] [--dry-run]: JSON Lines → live pages (see README)."""

import contextlib
import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from importing.registry import ImportError_, batch, import_item, planned_action, validate_common

#: Lines imported in one transaction (each line has its own savepoint); the indexes are updated after each.
BATCH_SIZE = 500


class Command(BaseCommand):
    help = "Import content items from JSON Lines files; idempotent by (locale, type, slug)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Check every line and report, change nothing.")

    def handle(self, *args, files=(), dry_run=False, **options):
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        started = time.monotonic()
        for filename in files:
            try:
                with open(filename, encoding="utf-8-sig") as handle:
                    lines = handle.read().splitlines()
            except (OSError, UnicodeDecodeError) as error:
                self.stderr.write(f"{filename}: cannot read the file: {error}")
                counts["failed"] += 1
                continue
            progress = tqdm(
                total=len(lines),
                desc=filename,
                unit=" items",
                file=sys.stderr,
                disable=None if len(lines) > 50 else True,
            )
            for first in range(0, len(lines), BATCH_SIZE):
                with contextlib.nullcontext() if dry_run else batch():
                    for number, line in enumerate(lines[first : first + BATCH_SIZE], start=first + 1):
                        progress.update(1)
                        self.import_line(filename, number, line, dry_run, counts, progress, options["verbosity"])
            progress.close()
        elapsed = time.monotonic() - started
        processed = sum(counts.values())
        verb = "would be " if dry_run else ""
        self.stdout.write(
            f"{counts['created']} {verb}created, {counts['updated']} {verb}updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed"
            + (f" ({processed / elapsed:.1f} items/s)" if processed and elapsed > 0 else "")
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} line(s) failed; see the messages above.", returncode=1)

    def import_line(self, filename, number, line, dry_run, counts, progress, verbosity):
        if not line.strip():
            return
        try:
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise ImportError_(f"not valid JSON ({error.msg} at column {error.colno})") from None
            validate_common(item)
            action = planned_action(item) if dry_run else import_item(item)
        except ImportError_ as error:
            counts["failed"] += 1
            progress.clear()
            self.stderr.write(f"{filename}:{number}: {error}")
            return
        except Exception as error:  # noqa: BLE001 - one bad line must not stop the others
            counts["failed"] += 1
            progress.clear()
            self.stderr.write(f"{filename}:{number}: could not be imported: {type(error).__name__}: {error}")
            return
        counts[action] += 1
        if verbosity > 1:
            self.stdout.write(f"{filename}:{number}: {item['type']} {item['locale']}/{item['slug']} {action}")
