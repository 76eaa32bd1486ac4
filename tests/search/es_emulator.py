"""Run a local Elasticsearch-compatible emulator (noida-db, from PyPI) for the Elasticsearch tests.

Not started by the test suite: the Elasticsearch tests run whenever ELASTICSEARCH_URL is set, whether
it points at a real Elasticsearch (site/compose.yaml) or at this emulator. To use the emulator:

    .venv/bin/pip install noida-db==0.2.3
    .venv/bin/python -m tests.search.es_emulator          # prints the URL, Ctrl-C stops it
    ELASTICSEARCH_URL=http://127.0.0.1:9299 make test

It binds to 127.0.0.1 only, keeps its data in a temporary directory and enables no other service
(noida-db also speaks PostgreSQL and Redis; those stay off so they never clash with the real ones).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

DEFAULT_PORT = 9299


def free_port(preferred: int = DEFAULT_PORT) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]


def executable() -> str:
    found = shutil.which("noida-db") or shutil.which("noida-db", path=sys.prefix + "/bin")
    if not found:
        raise RuntimeError("noida-db is not installed: .venv/bin/pip install noida-db==0.2.3")
    return found


def wait_until_ready(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"The emulator did not answer at {url} within {timeout:.0f} s")


@contextlib.contextmanager
def running_emulator(port: int | None = None):
    """Start the emulator on 127.0.0.1, yield its URL, stop it and delete its data afterwards."""
    port = port or free_port()
    data_dir = tempfile.mkdtemp(prefix="es-emulator-")
    process = subprocess.Popen(
        [
            executable(),
            "start",
            "--only",
            "elasticsearch",
            "--host",
            "127.0.0.1",
            "--elasticsearch-port",
            str(port),
            "--data-dir",
            data_dir,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the launcher and the server stop together
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(data_dir, ignore_errors=True)


def _stop(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)  # `kill` stops the server too, like Ctrl-C
    port = int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PORT
    with running_emulator(port):
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
