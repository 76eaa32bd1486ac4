"""The knowledge types that `import_content` accepts, and how their extra fields are set."""

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


def _model(name):
    return lambda: apps.get_model("knowledge", name)


def apply_guide(page, item):
    blocks = body_blocks(item.get("body", ""))
    checklist = str_list(item, "checklist")
    if checklist:
        blocks.append(
            (
                "checklist",
                {"heading": "Det skal du bruge" if item["locale"] == "da" else "Dette trenger du", "items": checklist},
            )
        )
    steps = str_list(item, "steps")
    if steps:
        blocks.append(
            (
                "steps",
                {
                    "heading": "Sådan gør du" if item["locale"] == "da" else "Slik gjør du",
                    "steps": [{"title": step, "text": rich("")} for step in steps],
                },
            )
        )
    for deadline in dict_list(
        item, "deadlines", ("what", "duration", "counted_from", "legal_basis"), ("what", "duration", "counted_from")
    ):
        blocks.append(("deadline", deadline))
    faq = dict_list(item, "faq", ("question", "answer"), ("question", "answer"))
    if faq:
        blocks.append(
            (
                "faq",
                {
                    "heading": "Spørgsmål og svar" if item["locale"] == "da" else "Spørsmål og svar",
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


def provision_for(ref: dict, locale: str):
    """The register entry for a {law, section, url} reference: reused by (country, law, section), else created."""
    provision_model = apps.get_model("knowledge", "LegalProvision")
    provision, created = provision_model.objects.get_or_create(
        jurisdiction=JURISDICTION_BY_LOCALE.get(locale, "dk"),
        law=ref["law"][:255],
        section=ref["section"][:100],
        defaults={"url": ref["url"][:500]},
    )
    if not created and ref["url"] and not provision.url:
        provision.url = ref["url"][:500]
        provision.save(update_fields=["url"])
    return provision


def validate_guide(item):
    str_list(item, "steps")
    str_list(item, "checklist")
    dict_list(item, "faq", ("question", "answer"), ("question", "answer"))
    dict_list(item, "legal", ("law", "section", "url"), ("law",))
    dict_list(
        item, "deadlines", ("what", "duration", "counted_from", "legal_basis"), ("what", "duration", "counted_from")
    )
    parse_date(item, "last_reviewed")
    for ref in item.get("legal") or []:
        url = ref.get("url") or ""
        if url and not url.startswith(("http://", "https://")):
            raise ImportError_(f"legal reference url must start with https://, not {url!r}")


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
    page.authors = ", ".join(str_list(item, "authors"))[:500]
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
    related = str_list(item, "related")
    guide_model = apps.get_model("knowledge", "GuidePage")
    page.related_guides.set(list(guide_model.objects.filter(locale__language_code=item["locale"], slug__in=related)))


def validate_glossary(item):
    str_list(item, "related")


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
