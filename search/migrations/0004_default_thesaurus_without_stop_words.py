"""The default synonym lists of an installed site lose the terms that start with a stop word.

"ikke enig", "fik nej", "fik ja", "hvorfor", "fikk nei" and "ta med noen" were cut by the stop filter to
a different term ("enig", "nej", "ta") or to nothing. Only the shipped default lists are changed, and only
the exact old terms: an editor's own wording stays as it is.
"""

from django.db import migrations

NAMES = {"da": "Standardsynonymer", "nb": "Standardsynonymer (norsk)"}
REPLACED = {
    "da": {"ikke enig": None, "fik nej": "sagde nej", "fik ja": "sagde ja", "hvorfor": "årsag"},
    "nb": {"ikke enig": None, "fikk nei": "sa nei", "ta med noen": "ta med en person"},
}


def rewrite(apps, schema_editor):
    SynonymList = apps.get_model("sitesearch", "SynonymList")
    for locale, replaced in REPLACED.items():
        for synonym_list in SynonymList.objects.filter(locale=locale, name=NAMES[locale]):
            lines = []
            for line in synonym_list.groups.splitlines():
                terms = []
                for term in (t.strip() for t in line.split(",")):
                    new = replaced.get(term, term)
                    if new and new not in terms:
                        terms.append(new)
                lines.append(", ".join(terms))
            groups = "\n".join(lines)
            if groups != synonym_list.groups:
                synonym_list.groups = groups
                synonym_list.save(update_fields=["groups"])


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0003_query_log_ref_and_blank_text")]
    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
