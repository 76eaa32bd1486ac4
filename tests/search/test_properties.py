"""Property test: whatever a reader types, the API answers sensibly and never with a 500."""

import re
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.rich_text import RichText

from home.pages import block_text
from search.documents import plain
from search.engines.embedded import EmbeddedEngine
from tests.search.factories import SearchDocumentFactory

pytestmark = pytest.mark.django_db

SYNTAX = st.sampled_from(
    [
        '"',
        "*",
        "~",
        ":",
        "(",
        ")",
        "AND",
        "OR",
        "NOT",
        "-",
        "+",
        "^",
        "\\",
        "/",
        "[",
        "]",
        "{",
        "}",
        "?",
        "&&",
        "||",
        "!",
        "%",
        "'",
        "\x00",
        "ø",
        "å",
        "æ",
        "🙂",
        "\u202e",
        "  ",
    ]
)
TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, st.sampled_from(["aflastning", "merudgifter", "klage", "hjælp"])), max_size=30).map(
        " ".join
    ),
    st.text(alphabet=st.characters(categories=["P", "S", "Z"]), max_size=100),
    st.text(min_size=2000, max_size=6000),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=TEXT, locale=st.sampled_from(["da", "nb"]), limit=st.integers(1, 50), offset=st.integers(0, 100))
def test_api_never_fails(client, indexed_site, q, locale, limit, offset):
    response = client.get("/api/search/", {"q": q, "locale": locale, "limit": limit, "offset": offset})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] >= len(data["results"])
    assert len(data["results"]) <= limit
    suggest = client.get("/api/search/suggest/", {"q": q[:300], "locale": locale})
    assert suggest.status_code == 200 and len(suggest.json()["results"]) <= 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=TEXT)
def test_results_page_never_fails(client, indexed_site, q):
    assert client.get("/search/", {"q": q}).status_code == 200


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.text(max_size=8), offset=st.text(max_size=8), locale=st.text(max_size=5))
def test_bad_parameters_are_400_never_500(client, indexed_site, limit, offset, locale):
    response = client.get("/api/search/", {"q": "klage", "limit": limit, "offset": offset, "locale": locale})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"]


TAGS = st.sampled_from(["p", "li", "ul", "b", "i", "a href='/x'", "h2", "br", "strong"])
WORDS = st.sampled_from(["aflastning", "klage", "indtægt.", "2.", "merudgifter", "og", "kommunen", "&", "<", "5 > 3"])


@st.composite
def rich_text(draw):
    """HTML as an editor's rich text (and a page type's own rendering) produces it, entities included."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(TAGS)
        name = tag.split()[0]
        text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))
        escaped = draw(st.booleans())
        inner = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if escaped else text
        parts.append(f"<{tag}>{inner}</{name}>" if name != "br" else f"{inner}<br>")
    return draw(st.sampled_from(["", "\n", " "])).join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=rich_text(), summary=rich_text())
def test_no_snippet_of_any_document_contains_an_escaped_tag(tmp_path_factory, body, summary):
    """Snippets never show markup: the text of every field is made plain before it is indexed."""
    document = SearchDocumentFactory(
        title=plain("<b>Aflastning</b> &amp; klage"),
        summary=plain(summary),
        body=block_text(RichText(body)),
        headings=[plain("<i>klage</i>")],
    )
    with tempfile.TemporaryDirectory(dir=tmp_path_factory.getbasetemp()) as directory:
        engine = EmbeddedEngine(directory)
        engine.rebuild([document])
        for query in ("aflastning", "klage", "merudgifter kommunen", "indtægt"):
            for hit in engine.search(query, "da").hits:
                without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
                assert not re.search(r"&lt;/?[a-z]", without_marks), hit.snippet
                assert "<" not in without_marks, hit.snippet
