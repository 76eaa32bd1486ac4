"""manage.py import_content FILE [FILE …] [--dry-run]: JSON Lines → live pages (see README)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from importing.registry import ImportError_, import_item, planned_action, validate_common


class Command(BaseCommand):
    help = "Import content items from JSON Lines files; idempotent by (locale, type, slug)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Check every line and report, change nothing.")

    def handle(self, *args, files=(), dry_run=False, **options):
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        for filename in files:
            try:
                with open(filename, encoding="utf-8-sig") as handle:
                    lines = handle.read().splitlines()
            except (OSError, UnicodeDecodeError) as error:
                self.stderr.write(f"{filename}: cannot read the file: {error}")
                counts["failed"] += 1
                continue
            progress = tqdm(
                lines, desc=filename, unit=" lines", file=sys.stderr, disable=None if len(lines) > 50 else True
            )
            for number, line in enumerate(progress, start=1):
                if not line.strip():
                    continue
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
                    continue
                except Exception as error:  # noqa: BLE001 - one bad line must not stop the others
                    counts["failed"] += 1
                    progress.clear()
                    self.stderr.write(f"{filename}:{number}: could not be imported: {type(error).__name__}: {error}")
                    continue
                counts[action] += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"{filename}:{number}: {item['type']} {item['locale']}/{item['slug']} {action}")
        verb = "would be " if dry_run else ""
        self.stdout.write(
            f"{counts['created']} {verb}created, {counts['updated']} {verb}updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed"
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} line(s) failed; see the messages above.", returncode=1)
