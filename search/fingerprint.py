"""A fingerprint of a search document: engines store it so check_search_index can spot stale entries."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.engines.base import SearchDocument


def document_fingerprint(document: SearchDocument) -> str:
    payload = json.dumps(
        [
            document.locale,
            document.type,
            document.slug,
            document.url,
            document.title,
            document.summary,
            document.headings,
            document.body,
            sorted(document.topics),
            document.synonyms,
            str(document.date or ""),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha1(payload.encode()).hexdigest()
