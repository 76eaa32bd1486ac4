"""Gunicorn's access log without personal data: no query strings (search words), no signed tokens.

Used by site/gunicorn.conf.py (`logger_class`). The request line, the path, the query and the referrer
are logged as path only, and the signed part of `/tilmelding/<token>/` and `/underskrift/<token>/`
(in every language prefix) is replaced by `<token>`.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

_TOKEN_PATH = re.compile(r"(/(?:[a-z]{2}/)?(?:tilmelding|underskrift)/)[^/?#\s]+")


def redact(url: str | None) -> str:
    """A path or URL without its query string, fragment or signed token."""
    if not url or url == "-":
        return url or "-"
    url = url.split("?", 1)[0].split("#", 1)[0]
    return _TOKEN_PATH.sub(r"\1<token>", url)


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        method, protocol = environ.get("REQUEST_METHOD"), environ.get("SERVER_PROTOCOL")
        atoms["r"] = f"{method} {redact(environ.get('RAW_URI') or environ.get('PATH_INFO'))} {protocol}"
        atoms["U"] = redact(environ.get("PATH_INFO"))
        atoms["q"] = ""
        atoms["f"] = redact(environ.get("HTTP_REFERER", "-"))
        for key in [k for k in atoms if k.startswith("{")]:  # raw headers and environ: not in the log
            if key not in ("{x-request-id}i",):
                atoms.pop(key)
        return atoms
