"""The press page: press contacts and press releases. An embargo is scheduled publishing ("go live at")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable

from home.blocks import BodyBlock
from home.pages import ContentPage


class PressContact(Orderable):
    page = ParentalKey("knowledge.PressPage", related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(_("navn"), max_length=255)
    role = models.CharField(_("rolle"), max_length=255, help_text=_("Fx 'Formand' eller 'Pressechef'."))
    phone = models.CharField(_("telefon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("phone"), FieldPanel("email")]

    class Meta(Orderable.Meta):
        verbose_name = _("pressekontakt")
        verbose_name_plural = _("pressekontakter")


class PressPage(ContentPage):
    """Press contacts and the latest press releases (its children)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))

    content_panels = ContentPage.content_panels + [
        InlinePanel("contacts", label=_("Pressekontakter")),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.PressReleasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("presseside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["releases"] = (
            PressReleasePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-first_published_at")[:50]
        )
        return context


class PressReleasePage(ContentPage):
    """A press release. To embargo it, set 'Go live date/time' under Settings and publish: it appears then."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))

    content_panels = ContentPage.content_panels + [FieldPanel("body")]
    parent_page_types = ["knowledge.PressPage"]
    subpage_types: list[str] = []
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("pressemeddelelse")
        verbose_name_plural = _("pressemeddelelser")
