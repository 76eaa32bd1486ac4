"""Seed the deadline rules we are sure of; editors manage them afterwards.

- Denmark: retssikkerhedsloven § 67: complaints about social decisions within 4 weeks of receiving them.
- Norway: forvaltningsloven § 29: 3 weeks from when the notice of the decision reached the party.

Both count conservatively: a last day on a weekend or public holiday is not moved (editors may change that
with a legal basis). Existing rules with the same name are left alone.
"""

from django.db import migrations

RULES = [
    {
        "jurisdiction": "dk", "law": "Retssikkerhedsloven", "section": "§ 67", "url": "https://www.retsinformation.dk/",
        "name": "Afgørelse fra kommunen om social hjælp (fx merudgifter, tabt arbejdsfortjeneste, hjælpemidler)",
        "duration_value": 4, "duration_unit": "weeks", "counted_from": "den dag, du fik afgørelsen",
        "notes": "Fristen står også i klagevejledningen i afgørelsen. Står der noget andet dér, så følg klagevejledningen, eller ring til os.",
        "next_steps": "<p>Send klagen til kommunen, der traf afgørelsen, ikke direkte til Ankestyrelsen. Kommunen ser på sagen igen. Giver kommunen dig ikke ret, sender den klagen videre til Ankestyrelsen.</p><p>Du kan skrive kort, hvad du er uenig i, og sende en uddybning senere.</p>",
    },
    {
        "jurisdiction": "no", "law": "Forvaltningsloven", "section": "§ 29", "url": "https://lovdata.no/lov/1967-02-10/§29",
        "name": "Enkeltvedtak fra kommunen (forvaltningsloven)",
        "duration_value": 3, "duration_unit": "weeks", "counted_from": "den dagen du fikk vedtaket",
        "notes": "Noen lover har andre klagefrister, for eksempel seks uker for vedtak fra Nav. Sjekk alltid klageveiledningen i vedtaket.",
        "next_steps": "<p>Send klagen til det organet som traff vedtaket. Der blir saken vurdert på nytt før den eventuelt sendes videre til klageinstansen.</p>",
    },
]


def seed(apps, schema_editor):
    LegalProvision = apps.get_model("knowledge", "LegalProvision")
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for order, data in enumerate(RULES):
        data = dict(data)
        provision, _created = LegalProvision.objects.get_or_create(
            jurisdiction=data["jurisdiction"], law=data.pop("law"), section=data.pop("section"),
            defaults={"url": data["url"]},
        )
        data.pop("url")
        DeadlineRule.objects.get_or_create(
            jurisdiction=data["jurisdiction"], name=data["name"],
            defaults={**data, "legal_basis": provision, "non_working_day_rule": "none", "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0001_initial"),
        ("knowledge", "0003_legal_references_to_register"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
