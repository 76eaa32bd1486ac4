"""manage.py install_principles_overview: who stands behind the principles, the member organisations we can
name, and the principles as a PDF, on the Danish principles page (demo content; run by load_demo).

Only what could be checked is said: the principles were launched by about 30 Danish organisations, and
Pårørende i Danmark took part from the start (paaroer.dk). The full list of organisations is linked, not
copied. The PDF is generated from the principle pages themselves. Running it again changes nothing once
the page has members.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.models import Collection

from knowledge.models import PrinciplePage, PrinciplesPage

SOURCE = "https://paaroer.dk/paaroerende-i-danmark-om-os-der-sidder-i-bestyrelsen/politik/5-principper-for-bedre-vilkaar-for-paaroerende/"

INTRO = (
    "Pårørendealliancen samler danske organisationer for pårørende. Omkring 30 organisationer står sammen "
    "bag fem principper for bedre vilkår for pårørende."
)

BODY = [
    ("heading", "Hvem står bag?"),
    (
        "paragraph",
        "<p>Organisationerne arbejder for pårørende på tværs af diagnoser og handicap. Principperne er skrevet "
        "til kommuner, regioner og staten: de skal sikre, at pårørende bliver støttet og ikke slidt op.</p>",
    ),
    (
        "paragraph",
        "<p>Her beskriver vi, hvad principperne betyder for familier med et barn med handicap eller særlige "
        "behov. Den oprindelige tekst og listen over de organisationer, der står bag, finder du hos "
        f'<a href="{SOURCE}">Pårørende i Danmark</a>.</p>',
    ),
]

MEMBERS = [("organisation", {"name": "Pårørende i Danmark", "url": "https://paaroer.dk/"})]


def principles_pdf(principles) -> bytes:
    import weasyprint  # ~2 s to import (Pango, fonts): loaded when the PDF is made, not by every manage.py command

    items = "".join(
        f"<section><h2>{p.number}. {escape(p.title)}</h2><p>{escape(p.intro)}</p></section>" for p in principles
    )
    html = (
        '<html lang="da"><head><meta charset="utf-8"><title>Pårørendealliancens fem principper</title>'
        "<style>body{font-family:sans-serif;font-size:12pt;line-height:1.5;margin:2cm}h1{color:#114b5f}</style>"
        f"</head><body><h1>Pårørendealliancens fem principper</h1><p>{escape(INTRO)}</p>{items}"
        f"<p>Kilde: {escape(SOURCE)}</p></body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf()


class Command(BaseCommand):
    help = "Fill the Danish principles page with who stands behind the principles, the members and the PDF."

    @transaction.atomic
    def handle(self, *args, **options):
        page = PrinciplesPage.objects.filter(locale__language_code="da").first()
        if page is None or len(page.members):
            return
        principles = list(PrinciplePage.objects.child_of(page).live().order_by("number"))
        page.intro = page.intro or INTRO
        page.body = BODY
        page.members = MEMBERS
        if principles and page.pdf is None:
            if Collection.get_first_root_node() is None:  # a flushed test database has no root collection
                Collection.add_root(name="Root")
            document = Document(title="Pårørendealliancens fem principper")
            document.file.save("paaroerendealliancens-fem-principper.pdf", ContentFile(principles_pdf(principles)))
            page.pdf = document
        page.save_revision().publish()
        self.stdout.write("Principles page: who stands behind, members and PDF.")
