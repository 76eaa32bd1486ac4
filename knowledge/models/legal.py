"""The legal reference register: one snippet per legal provision, cited by guides from their body.

When an editor marks a provision renumbered or repealed, every page that cites it gets an open
ReviewFlag (shown on the admin dashboard), and readers see the current provision next to the old one.
Where a provision is cited comes from Wagtail's own ReferenceIndex.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from home.versioned_cache import VersionedCache


class LegalProvision(index.Indexed, models.Model):
    class Jurisdiction(models.TextChoices):
        DENMARK = "dk", _("Danmark")
        NORWAY = "no", _("Norge")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("Gældende")
        RENUMBERED = "renumbered", _("Flyttet til en anden paragraf")
        REPEALED = "repealed", _("Ophævet")

    jurisdiction = models.CharField(
        _("land"),
        max_length=2,
        choices=Jurisdiction.choices,
        default=Jurisdiction.DENMARK,
        help_text=_("Danske og norske love kan hedde det samme (fx forvaltningsloven)."),
    )
    law = models.CharField(_("lov"), max_length=255, help_text=_("Lovens navn, fx 'Barnets lov'."))
    short_name = models.CharField(
        _("kort navn"),
        max_length=100,
        blank=True,
        help_text=_("Fx 'BL' eller 'SEL'. Vises ikke, hvis feltet er tomt."),
    )
    section = models.CharField(_("paragraf"), max_length=100, blank=True, help_text=_("Fx '§ 87' eller '§ 3-6'."))
    url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("Link til retsinformation.dk eller lovdata.no.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.IN_FORCE,
        help_text=_(
            "Når du ændrer status til flyttet eller ophævet, markeres alle sider, der henviser hertil, til faglig gennemgang."
        ),
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        verbose_name=_("erstattet af"),
        help_text=_("Den bestemmelse, der gælder nu, fx Barnets lov § 87."),
    )
    status_note = models.TextField(
        _("bemærkning til ændringen"),
        blank=True,
        help_text=_("Kort forklaring til læsere og redaktører."),
    )
    status_changed_at = models.DateTimeField(_("status ændret"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("jurisdiction"),
        FieldPanel("law"),
        FieldPanel("short_name"),
        FieldPanel("section"),
        FieldPanel("url"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("replaced_by"), FieldPanel("status_note")],
            heading=_("Status"),
        ),
    ]
    search_fields = [
        index.SearchField("law"),
        index.SearchField("section"),
        index.SearchField("short_name"),
        index.AutocompleteField("law"),
        index.FilterField("jurisdiction"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("lovbestemmelse")
        verbose_name_plural = _("lovregister")
        ordering = ["jurisdiction", "law", "section"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "law", "section"], name="unique_legal_provision"),
        ]

    def __str__(self) -> str:
        return f"{self.law} {self.section}".strip()

    @property
    def in_force(self) -> bool:
        return self.status == self.Status.IN_FORCE

    def current(self) -> LegalProvision | None:
        """The provision that applies now: itself, or the end of the replaced_by chain (None if repealed)."""
        provision, seen = self, set()
        while provision is not None and not provision.in_force:
            if provision.pk in seen:  # a loop in the data: stop rather than hang
                return None
            seen.add(provision.pk)
            provision = provision.replaced_by
        return provision

    def citing_pages(self):
        """Pages whose content refers to this provision (from Wagtail's reference index), most recent first."""
        page_ids = (
            ReferenceIndex.get_references_to(self)
            .filter(base_content_type__model="page", base_content_type__app_label="wagtailcore")
            .values_list("object_id", flat=True)
        )
        return Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).order_by("title")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        bump_register_version()
        return result

    def save(self, *args, **kwargs):
        previous = (
            type(self).objects.filter(pk=self.pk).values_list("status", "replaced_by_id").first() if self.pk else None
        )
        changed = previous is not None and (previous[0], previous[1]) != (self.status, self.replaced_by_id)
        if changed:
            self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)
        bump_register_version()
        if changed and not self.in_force:
            flag_citing_pages(self)


class ReviewFlag(models.Model):
    """A page that needs a professional review because a provision it cites changed."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="review_flags")
    provision = models.ForeignKey(LegalProvision, null=True, blank=True, on_delete=models.CASCADE, related_name="flags")
    reason = models.TextField(_("årsag"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    resolved_at = models.DateTimeField(_("løst"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("markering til gennemgang")
        verbose_name_plural = _("markeringer til gennemgang")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.page}: {self.reason}"


def flag_citing_pages(provision: LegalProvision) -> list[ReviewFlag]:
    """Open a review flag on every page citing the provision (one open flag per page and provision)."""
    current = provision.current()
    # Stored text for the editorial team: in the site's language (as the review reminders are), not in
    # whatever language the request or command that changed the provision happened to have active.
    with translation.override(settings.LANGUAGE_CODE):
        if provision.status == LegalProvision.Status.REPEALED or current is None:
            reason = str(_("%(provision)s er ophævet.") % {"provision": provision})
        else:
            reason = str(_("%(provision)s er flyttet til %(current)s.") % {"provision": provision, "current": current})
    flags = []
    for page in provision.citing_pages():
        flag, _created = ReviewFlag.objects.get_or_create(
            page=page,
            provision=provision,
            resolved_at=None,
            defaults={"reason": reason},
        )
        flags.append(flag)
    return flags


# -- a cache of cited provisions, so a guide's legal references cost no query on a normal view ---------

#: Every change to the register bumps the version, so no cached citation outlives it.
REGISTER_CACHE = VersionedCache("knowledge:legal", timeout=24 * 3600)


def bump_register_version() -> None:
    REGISTER_CACHE.bump()


def cached_provisions(ids) -> list:
    """[LegalProvision or None] for the given ids, with two levels of `replaced_by` loaded."""
    wanted = sorted({int(i) for i in ids if i not in (None, "")})
    found = REGISTER_CACHE.get_or_build(
        ",".join(map(str, wanted)),
        lambda: LegalProvision.objects.select_related("replaced_by__replaced_by").in_bulk(wanted),
    )
    return [found.get(int(i)) if i not in (None, "") else None for i in ids]
