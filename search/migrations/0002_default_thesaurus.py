"""Loads the curated default thesaurus into editable synonym lists (one per language)."""

from django.db import migrations

from search.synonyms.thesaurus import DEFAULT_THESAURUS

NAMES = {"da": "Standardsynonymer", "nb": "Standardsynonymer (norsk)"}


def load(apps, schema_editor):
    SynonymList = apps.get_model("sitesearch", "SynonymList")
    for locale, groups in DEFAULT_THESAURUS.items():
        if not SynonymList.objects.filter(locale=locale, name=NAMES[locale]).exists():
            SynonymList.objects.create(
                name=NAMES[locale], locale=locale, groups="\n".join(", ".join(group) for group in groups),
            )


def unload(apps, schema_editor):
    SynonymList = apps.get_model("sitesearch", "SynonymList")
    SynonymList.objects.filter(name__in=NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
