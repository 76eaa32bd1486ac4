"""Free-text legal references in guides become citations of the legal register.

Each {law, section, url} block becomes a `legal_provision` block pointing at a LegalProvision, reused by
(country, law, section); the country follows the page's locale (da → Denmark, nb → Norway). The page and
its latest revision are converted, so a draft does not lose its references. Afterwards run
`manage.py rebuild_references_index` once so the register's "where cited" report knows existing pages.
"""

import json

from django.db import migrations

JURISDICTION_BY_LOCALE = {"da": "dk", "nb": "no"}


def convert_blocks(raw_blocks, provision_for):
    changed = False
    result = []
    for block in raw_blocks:
        if block.get("type") == "legal_reference":
            value = block.get("value") or {}
            if value.get("law"):
                block = {"type": "legal_provision", "id": block.get("id"), "value": provision_for(value).pk}
                changed = True
            else:
                changed = True
                continue
        result.append(block)
    return result, changed


def forwards(apps, schema_editor):
    GuidePage = apps.get_model("knowledge", "GuidePage")
    LegalProvision = apps.get_model("knowledge", "LegalProvision")
    Revision = apps.get_model("wagtailcore", "Revision")

    from django.db.models import TextField
    from django.db.models.functions import Cast

    rows = GuidePage.objects.annotate(raw_body=Cast("body", output_field=TextField())).values_list(
        "pk", "locale__language_code", "raw_body", "latest_revision_id"
    )
    for page_pk, language_code, raw_body, latest_revision_id in rows:
        jurisdiction = JURISDICTION_BY_LOCALE.get(language_code, "dk")

        def provision_for(value, jurisdiction=jurisdiction):
            provision, created = LegalProvision.objects.get_or_create(
                jurisdiction=jurisdiction, law=value["law"].strip()[:255], section=(value.get("section") or "").strip()[:100],
                defaults={"url": (value.get("url") or "").strip()[:500]},
            )
            return provision

        raw = json.loads(raw_body) if raw_body else []
        if isinstance(raw, str):  # a JSON string inside JSON (older SQLite storage)
            raw = json.loads(raw)
        blocks, changed = convert_blocks(raw, provision_for)
        if changed:
            GuidePage.objects.filter(pk=page_pk).update(body=blocks)
        if latest_revision_id:
            revision = Revision.objects.filter(pk=latest_revision_id).first()
            if revision and isinstance(revision.content, dict) and revision.content.get("body"):
                body = revision.content["body"]
                raw_rev = json.loads(body) if isinstance(body, str) else body
                blocks, changed = convert_blocks(raw_rev, provision_for)
                if changed:
                    revision.content["body"] = json.dumps(blocks)
                    revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_legal_register_and_review"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
