from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import health
from home import views as home_views
from search.urls import api_urlpatterns, page_urlpatterns

urlpatterns = [
    # browsers ask for /favicon.ico on pages without a <link rel="icon"> (files, feeds, the admin's own pages)
    path("favicon.ico", home_views.favicon),
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    *api_urlpatterns,
    path("", include("publishing.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.urls import re_path

    urlpatterns += staticfiles_urlpatterns()
    # Media in development, but never /media/documents/ (documents are served by Wagtail's checked view).
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", home_views.development_media)]

# Danish (the default) lives at /, Norwegian at /nb/.
urlpatterns += i18n_patterns(
    *page_urlpatterns,
    path("", include("campaigns.urls")),
    path("", include("subscriptions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = home_views.page_not_found
handler500 = home_views.server_error
