"""The knowledge types that `import_content` accepts, and how their extra fields are set."""

from urllib.parse import urlsplit

from django.apps import apps

from home.blocks import body_blocks, rich
from importing.registry import (
    ContentType,
    ImportError_,
    dict_list,
    parse_date,
    register,
    str_list,
)
from knowledge.blocks import ChecklistBlock, FAQBlock, RelatedPagesBlock, StepsBlock


def _model(name):
    return lambda: apps.get_model("knowledge", name)


DEADLINE_KEYS = (("what", "duration", "counted_from", "legal_basis"), ("what", "duration", "counted_from"))
SUMMARY_HEADINGS = ("kort fortalt", "det vigtigste", "kort sagt", "det viktigste")


def split_summary(blocks: list) -> tuple[list, list]:
    """(the "Kort fortalt" section if the body starts with one, the rest of the body)."""
    if not blocks or blocks[0][0] != "heading" or blocks[0][1].strip().lower() not in SUMMARY_HEADINGS:
        return [], blocks
    end = next((i for i, (kind, _) in enumerate(blocks[1:], start=1) if kind == "heading"), len(blocks))
    return blocks[:end], blocks[end:]


def related_guides(item) -> list:
    """The guides named in `related` (slugs, same language) that exist: list a guide after the ones it links to."""
    slugs = str_list(item, "related")
    if not slugs:
        return []
    guide_model = apps.get_model("knowledge", "GuidePage")
    found = {g.slug: g for g in guide_model.objects.filter(locale__language_code=item["locale"], slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found and slug != item["slug"]]


def apply_guide(page, item):
    """The guide's body in the order a parent needs it: "Kort fortalt", then what to do ("Sådan gør du",
    "Det skal du bruge", the deadlines), then the background, questions and answers, and the law.

    The section headings are the blocks' own defaults in the item's language (home.blocks.LocalisedHeadingMixin),
    the same words a section with an empty heading shows."""
    summary, background = split_summary(body_blocks(item.get("body", "")))
    blocks = list(summary)
    steps = str_list(item, "steps")
    if steps:
        blocks.append(
            (
                "steps",
                {
                    "heading": StepsBlock.default_heading_in(item["locale"]),
                    "steps": [{"title": step, "text": rich("")} for step in steps],
                },
            )
        )
    checklist = str_list(item, "checklist")
    if checklist:
        blocks.append(("checklist", {"heading": ChecklistBlock.default_heading_in(item["locale"]), "items": checklist}))
    for deadline in dict_list(item, "deadlines", *DEADLINE_KEYS):
        blocks.append(("deadline", deadline))
    blocks.extend(background)
    related = related_guides(item)
    if related:
        blocks.append(("related", {"heading": RelatedPagesBlock.default_heading_in(item["locale"]), "pages": related}))
    faq = dict_list(item, "faq", ("question", "answer"), ("question", "answer"))
    if faq:
        blocks.append(
            (
                "faq",
                {
                    "heading": FAQBlock.default_heading_in(item["locale"]),
                    "items": [{"question": f["question"], "answer": rich(f["answer"])} for f in faq],
                },
            )
        )
    for ref in dict_list(item, "legal", ("law", "section", "url"), ("law",)):
        blocks.append(("legal_provision", provision_for(ref, item["locale"])))
    page.body = blocks
    page.audience = str(item.get("audience") or "")[:255]
    page.last_reviewed = parse_date(item, "last_reviewed") or parse_date(item, "published_at")
    page.reviewed_by = str(item.get("reviewed_by") or "")[:255]


JURISDICTION_BY_LOCALE = {"da": "dk", "nb": "no"}


def is_bare_home_page(url: str) -> bool:
    """https://www.retsinformation.dk/ and the like: a site, not the provision a reader needs."""
    parts = urlsplit(url or "")
    return bool(parts.netloc) and parts.path in ("", "/") and not parts.query and not parts.fragment


def provision_for(ref: dict, locale: str):
    """The register entry for a {law, section, url} reference: reused by (country, law, section), else created."""
    provision_model = apps.get_model("knowledge", "LegalProvision")
    provision, created = provision_model.objects.get_or_create(
        jurisdiction=JURISDICTION_BY_LOCALE.get(locale, "dk"),
        law=ref["law"][:255],
        section=ref["section"][:100],
        defaults={"url": ref["url"][:500]},
    )
    if (
        not created
        and ref["url"]
        and ref["url"] != provision.url
        and (not provision.url or is_bare_home_page(provision.url))
    ):
        provision.url = ref["url"][:500]
        provision.save(update_fields=["url"])
    return provision


def validate_guide(item):
    str_list(item, "steps")
    str_list(item, "related")
    str_list(item, "checklist")
    dict_list(item, "faq", ("question", "answer"), ("question", "answer"))
    dict_list(item, "legal", ("law", "section", "url"), ("law",))
    dict_list(item, "deadlines", *DEADLINE_KEYS)
    parse_date(item, "last_reviewed")
    for ref in item.get("legal") or []:
        url = ref.get("url") or ""
        if url and not url.startswith(("http://", "https://")):
            raise ImportError_(f"legal reference url must start with https://, not {url!r}")
        if is_bare_home_page(url):
            raise ImportError_(
                f"legal reference url {url!r} is a home page: link the provision itself "
                "(the ELI address on retsinformation.dk, the paragraph on lovdata.no)"
            )


def apply_principle(page, item):
    page.body = body_blocks(item.get("body", ""))
    page.number = int(item.get("number") or 1)


def validate_principle(item):
    number = item.get("number", 1)
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
        raise ImportError_('"number" must be a whole number from 1 to 99')


def apply_position_paper(page, item):
    page.body = body_blocks(item.get("body", ""))
    page.recommendations = [("recommendation", rich(text)) for text in str_list(item, "recommendations")]
    page.authors = "; ".join(str_list(item, "authors"))[:500]
    page.published_at = parse_date(item, "published_at")


def validate_position_paper(item):
    str_list(item, "recommendations")
    str_list(item, "authors")


def apply_article(page, item):
    page.body = body_blocks(item.get("body", ""))
    page.published_at = parse_date(item, "published_at")


def apply_glossary(page, item):
    page.body = body_blocks(item.get("body", ""))
    page.synonyms = "\n".join(str_list(item, "synonyms"))
    page.search_words = "\n".join(str_list(item, "search_words"))
    related = str_list(item, "related")
    guide_model = apps.get_model("knowledge", "GuidePage")
    page.related_guides.set(list(guide_model.objects.filter(locale__language_code=item["locale"], slug__in=related)))


def validate_glossary(item):
    str_list(item, "related")
    str_list(item, "search_words")


TITLES = {
    "guide": ({"da": "Vejledninger", "nb": "Veiledninger"}, {"da": "vejledninger", "nb": "veiledninger"}),
    "principle": (
        {"da": "Pårørendealliancens fem principper", "nb": "Pårørendealliansens fem prinsipper"},
        {"da": "principper", "nb": "prinsipper"},
    ),
    "position_paper": (
        {"da": "Holdningspapirer", "nb": "Posisjonsnotater"},
        {"da": "holdningspapirer", "nb": "posisjonsnotater"},
    ),
    "article": ({"da": "Nyheder", "nb": "Nyheter"}, {"da": "nyheder", "nb": "nyheter"}),
    "glossary": ({"da": "Ordbog", "nb": "Ordliste"}, {"da": "ordbog", "nb": "ordliste"}),
}


def register_all():
    for name, page_model, index_model, apply, validate in [
        ("guide", "GuidePage", "GuideIndexPage", apply_guide, validate_guide),
        ("principle", "PrinciplePage", "PrinciplesPage", apply_principle, validate_principle),
        (
            "position_paper",
            "PositionPaperPage",
            "PositionPaperIndexPage",
            apply_position_paper,
            validate_position_paper,
        ),
        ("article", "ArticlePage", "ArticleIndexPage", apply_article, None),
        ("glossary", "GlossaryPage", "GlossaryIndexPage", apply_glossary, validate_glossary),
    ]:
        titles, slugs = TITLES[name]
        register(ContentType(name, _model(page_model), _model(index_model), titles, slugs, apply, validate))
