"""RSS 2.0 and Atom feeds per locale for news and position papers (Django's syndication framework)."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.site_url import absolute

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _page_datetime(page) -> datetime.datetime | None:
    date = getattr(page, "published_at", None)
    if date:
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time(8, 0)))
    return page.first_published_at


class _LocaleFeed(Feed):
    feed_type = Rss201rev2Feed
    model_name = ""
    limit = 30

    def get_object(self, request, language):
        if language not in LANGUAGE_CODES:
            raise Http404
        translation.activate(language)
        return language

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj
        return feed

    def model(self):
        return apps.get_model("knowledge", self.model_name)

    def items(self, language):
        return list(
            self.model()
            .objects.live()
            .public()
            .filter(locale__language_code=language)
            .defer_streamfields()
            .order_by("-published_at", "-first_published_at")[: self.limit]
        )

    def index_page(self, language):
        index_model = {"ArticlePage": "ArticleIndexPage", "PositionPaperPage": "PositionPaperIndexPage"}[
            self.model_name
        ]

        return apps.get_model("knowledge", index_model).objects.live().filter(locale__language_code=language).first()

    def link(self, language):
        index = self.index_page(language)
        return index.get_full_url() if index else absolute("/" if language == "da" else f"/{language}/")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url()

    def item_guid(self, item):
        return item.get_full_url()

    def item_pubdate(self, item):
        return _page_datetime(item)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsFeed(_LocaleFeed):
    model_name = "ArticlePage"

    def title(self, language):
        return _("Nyheder") + f" – {settings.WAGTAIL_SITE_NAME}"

    def description(self, language):
        return _("Nyt fra foreningen")


class PositionPaperFeed(_LocaleFeed):
    model_name = "PositionPaperPage"

    def title(self, language):
        return _("Holdningspapirer") + f" – {settings.WAGTAIL_SITE_NAME}"

    def description(self, language):
        return _("Foreningens holdninger og anbefalinger")

    def item_author_name(self, item):
        return item.authors or settings.WAGTAIL_SITE_NAME


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class PositionPaperAtomFeed(PositionPaperFeed):
    feed_type = Atom1Feed
    subtitle = PositionPaperFeed.description
