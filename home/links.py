"""Links editors type into menus and the footer: web, e-mail, phone or a path on this site, nothing else.

`javascript:`, `data:`, `vbscript:` and any other scheme are refused when the snippet is saved and, for
anything stored before, replaced by "#" when the link is rendered.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def is_safe_link(value: str) -> bool:
    if not value:
        return True
    if re.search(r"[\x00-\x1f\x7f]", value):
        return False
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so check without them.
    compact = _INVISIBLE.sub("", value)
    if compact.startswith(("//", "/\\", "\\")):
        return False  # protocol-relative: write https:// for another site
    try:
        scheme = urlsplit(compact).scheme.lower()
    except ValueError:
        return False
    if scheme:
        return scheme in ALLOWED_SCHEMES
    return ":" not in compact.split("/", 1)[0]


def validate_link(value: str) -> None:
    if not is_safe_link(value):
        raise ValidationError(
            _("Brug en adresse, der begynder med https://, http://, mailto:, tel: eller / (en side på sitet).")
        )


def safe_link(value: str | None) -> str:
    return value if value and is_safe_link(value) else "#"
