"""The calculator's default rules as the law stands (checked 2026-12 against the primary sources):

Denmark
- Retssikkerhedsloven § 67: 4 weeks from receiving the decision; the complaint goes to the kommune, which
  reassesses it and sends it on to Ankestyrelsen. Received = the day the letter was available in Digital Post
  (lov om Digital Post fra offentlige afsendere § 10, nr. 1), even if opened later; for paper post Ankestyrelsen
  assumes 6 working days after the letter's date (ast.dk, "Klagefrister"; Justitsministeriets vejledning nr. 9533
  af 26/6 2018, which Ankestyrelsen follows).

Norway (forvaltningsloven of 1967 still applies: the new forvaltningsloven adopted in 2025 is cited once in force)
- Avlastning, omsorgsstønad, BPA and other municipal health and care services: 4 weeks,
  pasient- og brukerrettighetsloven § 7-5 (complaint to Statsforvalteren, sent through the kommune).
- Nav decisions under folketrygdloven: 6 weeks, folketrygdloven § 21-12.
- Other individual municipal decisions (school, barnehage): 3 weeks, forvaltningsloven § 29.

All count conservatively: a last day on a weekend or public holiday is not moved; the calculator names the
next working day as the day the legal deadline may end. Provisions that still link a bare home page get the
provision's own address. Rules found by their seeded name (old or new) are brought up to date; rules editors
added themselves are left alone.
"""

from django.db import migrations

RETSINFORMATION_HOME = ("https://www.retsinformation.dk/", "https://retsinformation.dk/", "")

DK_NOTES = (
    "Fristen regnes fra den dag, afgørelsen kom frem til dig – ikke den dag, du åbnede den. "
    "Med Digital Post er det den dag, brevet kom i din indbakke, også hvis du først læste det senere. "
    "Kom afgørelsen med almindelig post, går Ankestyrelsen ud fra, at du fik den 6 hverdage efter datoen i brevet "
    "(Quickpost: 2 dage). Udløber fristen en lørdag, søndag eller helligdag, flyttes den efter Justitsministeriets "
    "vejledning om beregning af klagefrister til den næste hverdag. Vi viser alligevel den tidlige dato, så du er på "
    "den sikre side. Står der noget andet i klagevejledningen i afgørelsen, så følg den, eller ring til os."
)
NO_RECEIVED = (
    "Fristen regnes fra dagen vedtaket kom fram til deg – ikke dagen du åpnet det. Fikk du vedtaket digitalt, "
    "regn fra dagen det kom i den digitale postkassen. Faller siste dag på en lørdag, søndag eller helligdag, "
    "kan fristen etter loven være neste virkedag, men vi viser den tidlige datoen, så du er på den sikre siden. "
    "Sjekk alltid klageveiledningen i vedtaket."
)

PROVISIONS = {
    ("dk", "Retssikkerhedsloven", "§ 67"): "https://www.retsinformation.dk/eli/lta/2024/261",
    ("no", "Forvaltningsloven", "§ 29"): "https://lovdata.no/lov/1967-02-10/§29",
    ("no", "Pasient- og brukerrettighetsloven", "§ 7-5"): "https://lovdata.no/lov/1999-07-02-63/§7-5",
    ("no", "Folketrygdloven", "§ 21-12"): "https://lovdata.no/lov/1997-02-28-19/§21-12",
}

OLD_DK_NAME = "Afgørelse fra kommunen om social hjælp (fx merudgifter, tabt arbejdsfortjeneste, hjælpemidler)"
OLD_NO_NAME = "Enkeltvedtak fra kommunen (forvaltningsloven)"

RULES = [
    {
        "jurisdiction": "dk",
        "provision": ("dk", "Retssikkerhedsloven", "§ 67"),
        "old_name": OLD_DK_NAME,
        "name": "Afgørelse fra kommunen om hjælp til dit barn (fx kompensationsydelse, tabt arbejdsfortjeneste, hjælpemidler)",
        "duration_value": 4,
        "counted_from": "den dag, afgørelsen kom frem til dig",
        "notes": DK_NOTES,
        "next_steps": "<p>Send klagen til kommunen, der traf afgørelsen, ikke direkte til Ankestyrelsen. Kommunen ser på sagen igen. Giver kommunen dig ikke ret, sender den klagen videre til Ankestyrelsen.</p><p>Du kan skrive kort, hvad du er uenig i, og sende en uddybning senere.</p>",
        "sort_order": 0,
    },
    {
        "jurisdiction": "no",
        "provision": ("no", "Pasient- og brukerrettighetsloven", "§ 7-5"),
        "name": "Vedtak fra kommunen om avlastning, omsorgsstønad, BPA eller andre helse- og omsorgstjenester",
        "duration_value": 4,
        "counted_from": "dagen vedtaket kom fram til deg",
        "notes": NO_RECEIVED,
        "next_steps": "<p>Klagen skal til Statsforvalteren, men du sender den til kommunen som traff vedtaket. Kommunen vurderer saken på nytt. Får du ikke medhold, sender kommunen klagen videre til Statsforvalteren.</p>",
        "sort_order": 0,
    },
    {
        "jurisdiction": "no",
        "provision": ("no", "Folketrygdloven", "§ 21-12"),
        "name": "Vedtak fra Nav (for eksempel pleiepenger, hjelpestønad eller grunnstønad)",
        "duration_value": 6,
        "counted_from": "dagen vedtaket kom fram til deg",
        "notes": NO_RECEIVED,
        "next_steps": "<p>Send klagen til Nav. Nav vurderer saken på nytt. Får du ikke medhold, sender Nav klagen videre til Nav klageinstans.</p>",
        "sort_order": 1,
    },
    {
        "jurisdiction": "no",
        "provision": ("no", "Forvaltningsloven", "§ 29"),
        "old_name": OLD_NO_NAME,
        "name": "Andre enkeltvedtak fra kommunen (for eksempel skole og barnehage)",
        "duration_value": 3,
        "counted_from": "dagen vedtaket kom fram til deg",
        "notes": NO_RECEIVED,
        "next_steps": "<p>Send klagen til det organet som traff vedtaket. Der blir saken vurdert på nytt før den eventuelt sendes videre til klageinstansen, for eksempel Statsforvalteren.</p>",
        "sort_order": 2,
    },
]


def forwards(apps, schema_editor):
    LegalProvision = apps.get_model("knowledge", "LegalProvision")
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    provisions = {}
    for (jurisdiction, law, section), url in PROVISIONS.items():
        provision, created = LegalProvision.objects.get_or_create(
            jurisdiction=jurisdiction, law=law, section=section, defaults={"url": url}
        )
        if not created and provision.url in RETSINFORMATION_HOME:
            provision.url = url
            provision.save(update_fields=["url"])
        provisions[(jurisdiction, law, section)] = provision
    for data in RULES:
        data = dict(data)
        provision = provisions[data.pop("provision")]
        old_name = data.pop("old_name", None)
        fields = {**data, "duration_unit": "weeks", "legal_basis": provision, "non_working_day_rule": "none"}
        existing = DeadlineRule.objects.filter(jurisdiction=data["jurisdiction"], name__in=[data["name"], old_name])
        if existing.exists():
            existing.update(**fields)
        else:
            DeadlineRule.objects.create(**fields)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_default_rules")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
