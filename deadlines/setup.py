"""Creates the public calculator page in each language (idempotent); called by `manage.py setup_editorial`.

A new calculator page is also made findable: it becomes the first top task on the home page and a link in the
main menu after the guides (editors may move or remove both afterwards; running this again leaves them alone).
Its title and intro carry the words parents search with ("klagefrist", "beregn frist", "hvornår skal jeg
klage", "klagefrist Nav").
"""

from django.db import transaction

from deadlines.models import DeadlineCalculatorPage
from home.models import HeaderNavigation, HomePage
from home.site_setup import ensure_home

TITLES = {"da": "Beregn din klagefrist", "nb": "Beregn klagefristen din"}
INTROS = {
    "da": "Hvornår skal jeg klage? Vælg, hvilken slags afgørelse du har fået, og skriv den dag, den kom frem til dig. Så beregner vi fristen: den sidste dag, du kan klage.",
    "nb": "Når må jeg klage? Velg hva slags vedtak du har fått – fra kommunen eller Nav – og skriv dagen det kom fram til deg. Så beregner vi klagefristen: siste dag du kan klage.",
}
OLD_INTROS = {
    "da": "Har du fået en afgørelse, du er uenig i? Vælg, hvilken slags afgørelse det er, og skriv den dag, du fik den. Så viser vi den sidste dag, du kan klage.",
    "nb": "Har du fått et vedtak du er uenig i? Velg hva slags vedtak det er, og skriv dagen du fikk det. Så viser vi siste dag du kan klage.",
}
TOP_TASK = {
    "da": ("Beregn din klagefrist", "Hvornår er sidste dag, du kan klage?"),
    "nb": ("Beregn klagefristen", "Når er siste dag du kan klage?"),
}
MENU_LABEL = {"da": "Klagefrist", "nb": "Klagefrist"}


@transaction.atomic
def ensure_calculator_page(language_code: str):

    home = ensure_home(language_code)
    existing = DeadlineCalculatorPage.objects.child_of(home).first()
    if existing:
        if existing.intro == OLD_INTROS[language_code]:
            existing.intro = INTROS[language_code]
            existing.save_revision().publish()
        return existing
    page = DeadlineCalculatorPage(
        title=TITLES[language_code], slug="klagefrist", intro=INTROS[language_code], locale=home.locale
    )
    if language_code != "da":
        danish = ensure_calculator_page("da")
        page.translation_key = danish.translation_key
    home.add_child(instance=page)
    page.save_revision().publish()
    make_findable(page, language_code)
    return page


def make_findable(page, language_code: str) -> None:
    """First top task on the home page, and a menu link after the guides."""
    home = HomePage.objects.filter(pk=page.get_parent().pk).first()
    if home is not None:
        title, description = TOP_TASK[language_code]
        tasks = [("task", block.value) for block in home.top_tasks]
        home.top_tasks = [("task", {"title": title, "description": description, "page": page}), *tasks]
        home.save_revision().publish()
    menu = HeaderNavigation.objects.filter(locale=page.locale).first()
    if menu is not None:
        links = [("link", block.value) for block in menu.links]
        position = next(
            (
                i + 1
                for i, (_, value) in enumerate(links)
                if value["page"] and value["page"].slug in ("vejledninger", "veiledninger")
            ),
            min(1, len(links)),
        )
        links.insert(position, ("link", {"label": MENU_LABEL[language_code], "page": page, "url": ""}))
        menu.links = links
        menu.save()
