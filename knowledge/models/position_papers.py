"""Position papers that policymakers read, quote and cite.

A paper has a stable permalink (/p/<id>/), citations in APA, Harvard, BibTeX and RIS, a PDF (uploaded, or
generated from the page with WeasyPrint and stored per published revision) and public change notes: each
published revision can carry a note, and the paper lists them as its history ("Ændringer").
"""

import logging

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageLogEntry

from home.blocks import RICH_FEATURES, BodyBlock
from home.pages import ContentPage, block_text
from home.site_url import base_url
from home.visibility import public_pages
from knowledge import citations

logger = logging.getLogger(__name__)


class PositionPaperIndexPage(ContentPage):
    subpage_types = ["knowledge.PositionPaperPage"]

    class Meta:
        verbose_name = _("oversigt over holdningspapirer")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        papers = list(
            PositionPaperPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .prefetch_related("tags")
            .order_by("-published_at", "title")
        )
        topics = sorted({tag.name for paper in papers for tag in paper.tags.all()})
        years = sorted({paper.published_at.year for paper in papers if paper.published_at}, reverse=True)
        topic = request.GET.get("emne", "").strip()
        year = request.GET.get("aar", "").strip()
        errors = []
        if topic and topic not in topics:
            errors.append(
                _("Vi har ingen holdningspapirer om emnet “%(topic)s”. Vælg et emne på listen.") % {"topic": topic[:80]}
            )
            topic = ""
        if year and (not year.isdigit() or int(year) not in years):
            errors.append(
                _("Vi har ingen holdningspapirer fra “%(year)s”. Vælg et år på listen.") % {"year": year[:10]}
            )
            year = ""
        if topic:
            papers = [p for p in papers if topic in {t.name for t in p.tags.all()}]
        if year:
            papers = [p for p in papers if p.published_at and p.published_at.year == int(year)]
        context.update(
            {
                "papers": papers,
                "topics": topics,
                "years": years,
                "selected_topic": topic,
                "selected_year": int(year) if year else None,
                "filter_errors": errors,
            }
        )
        return context


class PositionPaperPageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.PositionPaperPage", related_name="tagged_items", on_delete=models.CASCADE)


class PositionPaperRelatedCampaign(Orderable):
    paper = ParentalKey("knowledge.PositionPaperPage", related_name="related_campaigns", on_delete=models.CASCADE)
    campaign = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("kampagne")
    )

    panels = [PageChooserPanel("campaign", page_type="campaigns.CampaignPage")]


class PositionPaperPage(RoutablePageMixin, ContentPage):
    """A position paper: summary, numbered recommendations with stable anchors, body, citation."""

    recommendations = StreamField(
        [("recommendation", blocks.RichTextBlock(features=RICH_FEATURES, label=_("Anbefaling")))],
        blank=True,
        verbose_name=_("anbefalinger"),
        help_text=_("Nummereres automatisk; anker #anbefaling-1, #anbefaling-2 …"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))
    tags = ClusterTaggableManager(through=PositionPaperPageTag, blank=True, verbose_name=_("emner"))
    published_at = models.DateField(_("dato"), null=True, blank=True)
    authors = models.CharField(
        _("forfattere"),
        max_length=500,
        blank=True,
        help_text=_("Adskil forfattere med semikolon, fx 'Foreningens bestyrelse; Politisk konsulent, sekretariatet'"),
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("PDF"),
        help_text=_("Valgfri. Uden en uploadet PDF laver vi selv en ud fra siden."),
    )
    change_note = models.TextField(
        _("ændringsnote"),
        blank=True,
        help_text=_(
            "Hvad er ændret i denne version? Vises offentligt under 'Ændringer', når du udgiver. "
            "Lad feltet stå uændret, hvis der ikke er noget nyt at sige."
        ),
    )
    related_guides = ParentalManyToManyField(
        "knowledge.GuidePage", blank=True, verbose_name=_("relaterede vejledninger")
    )

    parent_page_types = ["knowledge.PositionPaperIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "position_paper"
    api_fields = [
        APIField("intro"),
        APIField("published_at"),
        APIField("authors"),
        APIField("recommendations"),
        APIField("body"),
        APIField("tags"),
    ]
    content_panels = ContentPage.content_panels + [
        FieldPanel("published_at"),
        FieldPanel("authors"),
        FieldPanel("tags"),
        FieldPanel("recommendations"),
        FieldPanel("body"),
        FieldPanel("pdf"),
        MultiFieldPanel(
            [FieldPanel("related_guides"), InlinePanel("related_campaigns", label=_("Kampagner"))],
            heading=_("Relateret"),
        ),
        FieldPanel("change_note"),
    ]

    class Meta:
        verbose_name = _("holdningspapir")
        verbose_name_plural = _("holdningspapirer")

    # -- reading ---------------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        url = self.permalink(request)
        context["permalink"] = url
        # citeproc takes tens of milliseconds: once per published revision
        cited = self.per_revision(request, f"citations:{get_language()}:{url}", lambda: self._citations(url))
        context["citation"] = cited["apa"]
        context["citations"] = [("apa", "APA", cited["apa"]), ("harvard", "Harvard", cited["harvard"])]
        context["changes"] = self.change_history()
        context["guides"], context["campaigns"] = self.related_pages()
        return context

    def _citations(self, url: str) -> dict:
        return {"apa": citations.apa(self, url), "harvard": citations.harvard(self, url)}

    def related_pages(self):
        """(guides, campaigns) that are live and public. The links are cached per published version; whether
        each page is public is checked on every view (home/visibility.py), so a page made private disappears
        at once."""
        key = self._cache_key("related")
        related = cache.get(key)
        if related is None:
            related = self._related_pages()
            cache.set(key, related, 300)
        guides, campaigns = related
        return public_pages(guides), public_pages(campaigns)

    def _related_pages(self):
        guide_ids = self.related_guides.through.objects.filter(positionpaperpage_id=self.pk).values("guidepage_id")
        campaign_ids = PositionPaperRelatedCampaign.objects.filter(paper_id=self.pk).values("campaign_id")
        pages = list(Page.objects.live().filter(Q(pk__in=guide_ids) | Q(pk__in=campaign_ids)).order_by("title"))
        if not pages:  # the common case costs one query
            return [], []
        campaign_pks = set(campaign_ids.values_list("campaign_id", flat=True))
        return [p for p in pages if p.pk not in campaign_pks], [p for p in pages if p.pk in campaign_pks]

    def numbered_recommendations(self):
        return [
            {"number": i, "anchor": f"anbefaling-{i}", "text": block.value}
            for i, block in enumerate(self.recommendations, start=1)
        ]

    def author_list(self) -> list[str]:
        """Authors are separated by semicolons, so a role may carry a comma ("Politisk konsulent,
        sekretariatet"). Older values separated by commas: a part starting in lower case belongs to the one
        before it."""
        if ";" in self.authors:
            return [a.strip() for a in self.authors.split(";") if a.strip()]
        authors: list[str] = []
        for part in (p.strip() for p in self.authors.split(",")):
            if not part:
                continue
            if authors and part[0].islower():
                authors[-1] = f"{authors[-1]}, {part}"
            else:
                authors.append(part)
        return authors

    def permalink(self, request=None) -> str:
        """A link that keeps working when the paper is moved or renamed."""
        path_ = reverse("permalink", args=[self.pk])
        return base_url() + path_

    def citation(self, request=None) -> str:
        """A ready-to-copy citation (APA) ending with the permalink."""
        return citations.apa(self, self.permalink(request))

    def _cache_key(self, name: str) -> str:
        stamp = self.last_published_at.timestamp() if self.last_published_at else 0
        return f"knowledge:paper:{name}:{self.pk}:{self.live_revision_id}:{stamp}"

    def change_history(self) -> list[dict]:
        """Published revisions that carried a new change note, newest first (from Wagtail's audit log).

        Cached per published version: the history only changes when the paper is published again.
        """
        key = self._cache_key("history")
        history = cache.get(key)
        if history is None:
            history = self._change_history()
            cache.set(key, history, 24 * 3600)
        return history

    def _change_history(self) -> list[dict]:
        entries = (
            PageLogEntry.objects.filter(page_id=self.pk, action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("timestamp", "pk")[:200]
        )
        published = [
            (entry.timestamp, entry.revision_id, entry.revision.content.get("change_note") or "") for entry in entries
        ]
        if self.live and self.live_revision_id and self.live_revision_id not in {rev for _t, rev, _n in published}:
            # called while publishing (the cache is warmed from page_published), before the log entry exists
            published.append((self.last_published_at, self.live_revision_id, self.change_note or ""))
        history, previous = [], ""
        for timestamp, revision_id, note in published:
            note = note.strip()
            if note and note != previous:
                history.append({"date": timestamp, "note": note, "revision_id": revision_id})
            previous = note or previous
        return list(reversed(history))

    # -- downloads -------------------------------------------------------------------
    @path("")
    def paper(self, request):
        return self.render(request)

    @path("citer/bibtex/")
    def cite_bibtex(self, request):
        return self._download(citations.bibtex(self, self.permalink(request)), "application/x-bibtex", "bib")

    @path("citer/ris/")
    def cite_ris(self, request):
        return self._download(
            citations.ris(self, self.permalink(request)), "application/x-research-info-systems", "ris"
        )

    @path("pdf/")
    def pdf_view(self, request):
        """The uploaded PDF, or one generated from this page, stored once per published revision.

        Generated files are kept in the "generated" storage, outside public media: they are only ever served
        here, after Wagtail has checked the page's view restrictions (password, login, groups).
        """
        if self.pdf:
            return HttpResponseRedirect(self.pdf.url)
        storage = storages["generated"]
        name = f"position-papers/{self.pk}-{self.live_revision_id or 0}-{self.locale.language_code}.pdf"
        if not storage.exists(name):
            try:
                pdf = self.render_pdf(request)
            except (ImportError, OSError):
                # WeasyPrint needs Pango from the operating system; without it readers get the page,
                # whose print stylesheet makes a clean printout.
                logger.exception("Could not generate the PDF of %s", self)
                return HttpResponseRedirect(self.url)
            storage.save(name, ContentFile(pdf))
        with storage.open(name, "rb") as handle:
            response = HttpResponse(handle.read(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.pdf"'
        return response

    def render_pdf(self, request) -> bytes:
        import weasyprint  # ~2 s to import (Pango, fonts): loaded when a PDF is made, not with the models

        html = self.render(request, template="knowledge/position_paper_page_pdf.html").render().content.decode()
        return weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()

    def _download(self, text: str, content_type: str, extension: str) -> HttpResponse:
        response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.{extension}"'
        return response

    def search_document(self) -> dict:
        document = super().search_document()
        document["body"] = "\n".join(
            [block_text(rec["text"]) for rec in self.numbered_recommendations()] + [document["body"]]
        )
        return document
