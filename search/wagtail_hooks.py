"""Admin: the search report menu item and URL."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views
from search.models import SynonymList


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("search-report/", admin_views.search_report, name="sitesearch_report")]


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    class ReportMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(admin_views.VIEW_PERMISSION)

    return ReportMenuItem(_("Søgestatistik"), reverse("sitesearch_report"), icon_name="search", order=900)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_stop_word_synonyms(request, instance):
    """Tell the editor which synonyms start with a little word ("ikke", "fik") search cannot use."""
    if isinstance(instance, SynonymList):
        terms = instance.stop_word_terms()
        if terms:
            messages.warning(
                request,
                gettext_now(
                    "Disse synonymer begynder med et lille ord, som søgningen ser bort fra, og bruges derfor "
                    "ikke: %(terms)s. Skriv dem uden det lille ord, fx »uenig« i stedet for »ikke enig«."
                )
                % {"terms": ", ".join(f"»{t}«" for t in terms)},
            )
