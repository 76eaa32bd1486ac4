"""The thread harness of the concurrency tests (test_concurrency.py, test_series_concurrency.py)."""

import threading

from django.db import connection


def at_once(count: int, attempt) -> list[Exception]:
    """Run `attempt(n)` for n in range(count), each in its own thread with its own database connection,
    released together by a barrier; returns what they raised."""
    barrier = threading.Barrier(count)
    errors: list[Exception] = []

    def run(n):
        try:
            barrier.wait(timeout=30)
            attempt(n)
        except Exception as error:  # noqa: BLE001 - collected for the test to assert
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors
