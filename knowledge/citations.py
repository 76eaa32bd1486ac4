"""Citations of position papers in APA, Harvard, BibTeX and RIS, built from the paper's own fields."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.utils.text import slugify


def _authors(paper) -> list[str]:
    return paper.author_list() or [settings.WAGTAIL_SITE_NAME]


def _year(paper) -> str:
    return str(paper.published_at.year) if paper.published_at else "u.å."


def _join(names: list[str], last: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]


def apa(paper, url: str, accessed: datetime.date | None = None) -> str:
    """APA 7: Author, A. (Year). *Title*. Publisher. URL (organisation authors are written out)."""
    publisher = settings.WAGTAIL_SITE_NAME
    authors = _join(_authors(paper), "&")
    publisher_part = "" if authors == publisher else f" {publisher}."
    return f"{authors} ({_year(paper)}). {paper.title}.{publisher_part} {url}"


def harvard(paper, url: str, accessed: datetime.date | None = None) -> str:
    """Harvard: Author (Year) Title. Publisher. Available at: URL (Accessed: date)."""
    accessed = accessed or datetime.date.today()
    return (
        f"{_join(_authors(paper), 'and')} ({_year(paper)}) {paper.title}. {settings.WAGTAIL_SITE_NAME}. "
        f"Available at: {url} (Accessed: {accessed.day} {accessed.strftime('%B')} {accessed.year})."
    )


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def citation_key(paper) -> str:
    first = slugify(_authors(paper)[0]).split("-")[0] or "paper"
    return f"{first}{_year(paper) if paper.published_at else ''}{slugify(paper.title).split('-')[0]}"


def bibtex(paper, url: str) -> str:
    fields = [
        ("author", " and ".join(f"{{{_bibtex_escape(a)}}}" for a in _authors(paper))),
        ("title", f"{{{_bibtex_escape(paper.title)}}}"),
        ("institution", f"{{{_bibtex_escape(settings.WAGTAIL_SITE_NAME)}}}"),
        ("type", "{%s}" % ("Holdningspapir" if paper.locale.language_code == "da" else "Posisjonsnotat")),
        ("year", f"{{{_year(paper)}}}"),
        ("url", f"{{{url}}}"),
        ("language", "{%s}" % ("danish" if paper.locale.language_code == "da" else "norsk")),
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
    lines += [f"UR  - {url}", f"LA  - {paper.locale.language_code}", "ER  - "]
    return "\r\n".join(lines) + "\r\n"
