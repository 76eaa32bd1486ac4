"""News and articles."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from home.blocks import BodyBlock
from home.pages import ContentPage

ARTICLES_PER_PAGE = 10


class ArticleIndexPage(ContentPage):
    subpage_types = ["knowledge.ArticlePage"]

    class Meta:
        verbose_name = _("nyhedsoversigt")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-published_at", "-first_published_at")
        )
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("side", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context["articles"] = page
        context["paginator"] = paginator
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("knowledge.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(ContentPage):
    published_at = models.DateField(_("dato"), null=True, blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("emner"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("indhold"))

    parent_page_types = ["knowledge.ArticleIndexPage"]
    subpage_types: list[str] = []
    content_type_name = "article"
    api_fields = [APIField("intro"), APIField("published_at"), APIField("body"), APIField("tags")]
    content_panels = ContentPage.content_panels + [FieldPanel("published_at"), FieldPanel("tags"), FieldPanel("body")]

    class Meta:
        verbose_name = _("nyhed")
        verbose_name_plural = _("nyheder")


def latest_news(locale_id, limit=3):
    """The newest articles of a locale, for the front page (registered in knowledge/apps.py)."""
    return (
        ArticlePage.objects.live()
        .public()
        .filter(locale_id=locale_id)
        .order_by("-published_at", "-first_published_at")
        .defer_streamfields()[:limit]
    )
