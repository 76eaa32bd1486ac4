"""The test database: migrated once per set of migrations, then cloned for every test process.

Migrating the test database took ~13 s of CPU per process (Wagtail alone has over a hundred
migrations, and SQLite rebuilds a table for most of them). Instead, the first process of a run
migrates a *template* under a lock, and every process clones it (a file copy into its in-memory
SQLite database, or `CREATE DATABASE … TEMPLATE` on PostgreSQL), in well under a second.

The template is named after a fingerprint of every migration file of every installed app (and
the Django/Wagtail versions and the database), so it is rebuilt as soon as a migration is added or
edited, and it is shared by every checkout on the machine: SQLite templates are files in the user's
cache folder (`$TEST_DB_TEMPLATE_DIR`, by default `~/.cache/familier-tests/`), PostgreSQL templates are
databases named `test_<name>_template_<fingerprint>` on the server. A new machine, or a new set of
migrations, migrates once (~8 s of CPU on SQLite, ~20 s on PostgreSQL). SQLite templates not used for a
week are removed when a new one is built; a PostgreSQL template is replaced by the next one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import hashlib
import os
import sqlite3
import sys
import time
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

TEMPLATES = Path(
    os.environ.get("TEST_DB_TEMPLATE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "familier-tests"
)
UNUSED_FOR = 7 * 24 * 3600  # seconds before an unused SQLite template is removed


def fingerprint() -> str:
    """Changes whenever a migration the test database is built from changes."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__} {connection.vendor}".encode())
    for key in sorted(loader.disk_migrations):
        module = sys.modules[type(loader.disk_migrations[key]).__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def run_lock():
    """One process at a time builds the template (the others wait, then clone it)."""
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATES / "test-db-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def migrate_into(test_name: str) -> None:
    """Create and migrate a test database called `test_name` (Django's own test-database creation)."""
    connection.settings_dict["TEST"]["NAME"] = test_name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    connection.close()


def use_database(name: str) -> None:
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


# -- SQLite: a template file, loaded into each process's in-memory database -------------------------


def sqlite_setup(worker: str) -> None:
    template = TEMPLATES / f"test-template-{fingerprint()}.sqlite3"
    memory = f"file:memorydb_{connection.alias}_{worker or 'main'}?mode=memory&cache=shared"
    with run_lock():
        if not template.exists():
            building = template.with_suffix(".building")
            migrate_into(str(building))
            with contextlib.closing(sqlite3.connect(building)) as db:
                db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            for old in TEMPLATES.glob("test-template-*.sqlite3"):
                if time.time() - old.stat().st_mtime > UNUSED_FOR:
                    old.unlink()
            os.replace(building, template)
        template.touch()  # in use: kept for another week
        with contextlib.closing(sqlite3.connect(f"file:{template}?mode=ro", uri=True)) as source:
            target = sqlite3.connect(memory, uri=True)
            source.backup(target)
    use_database(memory)
    connection.connect()  # keeps the in-memory database alive for the whole session
    target.close()


# -- PostgreSQL: a template database, cloned with CREATE DATABASE … TEMPLATE ----------------------------


def postgres_setup(worker: str) -> str:
    base = settings.DATABASES[connection.alias]["NAME"]
    template = f"test_{base}_template_{fingerprint()}"
    clone = f"test_{base}_{worker or 'main'}"
    with run_lock():
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"test_{base}_template_%"])
            templates = {row[0] for row in cursor.fetchall()}
        if template not in templates:
            migrate_into(template + "_building")
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'ALTER DATABASE "{template}_building" RENAME TO "{template}"')
                for old in templates - {template, template + "_building"}:
                    with contextlib.suppress(Exception):  # another run may still be cloning it
                        cursor.execute(f'DROP DATABASE IF EXISTS "{old}"')
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{clone}"')
            cursor.execute(f'CREATE DATABASE "{clone}" WITH TEMPLATE "{template}"')
    use_database(clone)
    connection.close()
    return clone


def postgres_teardown(clone: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{clone}"')


def delete_only_filled_tables(ops, style, tables, *, reset_sequences=False, allow_cascade=False):
    """PostgreSQL flush for the tests: DELETE FROM the tables that hold rows, instead of one TRUNCATE of
    all ~110 tables (0.6 s each time: TRUNCATE makes new files for every table and index, and a
    transactional test flushes when it ends). Django's foreign keys are DEFERRABLE INITIALLY DEFERRED and
    the flush runs in one transaction, so the order of the DELETEs does not matter."""
    if not tables or reset_sequences:
        return type(ops).sql_flush(ops, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    with ops.connection.cursor() as cursor:
        filled = _filled_tables(cursor, tables)
    return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(table)};" for table in filled]


# -- The content snapshot: what every test starts from, restored in milliseconds ------------------------


@dataclasses.dataclass
class PostgresSnapshot:
    tables: list[str]  # every table of the installed apps (read once: each restore empties the filled ones)
    rows: dict[str, bytes]  # quoted table name → its rows in COPY's binary format, for the non-empty ones


_snapshot: sqlite3.Connection | PostgresSnapshot | None = None


def take_snapshot() -> None:
    """Remember the database as it is now (the migrated template plus the shared sample content).

    A transactional test, and a live-server module, leave the database changed; restoring this copy
    (`restore_snapshot`) takes milliseconds where emptying it and building the content again took ~2 s.
    SQLite: an in-memory copy through SQLite's backup API. PostgreSQL: every non-empty table's rows in
    COPY's binary format.
    """
    global _snapshot
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _snapshot = copy
    else:
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        with connection.cursor() as cursor:
            rows = {}
            for table in _filled_tables(cursor, tables):
                with cursor.cursor.copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
        _snapshot = PostgresSnapshot(tables, rows)


def restore_snapshot() -> bool:
    """Put the database back as `take_snapshot` saw it; False if there is no snapshot (nothing done)."""
    if _snapshot is None:
        return False
    # A flush in between gave the content types new ids: the ids in this process's cache may be stale.
    ContentType.objects.clear_cache()
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        _snapshot.backup(connection.connection)
        return True
    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys are checked at the commit
        for table in _filled_tables(cursor, _snapshot.tables):
            cursor.execute(f"DELETE FROM {table}")
        for table, data in _snapshot.rows.items():
            with cursor.cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(data)
    return True


def _filled_tables(cursor, tables) -> list[str]:
    """The quoted names of the tables among `tables` that hold at least one row (one query)."""
    quoted = [connection.ops.quote_name(table) for table in tables]
    if not quoted:
        return []
    cursor.execute(" UNION ALL ".join(f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {q})" for i, q in enumerate(quoted)))
    return [quoted[row[0]] for row in cursor.fetchall()]


def setup(worker: str):
    """Point the connection at this process's own copy of the template; returns the teardown."""
    if connection.vendor == "sqlite":
        sqlite_setup(worker)
        return lambda: None
    if connection.vendor == "postgresql":
        clone = postgres_setup(worker)
        connection.ops.sql_flush = functools.partial(delete_only_filled_tables, connection.ops)
        return lambda: postgres_teardown(clone)
    raise NotImplementedError(connection.vendor)
