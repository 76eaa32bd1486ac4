"""Demo chrome for a fresh install: standard pages, menus, footers and top tasks, per language.

Content itself comes from demo_content/*.jsonl through import_content; this only adds what JSON Lines
cannot express. Everything here is created once: running it again changes nothing.
"""

from django.db import transaction
from wagtail.models import Page

from home.blocks import body_blocks
from home.models import Footer, HeaderNavigation, HomePage, StandardPage
from home.site_setup import ensure_home

STANDARD_PAGES = {
    "da": [
        (
            "om-os",
            "Om os",
            "Vi er en forening for familier med børn med handicap og særlige behov. Vi rådgiver, samler viden og taler familiernes sag.",
            "## Det arbejder vi for\n\nAt ingen familie skal stå alene i mødet med kommunen. Vi giver forældre viden om deres rettigheder, hjælper dem med at forberede møder og klager, og vi bruger familiernes erfaringer til at gøre systemet bedre.\n\n## Sådan arbejder vi\n\n- Gratis rådgivning til forældre\n- Vejledninger i et sprog, alle kan forstå\n- Dialog med kommuner, ministerier og andre organisationer",
        ),
        (
            "kontakt",
            "Kontakt",
            "Du kan ringe eller skrive til rådgivningen. Vi svarer så hurtigt, vi kan.",
            "## Rådgivningen\n\nRådgivningen hjælper dig med at forstå din sag, forberede et møde eller skrive en klage. Det er gratis og fortroligt.\n\n## Presse\n\nJournalister er velkomne til at kontakte sekretariatet.",
        ),
        (
            "privatlivspolitik",
            "Privatlivspolitik",
            "Sådan behandler vi oplysninger om dig.",
            "## Hvilke oplysninger gemmer vi?\n\nVi gemmer kun de oplysninger, du selv giver os, når du skriver til os eller tilmelder dig et arrangement. Søgninger på siden gemmes uden oplysninger om, hvem du er.\n\n## Hvor længe?\n\nVi sletter tilmeldinger et stykke tid efter arrangementet. Du kan altid bede os om at slette dine oplysninger.",
        ),
    ],
    "nb": [
        (
            "om-oss",
            "Om oss",
            "Vi er en forening for familier med barn med funksjonsnedsettelser og særlige behov.",
            "## Dette jobber vi for\n\nAt ingen familie skal stå alene i møtet med kommunen. Vi gir foreldre kunnskap om rettighetene sine og hjelper dem å forberede møter og klager.",
        ),
        (
            "kontakt",
            "Kontakt",
            "Du kan ringe eller skrive til rådgivningen vår.",
            "## Rådgivningen\n\nRådgivningen hjelper deg å forstå saken din, forberede et møte eller skrive en klage. Det er gratis.",
        ),
        (
            "personvern",
            "Personvernerklæring",
            "Slik behandler vi opplysninger om deg.",
            "## Hvilke opplysninger lagrer vi?\n\nVi lagrer bare opplysninger du selv gir oss. Søk på nettstedet lagres uten opplysninger om hvem du er.",
        ),
    ],
}

TOP_TASKS = {
    "da": [
        ("Klag over en afgørelse", "Er du uenig i kommunens afgørelse? Sådan klager du.", "klage-til-ankestyrelsen"),
        ("Få dækket ekstra udgifter", "Kompensationsydelse (merudgifter) til dit barn.", "merudgifter"),
        ("Pas dit barn hjemme", "Tabt arbejdsfortjeneste, når du passer dit barn.", "tabt-arbejdsfortjeneste"),
        ("Få en pause", "Aflastning til familien.", "aflastning"),
        ("Se din sag", "Aktindsigt: læs hvad kommunen har skrevet.", "aktindsigt"),
        ("Tag en med til mødet", "Bisidder til møder med kommunen.", "bisidder"),
    ],
    "nb": [
        ("Klag på et vedtak", "Er du uenig i vedtaket? Slik klager du.", "klage-pa-vedtak"),
        ("Få avlastning", "En pause for familien.", "avlastning"),
        ("Se saken din", "Innsyn i egen sak.", "innsyn-i-egen-sak"),
        ("Pleiepenger", "Når du må være hjemme med barnet.", "pleiepenger"),
    ],
}

# (label, slug of a child of the home page, or an absolute path)
NAV = {
    "da": [
        ("Vejledninger", "vejledninger"),
        ("Få rådgivning", "/faa-raadgivning/"),
        ("Arrangementer", "arrangementer"),
        ("Kampagner", "kampagner"),
        ("Holdningspapirer", "holdningspapirer"),
        ("Nyheder", "nyheder"),
        ("Om os", "om-os"),
    ],
    "nb": [
        ("Veiledninger", "veiledninger"),
        ("Få rådgivning", "/nb/fa-radgivning/"),
        ("Nyheter", "nyheter"),
        ("Ordliste", "ordliste"),
        ("Om oss", "om-oss"),
    ],
}
FOOTER_LINKS = {
    "da": [
        ("Pårørendealliancens principper", "principper"),
        ("Ordbog", "ordbog"),
        ("Bliv medlem", "/bliv-medlem/"),
        ("Kontakt", "kontakt"),
        ("Privatlivspolitik", "privatlivspolitik"),
    ],
    "nb": [("Bli medlem", "/nb/bli-medlem/"), ("Kontakt", "kontakt"), ("Personvern", "personvern")],
}


def _links(items, children):
    links = []
    for label, target in items:
        if target.startswith("/"):
            links.append(("link", {"label": label, "page": None, "url": target}))
        elif target in children:
            links.append(("link", {"label": label, "page": children[target], "url": ""}))
    return links


FOOTER = {
    "da": (
        "Familier med særlige behov",
        "Rådgivningen har åben mandag–torsdag kl. 10–14.",
        "Eksempelvej 1\n1000 København",
    ),
    "nb": (
        "Familier med særlige behov",
        "Rådgivningen har åpent mandag–torsdag kl. 10–14.",
        "Eksempelveien 1\n0150 Oslo",
    ),
}


# each country's own counselling line and address (sample numbers)
CONTACT = {"da": ("+45 70 00 00 00", "raadgivning@example.org"), "nb": ("+47 22 00 00 00", "radgivning@example.org")}


@transaction.atomic
def install_demo_chrome() -> None:
    for code in ("da", "nb"):
        home = ensure_home(code)
        for slug, title, intro, body in STANDARD_PAGES[code]:
            if not StandardPage.objects.child_of(home).filter(slug=slug).exists():
                page = StandardPage(title=title, slug=slug, intro=intro, body=body_blocks(body), locale=home.locale)
                home.add_child(instance=page)
                page.save_revision().publish()
        children = {p.slug: p for p in home.get_children().live()}
        if not home.specific.top_tasks:
            # The top tasks point at guides (by content type: home does not import the knowledge app).
            guides = {
                page.slug: page
                for page in Page.objects.filter(
                    locale=home.locale, content_type__app_label="knowledge", content_type__model="guidepage"
                )
            }
            home = HomePage.objects.get(pk=home.pk)
            home.top_tasks = [
                ("task", {"title": t, "description": d, "page": guides[s]})
                for t, d, s in TOP_TASKS[code]
                if s in guides
            ]
            home.intro = {
                "da": "Vejledninger i et klart sprog om dine rettigheder i mødet med kommunen – og hjælp, når du har brug for det.",
                "nb": "Veiledninger i et klart språk om rettighetene dine i møtet med kommunen – og hjelp når du trenger det.",
            }[code]
            home.save_revision().publish()
        if not HeaderNavigation.objects.filter(locale=home.locale).exists():
            HeaderNavigation.objects.create(locale=home.locale, links=_links(NAV[code], children))
        if not Footer.objects.filter(locale=home.locale).exists():
            organisation, hours, address = FOOTER[code]
            Footer.objects.create(
                locale=home.locale,
                organisation=organisation,
                address=address,
                phone=CONTACT[code][0],
                email=CONTACT[code][1],
                counselling_hours=hours,
                links=_links(FOOTER_LINKS[code], children),
            )
