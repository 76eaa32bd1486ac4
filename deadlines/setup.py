"""Creates the public calculator page in each language (idempotent); called by `manage.py setup_editorial`."""

from django.db import transaction

TITLES = {"da": "Beregn din klagefrist", "nb": "Beregn klagefristen din"}
INTROS = {
    "da": "Har du fået en afgørelse, du er uenig i? Vælg, hvilken slags afgørelse det er, og skriv den dag, du fik den. Så viser vi den sidste dag, du kan klage.",
    "nb": "Har du fått et vedtak du er uenig i? Velg hva slags vedtak det er, og skriv dagen du fikk det. Så viser vi siste dag du kan klage.",
}


@transaction.atomic
def ensure_calculator_page(language_code: str):
    from deadlines.models import DeadlineCalculatorPage
    from home.site_setup import ensure_home

    home = ensure_home(language_code)
    existing = DeadlineCalculatorPage.objects.child_of(home).first()
    if existing:
        return existing
    page = DeadlineCalculatorPage(
        title=TITLES[language_code], slug="klagefrist", intro=INTROS[language_code], locale=home.locale
    )
    if language_code != "da":
        danish = ensure_calculator_page("da")
        page.translation_key = danish.translation_key
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
