"""URLs outside the language prefixes: permalinks, feeds, sitemap.xml, robots.txt and the read-only API."""

from django.urls import path

from publishing import feeds, sitemap, views
from publishing.api import api_router

urlpatterns = [
    path("p/<int:page_id>/", views.permalink, name="permalink"),
    path("del/<int:page_id>-<int:revision_id>.png", views.share_card, name="share_card"),
    path("feeds/<str:language>/nyheder/rss/", feeds.NewsFeed(), name="feed_news_rss"),
    path("feeds/<str:language>/nyheder/atom/", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("feeds/<str:language>/holdningspapirer/rss/", feeds.PositionPaperFeed(), name="feed_papers_rss"),
    path("feeds/<str:language>/holdningspapirer/atom/", feeds.PositionPaperAtomFeed(), name="feed_papers_atom"),
    path("sitemap.xml", sitemap.sitemap, name="sitemap"),
    path("robots.txt", sitemap.robots, name="robots"),
    path("api/v2/", api_router.urls),
]
