"""Admin: the search report menu item and URL."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("search-report/", admin_views.search_report, name="sitesearch_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    class ReportMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(admin_views.VIEW_PERMISSION)

    return ReportMenuItem(_("Søgestatistik"), reverse("sitesearch_report"), icon_name="search", order=900)
