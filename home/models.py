"""Site-wide pages (home, standard pages) and the editable chrome (header navigation, footer)."""

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import register_snippet

from home.blocks import BodyBlock
from home.chrome import CHROME, cached
from home.links import validate_link
from home.pages import ContentPage


class TopTaskBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Opgave"), help_text=_("Fx 'Klag over en afgørelse'"))
    description = blocks.CharBlock(required=False, label=_("Kort beskrivelse"))
    page = blocks.PageChooserBlock(label=_("Side"))

    class Meta:
        icon = "pick"
        label = _("Topopgave")
        description = _("En genvej på forsiden til noget, mange forældre kommer for, med en kort forklaring.")
        preview_value = {
            "title": "Klag over en afgørelse",
            "description": "Sådan klager du, og hvornår fristen udløber.",
        }

    def get_preview_value(self):
        """The shortcut above, pointing at the first page below a home page in the active language, if any."""
        value = dict(self.meta.preview_value)
        value["page"] = (
            Page.objects.live().filter(depth=3, locale__language_code=get_language() or "da").order_by("path").first()
        )
        return self.normalize(value)


class HomePage(ContentPage):
    """The front page: search first, then the tasks parents come for, news and events."""

    top_tasks = StreamField([("task", TopTaskBlock())], blank=True, verbose_name=_("topopgaver"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))

    content_panels = ContentPage.content_panels + [FieldPanel("top_tasks"), FieldPanel("body")]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("forside")

    @property
    def localized(self):
        """The home page in the active language, from the cache (see home/middleware.py)."""

        def build():
            return {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}

        return cached("home-pages", "all", build).get(get_language() or "da") or super().localized

    def route(self, request, path_components):
        """Find a page by its full URL path in one query instead of one query per level.

        Anything that isn't a page's own path (a routable sub-page such as a guide's print view)
        falls back to Wagtail's level-by-level routing.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            found = _page_at(url_path)
            if found:
                model = ContentType.objects.get_for_id(found[1]).model_class()
                if model is not None:
                    page = model.objects.select_related("locale").filter(id=found[0]).first()
                    if page is not None:
                        return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        for name, build in FRONT_PAGE_SECTIONS.items():
            context[name] = build(self.locale_id)
        return context


def _page_at(url_path: str) -> tuple[int, int] | None:
    """(id, content type id) of the page at a full URL path. Found paths are kept under the chrome
    version, which publishing, unpublishing, moving or deleting a page retires; misses are not kept."""
    key = f"route:{url_path}"
    found = CHROME.get(key)
    if found is None:
        found = Page.objects.filter(url_path=url_path).values_list("id", "content_type_id").first()
        if found:
            CHROME.set(key, tuple(found))
    return found


#: The lists the front page shows, each registered by the app that owns its pages (knowledge: the latest
#: news; campaigns: the upcoming events), so that home depends on neither: {context name: build(locale_id)}.
FRONT_PAGE_SECTIONS: dict[str, Callable[[int], Iterable]] = {}


def register_front_page_section(name: str, build: Callable[[int], Iterable]) -> None:
    FRONT_PAGE_SECTIONS[name] = build


class StandardPage(ContentPage):
    """About, contact, privacy and other plain pages."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))
    content_panels = ContentPage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = _("standardside")


class NavigationLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Tekst"))
    page = blocks.PageChooserBlock(required=False, label=_("Side"))
    url = blocks.CharBlock(
        required=False,
        label=_("Eller en adresse"),
        help_text=_("Fx /faa-raadgivning/ eller https://…"),
        validators=[validate_link],
    )

    class Meta:
        icon = "link"
        description = _("Et punkt i menuen eller sidefoden: en side på sitet eller en adresse.")
        preview_value = {"label": "Kontakt os", "page": None, "url": "/kontakt/"}


@register_snippet
class HeaderNavigation(TranslatableMixin, models.Model):
    """The main menu, one per language."""

    links = StreamField([("link", NavigationLinkBlock())], blank=True, verbose_name=_("menupunkter"))
    panels = [FieldPanel("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("hovedmenu")
        verbose_name_plural = _("hovedmenuer")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"


@register_snippet
class Footer(TranslatableMixin, models.Model):
    """Footer contact details and links, one per language."""

    organisation = models.CharField(_("organisation"), max_length=200)
    address = models.TextField(_("adresse"), blank=True)
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    counselling_hours = models.CharField(_("rådgivningens åbningstid"), max_length=200, blank=True)
    links = StreamField([("link", NavigationLinkBlock())], blank=True, verbose_name=_("links"))

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("counselling_hours"),
        FieldPanel("links"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sidefod")
        verbose_name_plural = _("sidefødder")

    def __str__(self):
        return f"{self.organisation} ({self.locale})"
