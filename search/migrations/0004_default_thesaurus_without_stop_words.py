"""The default synonym lists of an installed site: terms that start with a stop word go, new everyday words come.

"ikke enig", "fik nej", "fik ja", "hvorfor", "fikk nei" and "ta med noen" were cut by the stop filter to
a different term ("enig", "nej", "ta") or to nothing. The everyday words parents use when they describe a
situation ("medicin", "storesøster", "gymnasiet", "instanser") join the groups of the official terms, as
in search/synonyms/thesaurus.py for a fresh install. Only the shipped default lists are changed, only the
exact old terms are replaced, and a group is extended only where its first term is still the shipped one:
an editor's own wording stays as it is.
"""

from django.db import migrations

NAMES = {"da": "Standardsynonymer", "nb": "Standardsynonymer (norsk)"}
REPLACED = {
    "da": {"ikke enig": None, "fik nej": "sagde nej", "fik ja": "sagde ja", "hvorfor": "årsag"},
    "nb": {"ikke enig": None, "fikk nei": "sa nei", "ta med noen": "ta med en person"},
}
#: first term of a group -> the terms added to it
ADDED = {
    "da": {
        "merudgifter": ["udgifter til medicin", "medicin", "diætkost"],
        "aktindsigt": ["kommunen har skrevet", "papirerne i sagen"],
        "søskende": ["storesøster", "lillesøster", "storebror", "lillebror"],
        "specialskole": ["rumme", "rummes", "inklusion"],
        "sps": ["ungdomsuddannelse", "gymnasium", "gymnasiet", "efterskole", "erhvervsuddannelse"],
    },
    "nb": {
        "avslag": ["nei fra kommunen"],
        "innsyn": ["kommunen har skrevet"],
        "grunnstønad": ["utgifter til medisiner", "medisiner", "spesialkost", "diett"],
        "individuell plan": ["instanser", "etater", "samordning"],
        "søsken": ["storesøster", "lillesøster", "storebror", "lillebror"],
    },
}


def rewrite_groups(text: str, locale: str) -> str:
    lines = []
    for line in text.splitlines():
        terms: list[str] = []
        for term in (t.strip() for t in line.split(",")):
            new = REPLACED[locale].get(term, term)
            if new and new not in terms:
                terms.append(new)
        for term in ADDED[locale].get(terms[0] if terms else "", []):
            if term not in terms:
                terms.append(term)
        lines.append(", ".join(terms))
    return "\n".join(lines)


def rewrite(apps, schema_editor):
    SynonymList = apps.get_model("sitesearch", "SynonymList")
    for locale in REPLACED:
        for synonym_list in SynonymList.objects.filter(locale=locale, name=NAMES[locale]):
            groups = rewrite_groups(synonym_list.groups, locale)
            if groups != synonym_list.groups:
                synonym_list.groups = groups
                synonym_list.save(update_fields=["groups"])


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0003_query_log_ref_and_blank_text")]
    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
