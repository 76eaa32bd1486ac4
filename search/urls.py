"""Search URLs: the JSON API (not language-prefixed) and the HTML results page (language-prefixed)."""

from django.urls import path

from search import views

api_urlpatterns = [
    path("api/search/", views.api_search, name="api_search"),
    path("api/search/suggest/", views.api_suggest, name="api_suggest"),
    path("api/search/click/", views.api_click, name="api_search_click"),
]

page_urlpatterns = [
    path("search/", views.search_page, name="search"),
]
