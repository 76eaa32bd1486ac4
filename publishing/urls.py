"""URLs outside the language prefixes: permalinks, feeds, sitemap.xml, robots.txt and the read-only API."""

from django.urls import path

from publishing import views

urlpatterns = [
    path("p/<int:page_id>/", views.permalink, name="permalink"),
]
