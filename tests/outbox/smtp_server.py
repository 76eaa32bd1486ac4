"""A tiny SMTP server on a local socket for the worker's tests: it can answer, or accept and hang.

`hang=True` behaves like a mail server that accepts the TCP connection and never says a word (the
case that once held the worker, and a database transaction, for 11 minutes).
"""

from __future__ import annotations

import socket
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        server: SMTPServer = self.server.owner
        server.connections += 1
        server.accepted.set()
        if server.hang:
            server.release.wait(30)  # say nothing until the test ends
            return
        self.wfile.write(b"220 test ESMTP\r\n")
        mail_from, recipients, data = None, [], None
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.wfile.write(b"250 test\r\n")
            elif verb == "MAIL":
                mail_from, recipients = command, []
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 go ahead\r\n")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(chunk)
                data = b"".join(lines).decode("utf-8", "replace")
                with server.lock:
                    server.received.append({"from": mail_from, "to": recipients, "data": data})
                self.wfile.write(b"250 queued\r\n")
            elif verb == "RSET" or verb == "NOOP":
                self.wfile.write(b"250 OK\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"502 not implemented\r\n")


class _ThreadingServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPServer:
    def __init__(self, hang: bool = False):
        self.hang = hang
        self.received: list[dict] = []
        self.connections = 0
        self.lock = threading.Lock()
        self.accepted = threading.Event()
        self.release = threading.Event()
        self._server = _ThreadingServer(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
